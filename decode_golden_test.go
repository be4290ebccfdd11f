package mapiblob

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/internal/golden"
)

// Every blob the project keeps in testdata has its expected decode beside
// it (NAME.json: the JSON form, with findings), made by this code and
// reviewed; -update rewrites them.
func TestExpectedDecodes(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.hex")
	if len(files) < 100 {
		t.Fatalf("only %d golden blobs", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := hex.DecodeString(strings.TrimSpace(string(raw)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		opt := Options{}
		if strings.Contains(f, "cp932") {
			opt.CodePage = 932
		}
		r, err := Decode(b, KindAuto, nil, opt)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, strings.TrimSuffix(f, ".hex")+".json", append(out, '\n'))
	}
}
