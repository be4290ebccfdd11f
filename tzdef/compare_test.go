package tzdef

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// The rule Windows had for Mexico City before Mexico abolished daylight
// saving in October 2022: daylight time from the first Sunday of April to
// the last Sunday of October, 02:00.
func oldMexico() *Definition {
	return &Definition{KeyName: "Central Standard Time (Mexico)", Rules: []Rule{{
		MajorVersion: 2, MinorVersion: 1, Reserved: RuleReserved, Flags: TZRULE_FLAG_EFFECTIVE_TZREG | TZRULE_FLAG_RECUR_CURRENT_TZREG,
		Year: 2002, Bias: 360, DaylightBias: -60,
		StandardDate: SystemTime{Month: 10, DayOfWeek: 0, Day: 5, Hour: 2},
		DaylightDate: SystemTime{Month: 4, DayOfWeek: 0, Day: 1, Hour: 2},
	}}}
}

func TestCompareMexico2022(t *testing.T) {
	loc, err := time.LoadLocation("America/Mexico_City")
	require.NoError(t, err)
	got := Compare(oldMexico(), loc, 2021, 2024)
	utc := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	want := []Difference{
		// 2023: 2 April 02:00 CST (08:00Z) to 29 October 02:00 CDT (07:00Z).
		{From: utc(2023, 4, 2, 8), To: utc(2023, 10, 29, 7), Stored: -5 * 3600, Current: -6 * 3600},
		{From: utc(2024, 4, 7, 8), To: utc(2024, 10, 27, 7), Stored: -5 * 3600, Current: -6 * 3600},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("Compare (-want +got):\n%s", d)
	}
	require.Empty(t, Compare(mustBuild(t, "Central Standard Time (Mexico)"), loc, 2000, 2037))

	// Check says so, naming the year.
	var msgs []string
	for _, f := range oldMexico().Check() {
		if f.Code == CodeOutOfDate {
			msgs = append(msgs, f.Message)
		}
	}
	require.Len(t, msgs, 1)
	require.Contains(t, msgs[0], "stored rule for Central Standard Time (Mexico) is out of date since 2023")
}

// LocalInstant reads wall clocks as RFC 5545 does: the gap with the offset
// before it, the overlap as its first occurrence.
func TestLocalInstant(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	w := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, time.UTC) }
	require.Equal(t, w(2026, 3, 8, 7, 30), LocalInstant(ny, w(2026, 3, 8, 2, 30)).UTC())   // gap: 02:30 EST
	require.Equal(t, w(2026, 11, 1, 5, 30), LocalInstant(ny, w(2026, 11, 1, 1, 30)).UTC()) // overlap: 01:30 EDT
	require.Equal(t, w(2026, 7, 1, 13, 0), LocalInstant(ny, w(2026, 7, 1, 9, 0)).UTC())
}

// The remembered comparison gives what the comparison gives, per rule set:
// the current Eastern rules are up to date, the rules of 2006 (DST from
// April to October) are not, though both carry the same key name.
func TestOutOfDateCachedPerRules(t *testing.T) {
	current, _, err := FromZoneName("Eastern Standard Time", 2026, 2026)
	require.NoError(t, err)
	old, _, err := FromZoneName("Eastern Standard Time", 2006, 2006)
	require.NoError(t, err)
	old.Rules = old.Rules[:1]
	old.Rules[0].Year = 2006
	loc, err := loadIANA("America/New_York")
	require.NoError(t, err)
	for range 2 { // the second round reads the cache
		for _, d := range []*Definition{current, old} {
			since, ok := outOfDateCached(d, "America/New_York", loc, 2026)
			wantSince, wantOK := outOfDateSince(d, loc, 2026)
			require.Equal(t, wantOK, ok)
			require.Equal(t, wantSince, since)
		}
	}
	_, ok := outOfDateCached(current, "America/New_York", loc, 2026)
	require.False(t, ok)
	since, ok := outOfDateCached(old, "America/New_York", loc, 2026)
	require.True(t, ok)
	require.Equal(t, 2007, since)
}
