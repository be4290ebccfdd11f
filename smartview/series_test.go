package smartview

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

func decodeFile(t *testing.T, path string) *Result {
	t.Helper()
	text, err := os.ReadFile(path)
	require.NoError(t, err)
	b, err := wire.ParseHex(strings.TrimSpace(string(text)))
	require.NoError(t, err)
	r, err := Decode(b, Options{})
	require.NoError(t, err)
	return r
}

func zoneResults(t *testing.T, name string) []*Result {
	t.Helper()
	d, st, err := tzdef.FromZoneName(name, 2000, 2037)
	require.NoError(t, err)
	return []*Result{{Kind: blob.KindTZDef, Value: d}, {Kind: blob.KindTZStruct, Value: st}}
}

// A zone with offset zero writes +00:00 for local times (JSON.md: the
// zone's offset) and Z only for the UTC instant.
func TestExpandZeroOffsetJSON(t *testing.T) {
	s, err := SeriesOf([]*Result{decodeFile(t, "../testdata/samples/weekly-standup.apptrecur.hex")}, zoneResults(t, "Etc/UTC"), 0)
	require.NoError(t, err)
	x, err := s.Expand(ExpandOptions{Limit: 1})
	require.NoError(t, err)
	out, err := json.Marshal(x)
	require.NoError(t, err)
	want := `[{"start":"2026-01-06T09:30:00+00:00","end":"2026-01-06T10:00:00+00:00","startUTC":"2026-01-06T09:30:00Z","originalStart":"2026-01-06T09:30:00+00:00","status":"normal"}]`
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

// Reaching the expansion cap lists what was found and says so; a bound
// beyond the last representable day is a bound, not "no bound".
func TestExpandCap(t *testing.T) {
	s, err := SeriesOf([]*Result{decodeFile(t, "../testdata/recur/daily-noend.apptrecur.hex")}, zoneResults(t, "Etc/UTC"), 0)
	require.NoError(t, err)
	x, err := s.Expand(ExpandOptions{To: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Cap: 50})
	require.NoError(t, err)
	require.True(t, x.Capped)
	require.Len(t, x.Occurrences, 50)
	require.Contains(t, x.CapNote(), "stopped after 50 pattern dates")

	_, err = s.Expand(ExpandOptions{})
	require.ErrorIs(t, err, recurrence.ErrUnbounded)
	require.NotContains(t, err.Error(), "--", "library errors never mention CLI flags")
}

// The text form compares calendar dates in the series' zone, not in UTC:
// an Eastern meeting 18:30–19:30 ends on its own day.
func TestOccurrenceTextSameLocalDay(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	start := time.Date(2026, 3, 10, 18, 30, 0, 0, ny)
	r := OccurrenceRecord{Status: "normal", occ: recurrence.Occurrence{Start: start, End: start.Add(time.Hour), OriginalStart: start}}
	require.Equal(t, "2026-03-10 18:30–19:30 -04:00  (22:30Z)  normal", r.Text(false))
	r.occ.End = start.Add(6 * time.Hour)
	require.Equal(t, "2026-03-10 18:30 – 2026-03-11 00:30 -04:00  (22:30Z)  normal", r.Text(false))
}

// Outlook expands in PidLidAppointmentTimeZoneDefinitionRecur only when it
// agrees with PidLidTimeZoneStruct.
func TestSeriesZoneRule(t *testing.T) {
	ny, nySt, err := tzdef.FromZoneName("Eastern Standard Time", 2000, 2037)
	require.NoError(t, err)
	_, berlinSt, err := tzdef.FromZoneName("W. Europe Standard Time", 2000, 2037)
	require.NoError(t, err)
	for _, tt := range []struct {
		name string
		def  *tzdef.Definition
		st   *tzdef.TimeZoneStruct
		want tzdef.Zone
	}{
		{"consistent", ny, nySt, ny},
		{"inconsistent: TimeZoneStruct wins", ny, berlinSt, berlinSt},
		{"definition alone", ny, nil, ny},
		{"struct alone", nil, nySt, nySt},
		{"none", nil, nil, nil},
	} {
		got := tzdef.SeriesZone(tt.def, tt.st)
		if got != tt.want {
			t.Errorf("%s: got %T %p, want %T %p", tt.name, got, got, tt.want, tt.want)
		}
	}
}

// A task series lists dates; its JSON is an array of dates.
func TestExpandTask(t *testing.T) {
	s, err := SeriesOf([]*Result{decodeFile(t, "../testdata/recur/daily-count.recur.hex")}, nil, 0)
	require.NoError(t, err)
	x, err := s.Expand(ExpandOptions{Limit: 2})
	require.NoError(t, err)
	out, err := json.Marshal(x)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(out), `["`), string(out))
	require.Len(t, x.Dates, 2)
}

// The rules a stored zone is compared with: the zone named, else the IANA
// zone of the stored key name; a TimeZoneStruct names none.
func TestCurrentRules(t *testing.T) {
	zs, err := ZoneNamed("W. Europe Standard Time")
	require.NoError(t, err)
	s := &Series{Zone: zs[0].Value.(*tzdef.Definition)}
	loc, iana, key, err := s.CurrentRules("")
	require.NoError(t, err)
	require.Equal(t, "Europe/Berlin", loc.String())
	require.Equal(t, "Europe/Berlin", iana)
	require.Equal(t, "W. Europe Standard Time", key)
	loc, _, _, err = s.CurrentRules("Europe/Paris")
	require.NoError(t, err)
	require.Equal(t, "Europe/Paris", loc.String())
	s = &Series{Zone: zs[1].Value.(*tzdef.TimeZoneStruct)}
	_, _, key, err = s.CurrentRules("")
	require.ErrorIs(t, err, ErrNoCurrentZone)
	require.Equal(t, "TimeZoneStruct", key)
	_, _, _, err = s.CurrentRules("Mars/Olympus")
	require.ErrorContains(t, err, "Mars/Olympus")
}
