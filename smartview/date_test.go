package smartview

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"2026-03-01", time.Date(2026, 3, 1, 0, 0, 0, 0, ny)},
		{"2026-03-01T09:00", time.Date(2026, 3, 1, 9, 0, 0, 0, ny)},
		{"2026-03-01T09:00:05", time.Date(2026, 3, 1, 9, 0, 5, 0, ny)},
		{"2026-03-01 09:00", time.Date(2026, 3, 1, 9, 0, 0, 0, ny)},
		{"2026-03-01T09:00:00+01:00", time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)},
		{"2026-03-01T09:00:00Z", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
	} {
		got, err := ParseDate(tt.in, ny)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || got.IsZero() != tt.want.IsZero() {
			t.Errorf("%q: %v, want %v", tt.in, got, tt.want)
		}
		if len(tt.in) < 20 && tt.in != "" && got.Location() != ny {
			t.Errorf("%q: in %v, want the series' zone", tt.in, got.Location())
		}
	}
	for _, in := range []string{"tomorrow", "2026-13-01", "2026-03-01T25:00", "01/03/2026"} {
		_, err := ParseDate(in, ny)
		var de *DateError
		if !errors.As(err, &de) || de.Text != in {
			t.Errorf("%q: %v, want a *DateError", in, err)
			continue
		}
		if d := cmp.Diff(`"`+in+`": want a date like 2026-03-01 or 2026-03-01T09:00`, err.Error()); d != "" {
			t.Errorf("%q (-want +got):\n%s", in, d)
		}
	}
}
