package tzdef

import (
	"encoding/json"
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

func TestFastPathsAgreeWithCursor(t *testing.T) {
	var blobs [][]byte
	for _, n := range []string{"TIMEZONEDEFINITION-1", "TIMEZONEDEFINITION-2", "TIMEZONEDEFINITION-3", "TIMEZONE-1"} {
		blobs = append(blobs, fixtures.Load(t, n).Blob)
	}
	for _, g := range fixtures.Goldens(t, "../testdata/*/*.tz*.hex") {
		blobs = append(blobs, g.Bytes)
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	for i, b := range blobs {
		for n := len(b); n >= 0; n-- {
			d1, e1 := Parse(b[:n])
			var s1 TimeZoneStruct
			es1 := s1.UnmarshalBinary(b[:n])
			cursorOnly = true
			d2, e2 := Parse(b[:n])
			var s2 TimeZoneStruct
			es2 := s2.UnmarshalBinary(b[:n])
			cursorOnly = false
			if (e1 == nil) != (e2 == nil) || e1 == nil && (js(d1) != js(d2) || d1.SmartView() != d2.SmartView()) {
				t.Fatalf("blob %d[:%d]: definition paths differ: %v / %v", i, n, e1, e2)
			}
			if (es1 == nil) != (es2 == nil) || es1 == nil && js(s1) != js(s2) {
				t.Fatalf("blob %d[:%d]: struct paths differ", i, n)
			}
		}
	}
}
