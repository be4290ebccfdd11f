package recurrence

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/tzdef"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func dateList(t *testing.T, p *Pattern, from, to time.Time) []string {
	t.Helper()
	var out []string
	for d, err := range p.Occurrences(from, to, ExpandOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d.Format("2006-01-02"))
	}
	return out
}

func eqList(t *testing.T, what string, got []string, want string) {
	t.Helper()
	if g := strings.Join(got, " "); g != want {
		t.Errorf("%s:\n got  %s\n want %s", what, g, want)
	}
}

// Expectations written from the calendar and the spec digest's examples.
func TestBuildersAndDates(t *testing.T) {
	p := must(NewDaily(date(2026, 3, 10), 3, EndAfter(4)))
	if p.StartDate != 223626240 || p.FirstDateTime != 1440 || p.Period != 4320 {
		t.Errorf("daily: start %d fdt %d period %d", p.StartDate, p.FirstDateTime, p.Period)
	}
	eqList(t, "every 3 days", dateList(t, p, time.Time{}, time.Time{}), "2026-03-10 2026-03-13 2026-03-16 2026-03-19")

	p = must(NewWeekly(date(2026, 1, 1), 1, Monday|Thursday, time.Sunday, EndAfter(5)))
	if p.EndDate != 223548480 || p.FirstDateTime != 8640 {
		t.Errorf("weekly: end %d fdt %d", p.EndDate, p.FirstDateTime)
	}
	eqList(t, "Mon+Thu", dateList(t, p, time.Time{}, time.Time{}), "2026-01-01 2026-01-05 2026-01-08 2026-01-12 2026-01-15")

	p = must(NewEveryWeekday(date(2026, 1, 2), EndAfter(4)))
	eqList(t, "every weekday", dateList(t, p, time.Time{}, time.Time{}), "2026-01-02 2026-01-05 2026-01-06 2026-01-07")

	p = must(NewMonthly(date(2026, 1, 1), 1, 31, EndAfter(6)))
	eqList(t, "day 31", dateList(t, p, time.Time{}, time.Time{}), "2026-01-31 2026-02-28 2026-03-31 2026-04-30 2026-05-31 2026-06-30")

	p = must(NewMonthlyNth(date(2026, 1, 1), 1, 5, Weekdays, EndOn(date(2026, 6, 30))))
	eqList(t, "last weekday", dateList(t, p, time.Time{}, time.Time{}), "2026-01-30 2026-02-27 2026-03-31 2026-04-30 2026-05-29 2026-06-30")
	if p.OccurrenceCount != 6 {
		t.Errorf("last weekday count %d", p.OccurrenceCount)
	}

	p = must(NewMonthlyNth(date(2026, 1, 1), 1, 2, WeekendDay, EndAfter(6)))
	eqList(t, "second weekend day", dateList(t, p, time.Time{}, time.Time{}), "2026-01-04 2026-02-07 2026-03-07 2026-04-05 2026-05-03 2026-06-07")

	p = must(NewMonthlyNth(date(2026, 6, 1), 1, 4, Monday, EndAfter(1)))
	eqList(t, "fourth Monday of June", dateList(t, p, time.Time{}, time.Time{}), "2026-06-22")
	p = must(NewMonthlyNth(date(2026, 6, 1), 1, 5, Monday, EndAfter(1)))
	eqList(t, "last Monday of June", dateList(t, p, time.Time{}, time.Time{}), "2026-06-29")

	p = must(NewMonthlyLastDay(date(2026, 1, 15), 2, EndOn(date(2026, 9, 1))))
	eqList(t, "last day every 2 months", dateList(t, p, time.Time{}, time.Time{}), "2026-01-31 2026-03-31 2026-05-31 2026-07-31")

	p = must(NewYearly(date(2024, 1, 1), 1, time.February, 29, EndAfter(5)))
	eqList(t, "29 February", dateList(t, p, time.Time{}, time.Time{}), "2024-02-29 2025-02-28 2026-02-28 2027-02-28 2028-02-29")
	if p.RecurFrequency != Yearly || p.Period != 12 {
		t.Errorf("yearly: %v %d", p.RecurFrequency, p.Period)
	}

	p = must(NewYearlyNth(date(2026, 1, 1), 1, time.November, 4, Thursday, EndAfter(3)))
	eqList(t, "Thanksgiving", dateList(t, p, time.Time{}, time.Time{}), "2026-11-26 2027-11-25 2028-11-23")

	// FirstDateTime examples of the spec digest (recurrence.md §6).
	if p := must(NewMonthly(date(2026, 3, 15), 5, 15, NoEnd())); p.FirstDateTime != 84960 {
		t.Errorf("every 5 months: FirstDateTime %d, want 84960", p.FirstDateTime)
	}
	if p := must(NewYearly(date(2026, 7, 4), 1, time.July, 4, NoEnd())); p.FirstDateTime != 260640 {
		t.Errorf("yearly July: FirstDateTime %d, want 260640", p.FirstDateTime)
	}
	if p := must(NewMonthly(date(2026, 7, 1), 18, 1, NoEnd())); p.FirstDateTime != 525600 {
		t.Errorf("every 18 months: FirstDateTime %d, want 525600", p.FirstDateTime)
	}

	// Weekly Sunday+Monday every two weeks, weeks starting Monday: a
	// seven-day gap after each Sunday ([MS-OXCICAL] 2.1.3.2.2.2).
	p = must(NewWeekly(date(2026, 1, 5), 2, Sunday|Monday, time.Monday, EndAfter(4)))
	eqList(t, "Su+Mo every 2 weeks from Monday", dateList(t, p, time.Time{}, time.Time{}), "2026-01-05 2026-01-11 2026-01-19 2026-01-25")
	p = must(NewWeekly(date(2026, 1, 5), 2, Sunday|Monday, time.Sunday, EndAfter(4)))
	eqList(t, "Su+Mo every 2 weeks from Sunday", dateList(t, p, time.Time{}, time.Time{}), "2026-01-05 2026-01-18 2026-01-19 2026-02-01")

	// A start between valid dates moves StartDate to the first one.
	p = must(NewWeekly(date(2026, 1, 2), 1, Tuesday, time.Sunday, EndOn(date(2026, 1, 20))))
	if p.StartDate.String() != "2026-01-06T00:00" || p.OccurrenceCount != 3 {
		t.Errorf("start moved to %s, count %d", p.StartDate, p.OccurrenceCount)
	}
}

func TestBuildersAreClean(t *testing.T) {
	start := date(2026, 1, 1)
	ends := []End{EndOn(date(2027, 6, 30)), EndAfter(10), NoEnd()}
	for _, end := range ends {
		for _, p := range []*Pattern{
			must(NewDaily(start, 2, end)), must(NewEveryWeekday(start, end)), must(NewWeekly(start, 2, Tuesday|Friday, time.Sunday, end)),
			must(NewMonthly(start, 1, 30, end)), must(NewMonthlyNth(start, 2, 3, Wednesday, end)), must(NewMonthlyLastDay(start, 1, end)),
			must(NewYearly(start, 1, time.March, 31, end)), must(NewYearlyNth(start, 2, time.May, 5, Weekdays, end)),
			must(NewYearlyLastDay(start, 1, time.February, end)),
		} {
			if fs := p.Check(); len(fs) != 0 {
				t.Errorf("%s %v: %v", p.Describe(), end.Type, fs)
			}
			b := must(p.MarshalBinary())
			back := must(ParsePattern(b))
			if !equalJSON(t, p, back) {
				t.Errorf("%s does not decode back equal", p.Describe())
			}
			ap := must(NewAppointment(p, 9*time.Hour, 30*time.Minute))
			if fs := ap.Check(); len(fs) != 0 {
				t.Errorf("appointment %s: %v", p.Describe(), fs)
			}
		}
	}
}

func TestDayMask(t *testing.T) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if !MaskOf(d).Has(d) || MaskOf(d) != DayMask(1)<<d {
			t.Errorf("%v", d)
		}
	}
	if Weekdays != 0x3E || WeekendDay != 0x41 || AnyDay != 0x7F || (Monday|Thursday).String() != "Monday,Thursday" {
		t.Error("day mask constants")
	}
}

func TestBuilderErrors(t *testing.T) {
	weekly := must(NewWeekly(date(2026, 1, 5), 1, Monday, time.Sunday, EndAfter(3)))
	for _, c := range []struct {
		err  error
		want string
	}{
		{second(NewDaily(date(2026, 1, 1), 0, NoEnd())), "recurrence: every n days 0 is not 1–999"},
		{second(NewDaily(date(2026, 1, 1), 1000, NoEnd())), "recurrence: every n days 1000 is not 1–999"},
		{second(NewWeekly(date(2026, 1, 1), 1, 0, time.Sunday, NoEnd())), "recurrence: weekday set 0x0 is empty or has bits above Saturday"},
		{second(NewWeekly(date(2026, 1, 1), 1, 0x80|Monday, time.Sunday, NoEnd())), "recurrence: weekday set 0x82 is empty or has bits above Saturday"},
		{second(NewMonthly(date(2026, 1, 1), 1, 32, NoEnd())), "recurrence: day of month 32 is not 1–31"},
		{second(NewMonthlyNth(date(2026, 1, 1), 1, 6, Monday, NoEnd())), "recurrence: nth 6 is not 1–5"},
		{second(NewYearly(date(2026, 1, 1), 9, time.May, 1, NoEnd())), "recurrence: every n years 9 is not 1–8"},
		{second(NewDaily(date(2026, 1, 1), 1, EndAfter(1000))), "recurrence: 1000 occurrences: Outlook allows 1–999"},
		{second(NewDaily(date(2026, 1, 1), 1, EndOn(date(2025, 1, 1)))), "recurrence: end date 2025-01-01 is before the first occurrence 2026-01-01"},
		{second(NewAppointment(weekly, 24*time.Hour, time.Hour)), "recurrence: start 24h0m0s is not whole minutes from 0 to 1439 minutes"},
		{second(NewAppointment(weekly, 9*time.Hour+30*time.Second, time.Hour)), "recurrence: start 9h0m30s is not whole minutes from 0 to 1439 minutes"},
		{second(NewAppointment(weekly, 9*time.Hour, -time.Minute)), "recurrence: duration -1m0s is not whole minutes from 0 to 1073741824 minutes"},
		{must(NewAppointment(weekly, 9*time.Hour, time.Hour)).ModifyInstance(date(2026, 1, 12), Overrides{ReminderDelta: ptrTo(90 * time.Second)}),
			"recurrence: reminder delta 1m30s is not whole minutes from 0 to 4294967295 minutes"},
		{must(NewAppointment(weekly, 9*time.Hour, time.Hour)).ModifyInstance(date(2026, 1, 13), Overrides{}),
			"recurrence: 2026-01-13 is not a date of the series"},
	} {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("got %v, want %q", c.err, c.want)
		}
	}
}

// second is the error of a two-value call.
func second[T any](_ T, err error) error { return err }

type occ struct {
	local, utc, status, orig string
}

func expand(t *testing.T, ap *AppointmentPattern, zone tzdef.Zone, from, to time.Time) []occ {
	t.Helper()
	var out []occ
	for o, err := range ap.Occurrences(zone, from, to, ExpandOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		s := "normal"
		if o.Modified() {
			s = "modified"
		}
		out = append(out, occ{o.Start.Format("2006-01-02 15:04 -0700"), o.Start.UTC().Format("15:04Z"), s, o.OriginalStart.Format("2006-01-02 15:04")})
	}
	return out
}

// The worked example of the spec digest (expansion.md §5): APPOINTMENTRECURRENCEPATTERN-1
// in Eastern time from TIMEZONEDEFINITION-1, written out by hand.
func TestExpandFixtureEastern(t *testing.T) {
	ap := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-1").Blob))
	def := must(tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob))
	want := []occ{
		{"2010-10-28 14:30 -0400", "18:30Z", "normal", ""},
		{"2010-11-11 14:30 -0500", "19:30Z", "normal", ""},
		{"2010-11-25 14:30 -0500", "19:30Z", "normal", ""},
		{"2010-12-09 14:30 -0500", "19:30Z", "normal", ""},
		{"2010-12-23 14:30 -0500", "19:30Z", "normal", ""},
		{"2011-01-06 14:30 -0500", "19:30Z", "normal", ""},
		{"2011-01-20 14:30 -0500", "19:30Z", "normal", ""},
		{"2011-02-03 14:30 -0500", "19:30Z", "normal", ""},
		{"2011-02-17 14:30 -0500", "19:30Z", "modified", ""},
		{"2011-04-14 14:30 -0400", "18:30Z", "normal", ""},
		{"2011-04-28 14:30 -0400", "18:30Z", "normal", ""},
		{"2011-05-12 14:30 -0400", "18:30Z", "normal", ""},
		{"2011-05-26 14:30 -0400", "18:30Z", "normal", ""},
		{"2011-06-09 14:30 -0400", "18:30Z", "normal", ""},
		{"2011-06-23 14:30 -0400", "18:30Z", "normal", ""},
	}
	got := expand(t, ap, def, time.Time{}, time.Time{})
	if len(got) != len(want) {
		t.Fatalf("%d occurrences, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].local != want[i].local || got[i].utc != want[i].utc || got[i].status != want[i].status {
			t.Errorf("#%d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	// The same through the TimeZoneStruct of that zone.
	tz := must(tzdef.ParseTimeZoneStruct(fixtures.Load(t, "TIMEZONE-1").Blob))
	if got2 := expand(t, ap, tz, time.Time{}, time.Time{}); len(got2) != 15 || got2[14].utc != "18:30Z" {
		t.Errorf("with TimeZoneStruct: %v", got2)
	}
	// A window in the middle starts there, and includes an occurrence in progress.
	mid := expand(t, ap, def, time.Date(2011, 4, 14, 18, 45, 0, 0, time.UTC), time.Date(2011, 5, 13, 0, 0, 0, 0, time.UTC))
	if len(mid) != 3 || mid[0].local != "2011-04-14 14:30 -0400" {
		t.Errorf("window: %v", mid)
	}
}

// ARP-3: every pattern date deleted, five exceptions, one moved from
// Thursday 2010-05-27 to Wednesday 2010-05-26.
func TestExpandFixtureMoved(t *testing.T) {
	ap := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-3").Blob))
	def := must(tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob))
	got := expand(t, ap, def, time.Time{}, time.Time{})
	want := []string{"2010-04-01 15:00 -0400", "2010-04-15 15:00 -0400", "2010-05-26 15:00 -0400", "2010-06-10 15:00 -0400", "2010-08-05 15:00 -0400"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i].local != want[i] || got[i].status != "modified" {
			t.Errorf("#%d %+v", i, got[i])
		}
	}
	if got[2].orig != "2010-05-27 15:00" {
		t.Errorf("moved instance original %s", got[2].orig)
	}
}

func loadZone(t *testing.T, iana, key string) *tzdef.Definition {
	loc, err := time.LoadLocation(iana)
	if err != nil {
		t.Skip(err)
	}
	d, _, err := tzdef.FromLocation(loc, key, 2000, 2037)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestExpandDST(t *testing.T) {
	ny := loadZone(t, "America/New_York", "Eastern Standard Time")
	// Daily at 02:30 across the spring gap and 01:30 across the autumn overlap.
	gap := must(NewAppointment(must(NewDaily(date(2026, 3, 7), 1, EndAfter(3))), 2*time.Hour+30*time.Minute, 30*time.Minute))
	got := expand(t, gap, ny, time.Time{}, time.Time{})
	want := []occ{{"2026-03-07 02:30 -0500", "07:30Z", "normal", ""}, {"2026-03-08 03:30 -0400", "07:30Z", "normal", ""}, {"2026-03-09 02:30 -0400", "06:30Z", "normal", ""}}
	for i := range want {
		if got[i].local != want[i].local || got[i].utc != want[i].utc {
			t.Errorf("gap #%d %+v, want %+v", i, got[i], want[i])
		}
	}
	overlap := must(NewAppointment(must(NewDaily(date(2026, 10, 31), 1, EndAfter(3))), 90*time.Minute, 30*time.Minute))
	got = expand(t, overlap, ny, time.Time{}, time.Time{})
	want = []occ{{"2026-10-31 01:30 -0400", "05:30Z", "", ""}, {"2026-11-01 01:30 -0400", "05:30Z", "", ""}, {"2026-11-02 01:30 -0500", "06:30Z", "", ""}}
	for i := range want {
		if got[i].local != want[i].local || got[i].utc != want[i].utc {
			t.Errorf("overlap #%d %+v, want %+v", i, got[i], want[i])
		}
	}
	// Southern hemisphere: Sydney leaves daylight time on 2026-04-05.
	syd := loadZone(t, "Australia/Sydney", "AUS Eastern Standard Time")
	weekly := must(NewAppointment(must(NewWeekly(date(2026, 3, 30), 1, Monday, time.Sunday, EndAfter(2))), 9*time.Hour, time.Hour))
	got = expand(t, weekly, syd, time.Time{}, time.Time{})
	if got[0].local != "2026-03-30 09:00 +1100" || got[0].utc != "22:00Z" || got[1].local != "2026-04-06 09:00 +1000" || got[1].utc != "23:00Z" {
		t.Errorf("Sydney: %v", got)
	}
}

func TestExpandExceptions(t *testing.T) {
	// Weekly on Tuesday 10:00–11:00, 5 occurrences from 2026-01-06; the first
	// is deleted and the third moved to Monday 2026-01-19 16:00.
	ap := must(NewAppointment(must(NewWeekly(date(2026, 1, 6), 1, Tuesday, time.Sunday, EndAfter(5))), 10*time.Hour, time.Hour))
	if err := ap.DeleteInstance(date(2026, 1, 6)); err != nil {
		t.Fatal(err)
	}
	ns, ne := time.Date(2026, 1, 19, 16, 0, 0, 0, time.UTC), time.Date(2026, 1, 19, 17, 0, 0, 0, time.UTC)
	subj := "Moved"
	if err := ap.ModifyInstance(date(2026, 1, 20), Overrides{Start: &ns, End: &ne, Subject: &subj}); err != nil {
		t.Fatal(err)
	}
	if fs := ap.Check(); len(fs) != 0 {
		t.Errorf("findings: %v", fs)
	}
	got := expand(t, ap, nil, time.Time{}, time.Time{})
	want := []occ{
		{"2026-01-13 10:00 +0000", "", "normal", "2026-01-13 10:00"},
		{"2026-01-19 16:00 +0000", "", "modified", "2026-01-20 10:00"},
		{"2026-01-27 10:00 +0000", "", "normal", "2026-01-27 10:00"},
		{"2026-02-03 10:00 +0000", "", "normal", "2026-02-03 10:00"},
	}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i].local != want[i].local || got[i].status != want[i].status || got[i].orig != want[i].orig {
			t.Errorf("#%d %+v, want %+v", i, got[i], want[i])
		}
	}
	// OccurrenceCount counted the deleted first instance: the series still ends 2026-02-03.
	if ap.RecurrencePattern.EndDate.String()[:10] != "2026-02-03" {
		t.Errorf("EndDate %s", ap.RecurrencePattern.EndDate)
	}
	// Errors: deleting twice, a date off the pattern, moving onto an occupied day.
	if ap.DeleteInstance(date(2026, 1, 6)) == nil || ap.DeleteInstance(date(2026, 1, 7)) == nil {
		t.Error("bad delete accepted")
	}
	onto := time.Date(2026, 1, 27, 12, 0, 0, 0, time.UTC)
	if ap.ModifyInstance(date(2026, 2, 3), Overrides{Start: &onto}) == nil {
		t.Error("move onto an occupied day accepted")
	}
	// Round trip of what the builders made.
	back := must(Parse(must(ap.MarshalBinary())))
	if !equalJSON(t, ap, back) {
		t.Error("modified series does not decode back equal")
	}
}

func TestExpandBounds(t *testing.T) {
	ap := must(NewAppointment(must(NewDaily(date(2026, 1, 1), 1, NoEnd())), 9*time.Hour, time.Hour))
	for _, err := range ap.Occurrences(nil, time.Time{}, time.Time{}, ExpandOptions{}) {
		if !errors.Is(err, ErrUnbounded) {
			t.Errorf("unbounded: %v", err)
		}
	}
	n := 0
	var last error
	for _, err := range ap.Occurrences(nil, time.Time{}, date(2030, 1, 1), ExpandOptions{MaxInstances: 100}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != 100 || !errors.Is(last, ErrTooManyInstances) {
		t.Errorf("cap: %d, %v", n, last)
	}
	// A window far in the future starts there, without walking from 2026.
	n = 0
	for o, err := range ap.Occurrences(nil, date(2400, 1, 1), date(2400, 1, 4), ExpandOptions{MaxInstances: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		if o.Start.Year() != 2400 {
			t.Errorf("occurrence %v", o.Start)
		}
		n++
	}
	if n != 3 {
		t.Errorf("far window: %d occurrences", n)
	}
	hijri := must(NewMonthly(date(2026, 1, 1), 1, 1, EndAfter(3)))
	hijri.PatternType = HjMonth
	for _, err := range hijri.Occurrences(time.Time{}, time.Time{}, ExpandOptions{}) {
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("Hijri: %v", err)
		}
	}
	// A regenerating task yields only its next instance.
	task := must(NewWeekly(date(2026, 1, 1), 1, Friday, time.Sunday, NoEnd()))
	task.SlidingFlag = 1
	if got := dateList(t, task, date(2026, 2, 1), date(2026, 12, 31)); len(got) != 1 || got[0] != "2026-02-06" {
		t.Errorf("sliding task: %v", got)
	}
}

// ARP-2: every other Monday 14:00–15:00 from 2010-08-23 until 2010-11-01,
// all in daylight time (it ended 2010-11-07).
func TestExpandFixtureBiweeklyMonday(t *testing.T) {
	ap := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-2").Blob))
	def := must(tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob))
	got := expand(t, ap, def, time.Time{}, time.Time{})
	want := []string{"2010-08-23", "2010-09-06", "2010-09-20", "2010-10-04", "2010-10-18", "2010-11-01"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i, d := range want {
		if got[i].local != d+" 14:00 -0400" || got[i].utc != "18:00Z" || got[i].status != "normal" {
			t.Errorf("#%d %+v", i, got[i])
		}
	}
}

// ARP-4: Monday to Thursday 17:30–18:00 without end from 2009-11-09, most
// dates deleted or moved. From its lists, the first weeks show only the
// exceptions and one regular meeting, Wednesday 2009-12-16.
func TestExpandFixtureNeverEnding(t *testing.T) {
	ap := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-4").Blob))
	def := must(tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob))
	// Without an upper bound a series without end is refused.
	for _, err := range ap.Occurrences(def, time.Time{}, time.Time{}, ExpandOptions{}) {
		if !errors.Is(err, ErrUnbounded) {
			t.Errorf("unbounded: %v", err)
		}
	}
	got := expand(t, ap, def, date(2009, 11, 9), date(2009, 12, 19))
	want := []occ{
		{"2009-11-11 18:00 -0500", "23:00Z", "modified", "2009-11-11 17:30"},
		{"2009-11-24 18:00 -0500", "23:00Z", "modified", "2009-11-24 17:30"},
		{"2009-11-25 18:00 -0500", "23:00Z", "modified", "2009-11-25 17:30"},
		{"2009-11-30 18:00 -0500", "23:00Z", "modified", "2009-11-30 17:30"},
		{"2009-12-01 18:00 -0500", "23:00Z", "modified", "2009-12-01 17:30"},
		{"2009-12-02 18:00 -0500", "23:00Z", "modified", "2009-12-02 17:30"},
		{"2009-12-14 18:00 -0500", "23:00Z", "modified", "2009-12-14 17:30"},
		{"2009-12-15 17:00 -0500", "22:00Z", "modified", "2009-12-15 17:30"},
		{"2009-12-16 17:30 -0500", "22:30Z", "normal", "2009-12-16 17:30"},
		{"2009-12-17 17:00 -0500", "22:00Z", "modified", "2009-12-17 17:30"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d occurrences: %v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("#%d %+v, want %+v", i, got[i], want[i])
		}
	}
}
