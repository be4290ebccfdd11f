package mapiblob_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/smartview"
)

const module = "github.com/mapiblob/mapiblob"

// houseRow is one row of the README's table of packages.
type houseRow struct {
	layer   int // -1 for the checks and the generators, which no library package imports
	pkgs    []string
	imports []string
}

// readHouse reads the table under "### The house" in README.md.
func readHouse(t *testing.T) []houseRow {
	t.Helper()
	f, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(f), "\n### The house\n")
	if !ok {
		t.Fatal(`README.md has no "### The house" section`)
	}
	code := regexp.MustCompile("`([^`]+)`")
	var rows []houseRow
	sc := bufio.NewScanner(strings.NewReader(rest))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "###") {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) != 6 || strings.HasPrefix(strings.TrimSpace(cells[1]), "layer") || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		r := houseRow{layer: -1}
		if n, err := strconv.Atoi(strings.Fields(cells[1])[0]); err == nil {
			r.layer = n
		}
		for _, m := range code.FindAllStringSubmatch(cells[2], -1) {
			r.pkgs = append(r.pkgs, m[1])
		}
		if strings.Contains(cells[2], "(root)") {
			r.pkgs = []string{"."}
		}
		for _, m := range code.FindAllStringSubmatch(cells[4], -1) {
			r.imports = append(r.imports, m[1])
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatal("the house table has no rows")
	}
	return rows
}

// goList is each package of the module (by path relative to the module,
// "." for the root) with its non-test imports within the module.
func goList(t *testing.T, env ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v: %s", err, errb.String())
	}
	rel := func(p string) (string, bool) {
		if p == module {
			return ".", true
		}
		r, ok := strings.CutPrefix(p, module+"/")
		return r, ok
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		f := strings.Fields(line)
		p, _ := rel(f[0])
		var imps []string
		for _, i := range f[1:] {
			if r, ok := rel(i); ok {
				imps = append(imps, r)
			}
		}
		slices.Sort(imps)
		pkgs[p] = imps
	}
	return pkgs
}

// The README's drawing of the house is the house: every package is in the
// table, a row's imports are its package's, and no package imports one on
// a higher layer.
func TestHouse(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("TestHouse runs go list: install Go (https://go.dev/dl/) and put it on PATH")
	}
	pkgs := goList(t)
	for p, imps := range goList(t, "GOOS=js", "GOARCH=wasm") {
		if _, ok := pkgs[p]; !ok {
			pkgs[p] = imps // web/wasm builds for the browser only
		}
	}
	rows := readHouse(t)
	layer := map[string]int{}
	matchRow := func(p string) *houseRow {
		for i := range rows {
			for _, pat := range rows[i].pkgs {
				if ok, _ := path.Match(pat, p); ok || pat == p {
					return &rows[i]
				}
			}
		}
		return nil
	}
	for p := range pkgs {
		r := matchRow(p)
		if r == nil {
			t.Errorf("package %s is not in README's house table", p)
			continue
		}
		layer[p] = r.layer
	}
	for i := range rows {
		r := &rows[i]
		if r.layer < 0 {
			continue // checks and generators: their imports are their own affair
		}
		for _, p := range r.pkgs {
			imps, ok := pkgs[p]
			if !ok {
				t.Errorf("README's house table names %s, which is no package", p)
				continue
			}
			want := slices.Clone(r.imports)
			for j, w := range want {
				if w == "mapiblob" {
					want[j] = "."
				}
			}
			slices.Sort(want)
			if d := cmp.Diff(want, imps); d != "" && len(r.pkgs) == 1 {
				t.Errorf("README says what %s imports (-README +go list):\n%s", p, d)
			}
			for _, imp := range imps {
				if l, ok := layer[imp]; ok && l >= 0 && l > r.layer {
					t.Errorf("%s (layer %d) imports %s, which is on layer %d, above it", p, r.layer, imp, l)
				}
			}
		}
	}
}

// README's table of SmartView structures lists every structure of the
// registry, by its kind and MFCMAPI's parser name, with "detected" exactly
// for those with a signature.
func TestReadmeStructures(t *testing.T) {
	f, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(f), "\n## Every SmartView structure\n")
	if !ok {
		t.Fatal(`README.md has no "## Every SmartView structure" section`)
	}
	rest, _, _ = strings.Cut(rest, "\n## ")
	entry := regexp.MustCompile("`([a-z0-9]+)` \\(([A-Z0-9]+)(, detected)?\\)")
	got := map[string]string{}
	for _, m := range entry.FindAllStringSubmatch(rest, -1) {
		got[m[1]] = m[2] + m[3]
	}
	want := map[string]string{}
	for _, d := range smartview.Decoders() {
		w := d.Parser
		if d.Sniff != nil {
			w += ", detected"
		}
		want[string(d.Kind)] = w
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("README's structures (-registry +README):\n%s", d)
	}
}
