package mfcprop

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// Every tag MFCMAPI names in its test outputs, on one line or as a
// "Name:" and "Other Matches:" block, is named alike.
func TestTagLinesOfFixtures(t *testing.T) {
	dir := fixtures.Dir()
	if dir == "" {
		t.Skip("MFCMAPI fixtures not found")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.smartview.txt"))
	re := regexp.MustCompile(`(?m)(0x[0-9A-F]{8}) \(((?:PT_|0x)[^)]*)\)(: [^\n]*)?$(\n[\t|]*Name: [^\n]*)?(\n[\t|]*Other Matches: [^\n]*)?`)
	lead := regexp.MustCompile(`\n[\t|]*(Name|Other Matches): `)
	seen := map[string]bool{}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if seen[m[0]] {
				continue
			}
			seen[m[0]] = true
			v, _ := strconv.ParseUint(m[1][2:], 16, 32)
			want := m[1] + " (" + m[2] + ")" + m[3]
			if m[4] != "" {
				want += ": " + lead.ReplaceAllString(m[4], "")
				if m[5] != "" {
					want += ": (" + lead.ReplaceAllString(m[5], "") + ")"
				}
			}
			if got := TagLine(uint32(v)); got != want {
				t.Errorf("%s:\n got  %s\n want %s", filepath.Base(f), got, want)
			}
		}
	}
}
