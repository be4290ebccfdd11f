package smartview

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/golden"
)

// Every blob the project keeps in testdata has its expected decode beside
// it (NAME.json: the JSON form, with findings), made by this code and
// reviewed; -update rewrites them.
func TestExpectedDecodes(t *testing.T) {
	gs := fixtures.Goldens(t, "../testdata/*/*.hex")
	if len(gs) < 100 {
		t.Fatalf("only %d golden blobs", len(gs))
	}
	for _, g := range gs {
		opt := Options{}
		if strings.Contains(g.Name, "cp932") {
			opt.CodePage = 932
		}
		r, err := Decode(g.Bytes, opt)
		if err != nil {
			t.Fatalf("%s: %v", g.Path, err)
		}
		out, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, strings.TrimSuffix(g.Path, ".hex")+".json", append(out, '\n'))
	}
}
