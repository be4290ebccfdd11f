package ical

import (
	"sort"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/tzdef"
)

// The zones whose IANA history has a year with more than two changes of
// offset between 2000 and 2037, which a Windows rule cannot express.
var inexpressible = map[string]bool{
	"Egypt Standard Time": true, "Morocco Standard Time": true, "Samoa Standard Time": true,
	"Tomsk Standard Time": true, "West Bank Standard Time": true, "Georgian Standard Time": true,
}

func mustBuild(t *testing.T, key string) *tzdef.Definition {
	t.Helper()
	d, _, err := tzdef.FromWindowsName(key, 2000, 2037)
	require.NoError(t, err)
	return d
}

// vtzOnsets evaluates a VTIMEZONE's text with go-ical and rrule-go,
// independently of this package (vtimezoneOffsets).
func vtzOnsets(t *testing.T, text string, until time.Time) []tzOnset {
	t.Helper()
	cal, err := goical.NewDecoder(strings.NewReader("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + text + "END:VCALENDAR\r\n")).Decode()
	require.NoError(t, err)
	require.Len(t, cal.Children, 1)
	return vtimezoneOffsets(t, cal.Children[0], until)
}

// VTimezone(d, "", 2000) of every buildable CLDR zone gives Offset's offsets
// at every twelve hours of 2000–2037 and at every change of offset; its
// observances are yearly RRULEs (not one per year), and the zones whose
// rules repeat unchanged end in observances without UNTIL.
func TestVTimezoneAgreesWithOffset(t *testing.T) {
	names := tzdef.WindowsNames()
	sort.Strings(names)
	for _, key := range names {
		if inexpressible[key] {
			continue
		}
		d := mustBuild(t, key)
		text := VTimezone(d, "", 2000).String()
		// At most one observance per rule and direction, and one for each
		// change at a year's start.
		require.LessOrEqual(t, strings.Count(text, "BEGIN:DAYLIGHT")+strings.Count(text, "BEGIN:STANDARD"), 2*len(d.Rules)+2, "%s: too many observances:\n%s", key, text)
		onsets := vtzOnsets(t, text, time.Date(2039, 1, 1, 0, 0, 0, 0, time.UTC))
		check := func(u time.Time) {
			i := sort.Search(len(onsets), func(i int) bool { return onsets[i].at.After(u) })
			require.Greater(t, i, 0, "%s: no observance before %v", key, u)
			want, _, _ := d.Offset(u)
			require.Equal(t, want, onsets[i-1].off, "%s at %v:\n%s", key, u, text)
		}
		for u := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC); u.Year() < 2038; u = u.Add(12 * time.Hour) {
			check(u)
		}
		for y := 2000; y < 2038; y++ {
			for _, tr := range d.Transitions(y) {
				check(tr.UTC)
				check(tr.UTC.Add(-time.Second))
			}
		}
	}
}
