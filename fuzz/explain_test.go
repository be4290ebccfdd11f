package fuzz

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/explain"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// FuzzExplain feeds the web page's entry point whatever a user might paste
// or drop, blobs and whole items: Explain and Bytes never panic, always say what the input
// was read as, give an error exactly when they read nothing, marshal to
// JSON, and offer a repair's hex only for a blob with TZ_EMPTY_KEYNAME.
func FuzzExplain(f *testing.F) {
	for _, dir := range []string{"../testdata/samples", "../testdata/goid", "../testdata/exmerge"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range paths {
			if strings.HasSuffix(p, ".json") {
				continue
			}
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`))
	f.Add([]byte("cb: 76 lpb: 0201060002000000010002013E000200D70700000000000000000000000000002C01000000000000C4FFFFFF00000B0000000100020000000000000000000300000002000200000000000000"))
	// Whole items: a .msg and a TNEF file of a recurring meeting.
	it := itemtest.Meeting(itemtest.Options{EmptyStartDisplayKeyName: true})
	for _, marshal := range []func(*item.Item) ([]byte, error){msg.Marshal, tnef.Marshal} {
		b, err := marshal(it)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	opt := explain.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Count: 3}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, x := range []*explain.Explanation{explain.Explain(string(in), opt), explain.Bytes(in, opt)} {
			switch x.Input {
			case explain.InputInvalid:
				if x.Error == "" {
					t.Fatal("invalid input without an error")
				}
			case explain.InputItems:
				if len(x.Items) == 0 || x.Text == "" {
					t.Fatal("items read, none shown")
				}
			case explain.InputEmpty, explain.InputBlobs, explain.InputGUID, explain.InputExMerge:
			default:
				t.Fatalf("input read as %q", x.Input)
			}
			if x.Input == explain.InputGUID && (x.GUID == nil || len(x.GUID.Forms) == 0) {
				t.Fatal("a GUID without forms")
			}
			blobs := x.Blobs
			for _, ie := range x.Items {
				blobs = append(blobs, ie.Blobs...)
			}
			for _, b := range blobs {
				if (b.Kind == "") == (b.Error == "") {
					t.Fatalf("blob %d: kind %q and error %q", b.Index, b.Kind, b.Error)
				}
				if b.Repair != nil && b.Repair.Code != "TZ_EMPTY_KEYNAME" {
					t.Fatalf("repair of %s", b.Repair.Code)
				}
			}
			if _, err := json.Marshal(x); err != nil {
				t.Fatalf("json: %v", err)
			}
		}
	})
}
