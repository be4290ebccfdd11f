package recurrence

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/recurrence/internal/decodegen"
)

// The specialised decoders of zz_decode_fields.go are generated from the
// field tables (infoFields, extFields) by internal/gendecode, which reads
// the tables' literals in the package's source (go generate ./recurrence).
func TestGenerated(t *testing.T) { gentest.Check(t, "gendecode", decodegen.GenerateFrom) }

// What the generator reads of the source is what the package is built
// with: each field's names, kind, flags and highlight, and the offsets in
// Exception its selectors reach.
func TestGeneratorReadsTheTables(t *testing.T) {
	type row struct {
		Name, Name1, Name2 string
		Kind               fieldKind
		Flags              OverrideFlags
		Highlight          bool
		Off, Off2, Span    uintptr
	}
	kinds := map[string]fieldKind{"kindU16": kindU16, "kindU32": kindU32, "kindDate": kindDate,
		"kindText8": kindText8, "kindText16": kindText16, "kindBlock": kindBlock, "kindHighlight": kindHighlight}
	offset := func(path string) uintptr {
		if path == "" {
			return 0
		}
		var off uintptr
		typ := reflect.TypeOf(Exception{})
		for _, name := range strings.Split(path, ".") {
			sf, ok := typ.FieldByName(name)
			if !ok {
				t.Fatalf("Exception has no field %s", path)
			}
			off += sf.Offset
			typ = sf.Type
		}
		return off
	}
	tables, err := decodegen.ReadTables(".")
	if err != nil {
		t.Fatal(err)
	}
	for i, fs := range [][]field{infoFields, extFields} {
		var want, got []row
		for k := range fs {
			f := &fs[k]
			want = append(want, row{f.name, f.name1, f.name2, f.kind, f.flags, f.highlight, f.off, f.off2, f.span})
		}
		for _, f := range tables[i].Fields {
			kind, ok := kinds[f.Kind]
			if !ok {
				t.Fatalf("%s: kind %s", f.Name, f.Kind)
			}
			got = append(got, row{f.Name, f.Name1, f.Name2, kind, OverrideFlags(f.Flags), f.Highlight, offset(f.Off), offset(f.Off2), offset(f.Span)})
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-built +read by decodegen):\n%s", tables[i].Var, diff)
		}
	}
}

// TestGeneratedDecodersAgree decodes the exceptions of every blob, and of
// every blob with one byte changed, with decodeFields alone and checks
// that the generated decoders read the same.
func TestGeneratedDecodersAgree(t *testing.T) {
	cases := testdataBlobs(t)
	if fixtures.Dir() != "" {
		cases = append(cases, fixtureBlobs(t)...)
	}
	ap := new(AppointmentPattern)
	checked := 0
	for _, c := range cases {
		if !c.appt {
			continue
		}
		b := append([]byte(nil), c.b...)
		check := func(where string) {
			if ap.UnmarshalBinary(b) != nil {
				return
			}
			checked++
			h := b2i(ap.WriterVersion2 >= ChangeHighlightVersion)
			cur := wire.NewCursor(ap.buf)
			cur.Skip(ap.RecurrencePattern.Size() + 18)
			es := make([]Exception, len(ap.Exceptions))
			for i := range es {
				if err := decodeFields(&cur, &es[i], &infoMasks[h], i); err != nil {
					t.Fatalf("%s%s: %v", c.name, where, err)
				}
			}
			cur.Skip(4 + len(ap.ReservedBlock1))
			for i := range es {
				if err := decodeFields(&cur, &es[i], &extMasks[h], i); err != nil {
					t.Fatalf("%s%s: %v", c.name, where, err)
				}
			}
			if len(es) != len(ap.Exceptions) || len(es) > 0 && !reflect.DeepEqual(es, ap.Exceptions) {
				t.Fatalf("%s%s: the generated decoders read\n%+v\nthe field tables\n%+v", c.name, where, ap.Exceptions, es)
			}
		}
		check("")
		for i := range b {
			old := b[i]
			for _, v := range [...]byte{0, 1, 0x11, 0xFF, old ^ 0x80} {
				b[i] = v
				check(fmt.Sprintf(" with byte %d = %#x", i, v))
			}
			b[i] = old
		}
	}
	if checked == 0 {
		t.Fatal("no appointment pattern decoded")
	}
	t.Logf("%d decodes agree", checked)
}
