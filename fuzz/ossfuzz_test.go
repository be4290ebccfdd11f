package fuzz

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// fuzzTargets returns the names of the func Fuzz… of this package's test files.
func fuzzTargets(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^func (Fuzz[A-Za-z0-9_]*)\(\s*\w+\s+\*testing\.F\s*\)`)
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// snake turns FuzzAppointmentPattern into fuzz_appointment_pattern, keeping
// acronyms together (FuzzGUID → fuzz_guid, FuzzTZDefinition → fuzz_tz_definition).
func snake(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// TestOSSFuzzBuildListsEveryTarget fails when oss-fuzz/build.sh does not
// compile exactly the fuzz targets of this package, each once, under its
// snake_case name.
func TestOSSFuzzBuildListsEveryTarget(t *testing.T) {
	targets := fuzzTargets(t)
	if len(targets) < 8 {
		t.Fatalf("found only %d fuzz targets: %v", len(targets), targets)
	}
	b, err := os.ReadFile(filepath.Join("oss-fuzz", "build.sh"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^\s*compile_native_go_fuzzer\s+(\S+)\s+(\S+)\s+(\S+)\s*$`)
	var listed []string
	names := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		pkg, fn, bin := m[1], m[2], m[3]
		if pkg != "github.com/mapiblob/mapiblob/fuzz" {
			t.Errorf("%s: package %s, want github.com/mapiblob/mapiblob/fuzz", fn, pkg)
		}
		if want := snake(fn); bin != want {
			t.Errorf("%s is built as %s, want %s", fn, bin, want)
		}
		if other, dup := names[bin]; dup {
			t.Errorf("binary %s built for both %s and %s", bin, other, fn)
		}
		names[bin] = fn
		listed = append(listed, fn)
	}
	sort.Strings(listed)
	if d := cmp.Diff(targets, listed); d != "" {
		t.Errorf("oss-fuzz/build.sh vs the func Fuzz… of fuzz/*_test.go (-targets +build.sh):\n%s", d)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"FuzzAppointmentPattern": "fuzz_appointment_pattern", "FuzzGUID": "fuzz_guid",
		"FuzzTZDefinition": "fuzz_tz_definition", "FuzzExMergeLog": "fuzz_ex_merge_log", "FuzzInputHex": "fuzz_input_hex",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%s) = %s, want %s", in, got, want)
		}
	}
}
