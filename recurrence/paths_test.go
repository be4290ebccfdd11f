package recurrence

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// decodeBoth decodes b with the fast paths and with the cursor alone.
func decodeBoth(t *testing.T, b []byte) (fast, slow *AppointmentPattern, errFast, errSlow error) {
	t.Helper()
	fast, errFast = Parse(b)
	cursorOnly = true
	defer func() { cursorOnly = false }()
	slow, errSlow = Parse(b)
	return
}

// The cursor-free fast paths and the cursor decode every golden blob, and
// every truncation of each, alike.
func TestFastPathsAgreeWithCursor(t *testing.T) {
	var blobs [][]byte
	for _, n := range apptFixtures {
		blobs = append(blobs, fixtures.Load(t, n).Blob)
	}
	for _, g := range fixtures.Goldens(t, "../testdata/recur/*.apptrecur.hex") {
		blobs = append(blobs, g.Bytes)
	}
	for i, b := range blobs {
		for n := len(b); n >= 0; n -= 1 + n/16 {
			fast, slow, e1, e2 := decodeBoth(t, b[:n])
			if (e1 == nil) != (e2 == nil) {
				t.Fatalf("blob %d[:%d]: fast %v, cursor %v", i, n, e1, e2)
			}
			if e1 == nil && !equalJSON(t, fast, slow) {
				t.Fatalf("blob %d[:%d]: fast and cursor results differ", i, n)
			}
		}
		// The task-pattern decoder likewise.
		p1, e1 := ParsePattern(b)
		cursorOnly = true
		p2, e2 := ParsePattern(b)
		cursorOnly = false
		if (e1 == nil) != (e2 == nil) || e1 == nil && !equalJSON(t, p1, p2) {
			t.Fatalf("blob %d: pattern paths differ: %v %v", i, e1, e2)
		}
	}
}
