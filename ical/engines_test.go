package ical

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// The differential test against the engines real clients expand
// iCalendar with: ical.js (Thunderbird; pinned in tools/icaljs) and libical
// (Evolution, GNOME; Debian's libical-dev, driven by tools/libical/expand.c).
// Generated series of every pattern type, end type and exception kind, in
// zones north and south, with half-hour offsets, without daylight saving,
// and with law changes, are written by Series in both profiles; each
// engine's instances must equal our expansion, except where a disagreement
// is listed in engineDisagreements with its reason.
//
// Without node and ical.js, or without a C compiler and libical, the test
// skips, saying so; MAPIBLOB_REQUIRE_ENGINES=1 (set by .ci/run after
// .ci/install-tools.sh) turns those skips into failures.

// engineDisagreements lists the known, explained disagreements: the
// engine, and fragments that a series' name must all contain.
var engineDisagreements = []struct {
	engine string
	parts  []string
	why    string
}{
	// ical.js ignores BYSETPOS beside BYMONTHDAY: BYMONTHDAY=28,29,30;
	// BYSETPOS=-1 gives the 28th, 29th and 30th. ProfileCompatible exists
	// for it (and agrees).
	{"ical.js", []string{"standard/monthly-day30/"}, "ical.js ignores BYSETPOS with BYMONTHDAY (three meetings a month)"},
	{"ical.js", []string{"standard/monthly-2-day30/"}, "ical.js ignores BYSETPOS with BYMONTHDAY (three meetings in the months with a 30th)"},
	{"ical.js", []string{"standard/monthly-day29/"}, "ical.js ignores BYSETPOS with BYMONTHDAY (two meetings in most months)"},
	// 23:30 on 14 March 2009 in Buenos Aires happened twice (daylight time
	// ended at midnight): RFC 5545 §3.3.5 and this package take the first
	// (−02:00, 01:30Z); both engines take the second (−03:00, 02:30Z).
	{"ical.js", []string{"/daily-3/until/", "@Argentina Standard Time 2008-12-29 23:30"}, "ambiguous local time read as its second occurrence"},
	{"libical", []string{"/daily-3/until/", "@Argentina Standard Time 2008-12-29 23:30"}, "ambiguous local time read as its second occurrence"},
}

// explained returns the reason a disagreement is listed, or "".
func explained(engine, name string) (key, why string) {
	for _, d := range engineDisagreements {
		ok := d.engine == engine
		for _, p := range d.parts {
			ok = ok && strings.Contains(name, p)
		}
		if ok {
			return d.engine + " " + strings.Join(d.parts, " "), d.why
		}
	}
	return "", ""
}

type engineCase struct {
	name  string // profile/pattern/end/exceptions@zone start time
	ics   string
	until time.Time
	want  []int64 // our instances' starts, Unix seconds, sorted
}

func requireEngines(t *testing.T, what string, err error) bool {
	t.Helper()
	if err == nil {
		return true
	}
	if os.Getenv("MAPIBLOB_REQUIRE_ENGINES") == "1" {
		t.Fatalf("%s is required (MAPIBLOB_REQUIRE_ENGINES=1) but unavailable: %v", what, err)
	}
	t.Skipf("%s unavailable, skipping (run .ci/install-tools.sh): %v", what, err)
	return false
}

type seriesSpec struct {
	name    string
	pattern func(start time.Time, end recurrence.End) (*recurrence.Pattern, error)
}

var engineSeries = []seriesSpec{
	{"daily", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) { return recurrence.NewDaily(s, 1, e) }},
	{"daily-3", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) { return recurrence.NewDaily(s, 3, e) }},
	{"weekdays", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewEveryWeekday(s, e)
	}},
	{"weekly-tu", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewWeekly(s, 1, recurrence.Tuesday, time.Sunday, e)
	}},
	{"weekly-2-sumo-wkst-mo", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewWeekly(s, 2, recurrence.Sunday|recurrence.Monday, time.Monday, e)
	}},
	{"weekly-3-mowefr", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewWeekly(s, 3, recurrence.Monday|recurrence.Wednesday|recurrence.Friday, time.Sunday, e)
	}},
	{"monthly-day15", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthly(s, 1, 15, e)
	}},
	{"monthly-day29", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthly(s, 1, 29, e)
	}},
	{"monthly-day30", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthly(s, 1, 30, e)
	}},
	{"monthly-day31", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthly(s, 1, 31, e)
	}},
	{"monthly-2-day30", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthly(s, 2, 30, e)
	}},
	{"monthly-last-day", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthlyLastDay(s, 1, e)
	}},
	{"monthly-2nd-tu", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthlyNth(s, 1, 2, recurrence.Tuesday, e)
	}},
	{"monthly-last-fr", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthlyNth(s, 1, 5, recurrence.Friday, e)
	}},
	{"monthly-last-weekday", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthlyNth(s, 1, 5, recurrence.Weekdays, e)
	}},
	{"monthly-2nd-weekend-day", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthlyNth(s, 1, 2, recurrence.WeekendDay, e)
	}},
	{"monthly-last-day-nth", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewMonthlyNth(s, 3, 5, recurrence.AnyDay, e)
	}},
	{"yearly-feb29", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewYearly(s, 1, time.February, 29, e)
	}},
	{"yearly-mar31", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewYearly(s, 1, time.March, 31, e)
	}},
	{"yearly-2-nov-4th-th", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewYearlyNth(s, 2, time.November, 4, recurrence.Thursday, e)
	}},
	{"yearly-last-day-feb", func(s time.Time, e recurrence.End) (*recurrence.Pattern, error) {
		return recurrence.NewYearlyLastDay(s, 1, time.February, e)
	}},
}

// engineZones: north, south, half-hour without daylight saving, a
// half-hour daylight shift, and zones whose law changed (Buenos Aires
// 2007–2009, Mexico City 2022).
var engineZones = []string{
	"Eastern Standard Time", "AUS Eastern Standard Time", "India Standard Time",
	"Lord Howe Standard Time", "Argentina Standard Time", "Central Standard Time (Mexico)",
}

// engineCases builds the generated series and our expansion of each.
func engineCases(t *testing.T) []engineCase {
	var out []engineCase
	starts := []time.Time{date(2008, 12, 29), date(2022, 10, 24)}
	minutes := []int{30, 9*60 + 15, 23*60 + 30}
	for zi, key := range engineZones {
		def, _, err := tzdef.FromWindowsName(key, 2000, 2037)
		require.NoError(t, err)
		for si, spec := range engineSeries {
			for ei, endKind := range []string{"count", "until", "never"} {
				start := starts[(si+ei+zi)%len(starts)]
				minute := minutes[(si+zi)%len(minutes)]
				years := 2 // the span expanded, and the UNTIL end's length
				if strings.HasPrefix(spec.name, "yearly") {
					years = 12
				}
				var end recurrence.End
				switch endKind {
				case "count":
					end = recurrence.EndAfter(14)
				case "until":
					end = recurrence.EndOn(start.AddDate(years-1, 2, 0))
				default:
					end = recurrence.NoEnd()
				}
				p, err := spec.pattern(start, end)
				require.NoError(t, err, spec.name)
				for _, exc := range []string{"none", "deleted+moved", "modified"} {
					ap, err := recurrence.NewAppointment(p, time.Duration(minute)*time.Minute, 45*time.Minute)
					require.NoError(t, err)
					var dates []recurrence.Minutes
					for d, err := range ap.RecurrencePattern.Dates(time.Time{}, start.AddDate(years, 0, 0), recurrence.DateOptions{}) {
						require.NoError(t, err)
						dates = append(dates, d)
					}
					require.GreaterOrEqual(t, len(dates), 5, spec.name)
					switch exc {
					case "deleted+moved":
						require.NoError(t, ap.DeleteInstance(dates[1].Time(nil)))
						// Moved within its day: 2 hours later, or 3 hours earlier late at night.
						shift := 120
						if minute+shift+30 >= 24*60 {
							shift = -180
						}
						ns := dates[3].Time(nil).Add(time.Duration(minute+shift) * time.Minute)
						ne := ns.Add(30 * time.Minute)
						require.NoError(t, ap.ModifyInstance(dates[3].Time(nil), recurrence.Overrides{Start: &ns, End: &ne, Subject: strPtr("moved")}))
					case "modified":
						require.NoError(t, ap.ModifyInstance(dates[2].Time(nil), recurrence.Overrides{Subject: strPtr("renamed")}))
					}
					until := start.AddDate(years, 0, 0)
					var want []int64
					for o, err := range ap.Occurrences(def, time.Time{}, until.AddDate(0, 1, 0), recurrence.ExpandOptions{}) {
						require.NoError(t, err)
						if o.OriginalStart.Before(until.Add(-48 * time.Hour)) {
							want = append(want, o.Start.Unix())
						}
					}
					sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
					for _, prof := range []Profile{ProfileStandard, ProfileCompatible} {
						ics, _, err := seriesText(ap, def, ExportOptions{Summary: "s", Stamp: date(2026, 1, 1), Profile: prof})
						require.NoError(t, err)
						name := fmt.Sprintf("%s/%s/%s/%s@%s %s %02d:%02d", prof, spec.name, endKind, exc, key, start.Format("2006-01-02"), minute/60, minute%60)
						out = append(out, engineCase{name: name, ics: ics,
							until: until.Add(-48 * time.Hour), want: want})
					}
				}
			}
		}
	}
	return out
}

// compareEngine checks one engine's results and returns the disagreement
// keys it met.
func compareEngine(t *testing.T, engine string, cases []engineCase, got map[string][]int64, errs map[string]string) map[string]bool {
	t.Helper()
	met := map[string]bool{}
	unexplained := 0
	for i, c := range cases {
		id := strconv.Itoa(i)
		if e, ok := errs[id]; ok {
			t.Errorf("%s cannot read %s: %s\n%s", engine, c.name, e, c.ics)
			continue
		}
		g := append([]int64(nil), got[id]...)
		sort.Slice(g, func(i, j int) bool { return g[i] < g[j] })
		if d := cmp.Diff(c.want, g); d != "" {
			if key, _ := explained(engine, c.name); key != "" {
				met[key] = true
				continue
			}
			unexplained++
			if unexplained <= 3 {
				t.Errorf("%s disagrees on %s (-ours +%s, Unix seconds):\n%s\n%s", engine, c.name, engine, d, c.ics)
			} else {
				t.Errorf("%s disagrees on %s", engine, c.name)
			}
		}
	}
	if unexplained > 0 {
		t.Errorf("%s: %d unexplained disagreements in all", engine, unexplained)
	}
	return met
}

func checkListed(t *testing.T, engine string, met map[string]bool) {
	t.Helper()
	for _, d := range engineDisagreements {
		if key := d.engine + " " + strings.Join(d.parts, " "); d.engine == engine && !met[key] {
			t.Errorf("listed disagreement %q (%s) no longer occurs: remove it from engineDisagreements", key, d.why)
		}
	}
}

func TestEngineICalJS(t *testing.T) {
	dir, _ := filepath.Abs("../tools/icaljs")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json"))
	}
	if !requireEngines(t, "node with ical.js (npm ci --prefix tools/icaljs)", err) {
		return
	}
	cases := engineCases(t)
	type in struct {
		ID    string `json:"id"`
		ICS   string `json:"ics"`
		Until string `json:"until"`
	}
	var input []in
	for i, c := range cases {
		input = append(input, in{strconv.Itoa(i), c.ics, c.until.UTC().Format(time.RFC3339)})
	}
	b, err := json.Marshal(input)
	require.NoError(t, err)
	cmd := exec.Command(node, filepath.Join(dir, "expand.mjs"))
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	var res map[string]struct {
		Starts []int64 `json:"starts"`
		Error  string  `json:"error"`
	}
	require.NoError(t, json.Unmarshal(out, &res))
	got, errs := map[string][]int64{}, map[string]string{}
	for id, r := range res {
		if r.Error != "" {
			errs[id] = r.Error
		}
		got[id] = r.Starts
	}
	checkListed(t, "ical.js", compareEngine(t, "ical.js", cases, got, errs))
	t.Logf("ical.js: %d series compared", len(cases))
}

func TestEngineLibical(t *testing.T) {
	src, _ := filepath.Abs("../tools/libical/expand.c")
	bin := filepath.Join(t.TempDir(), "expand")
	var err error
	var flags []byte
	if flags, err = exec.Command("pkg-config", "--cflags", "--libs", "libical").Output(); err == nil {
		args := append([]string{"-O1", "-o", bin, src}, strings.Fields(string(flags))...)
		var out []byte
		if out, err = exec.Command("cc", args...).CombinedOutput(); err != nil {
			err = fmt.Errorf("%v: %s", err, out)
		}
	}
	if !requireEngines(t, "a C compiler with libical (apt-get install libical-dev)", err) {
		return
	}
	cases := engineCases(t)
	dir := t.TempDir()
	// One run per `until`, since the driver takes one.
	byUntil := map[int64][]string{}
	for i, c := range cases {
		f := filepath.Join(dir, strconv.Itoa(i)+".ics")
		require.NoError(t, os.WriteFile(f, []byte(c.ics), 0o644))
		byUntil[c.until.Unix()] = append(byUntil[c.until.Unix()], f)
	}
	got, errs := map[string][]int64{}, map[string]string{}
	for until, files := range byUntil {
		out, err := exec.Command(bin, append([]string{strconv.FormatInt(until, 10)}, files...)...).Output()
		require.NoError(t, err)
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			f := strings.Split(sc.Text(), "\t")
			id := strings.TrimSuffix(filepath.Base(f[0]), ".ics")
			if len(f) == 3 && f[1] == "ERROR" {
				errs[id] = f[2]
				continue
			}
			v, err := strconv.ParseInt(f[1], 10, 64)
			require.NoError(t, err, sc.Text())
			got[id] = append(got[id], v)
		}
	}
	checkListed(t, "libical", compareEngine(t, "libical", cases, got, errs))
	t.Logf("libical: %d series compared", len(cases))
}
