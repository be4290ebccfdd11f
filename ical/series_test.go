package ical

import (
	"sort"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

type tzOnset struct {
	at  time.Time
	off int
}

// vtimezoneOffsets evaluates a parsed VTIMEZONE with rrule-go,
// independently of this package: every observance's onsets (DTSTART,
// RRULE) up to `until`, as UTC instants with the offset they bring, in
// time order.
func vtimezoneOffsets(t *testing.T, tz *goical.Component, until time.Time) []tzOnset {
	t.Helper()
	parseOff := func(s string) int {
		sign := 1
		if s[0] == '-' {
			sign = -1
		}
		h := int(s[1]-'0')*10 + int(s[2]-'0')
		m := int(s[3]-'0')*10 + int(s[4]-'0')
		return sign * (h*3600 + m*60)
	}
	var out []tzOnset
	for _, obs := range tz.Children {
		start, err := time.Parse("20060102T150405", obs.Props.Get("DTSTART").Value)
		if err != nil {
			t.Fatal(err)
		}
		from := parseOff(obs.Props.Get("TZOFFSETFROM").Value)
		to := parseOff(obs.Props.Get("TZOFFSETTO").Value)
		locals := []time.Time{start}
		if rr := obs.Props.Get("RRULE"); rr != nil {
			opt, err := rrule.StrToROption(rr.Value)
			if err != nil {
				t.Fatal(err)
			}
			opt.Dtstart = start
			// UNTIL is UTC; rrule-go compares it with the floating local times.
			if !opt.Until.IsZero() {
				opt.Until = opt.Until.Add(time.Duration(from) * time.Second)
			}
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatal(err)
			}
			locals = r.Between(start, until, true)
		}
		for _, l := range locals {
			out = append(out, tzOnset{l.Add(-time.Duration(from) * time.Second), to})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

func offsetFrom(onsets []tzOnset, u time.Time) (int, bool) {
	i := sort.Search(len(onsets), func(i int) bool { return onsets[i].at.After(u) })
	if i == 0 {
		return 0, false
	}
	return onsets[i-1].off, true
}

func TestICalendarParsesAndZonesAgree(t *testing.T) {
	defs := map[string]*tzdef.Definition{}
	defs["TIMEZONEDEFINITION-1"] = must(tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob))
	for _, g := range fixtures.Goldens(t, "../testdata/tz/*.hex") {
		defs[g.Name] = must(tzdef.Parse(g.Bytes))
	}
	ap := must(recurrence.Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-3").Blob))
	for name, def := range defs {
		text, _, err := seriesText(ap, def, ExportOptions{Summary: "Team, weekly; \"sync\"", Stamp: date(2026, 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := goical.NewDecoder(strings.NewReader(text)).Decode()
		if err != nil {
			t.Fatalf("%s: go-ical cannot parse our VCALENDAR: %v", name, err)
		}
		var tz *goical.Component
		events := 0
		for _, c := range cal.Children {
			switch c.Name {
			case goical.CompTimezone:
				tz = c
			case goical.CompEvent:
				events++
				if c.Props.Get("UID") == nil || c.Props.Get("DTSTART") == nil {
					t.Errorf("%s: event without UID or DTSTART", name)
				}
			}
		}
		if tz == nil || events != 1+len(ap.Exceptions) {
			t.Fatalf("%s: VTIMEZONE %v, %d events", name, tz != nil, events)
		}
		if got := tz.Props.Get("TZID").Value; got != def.KeyName {
			t.Errorf("%s: TZID %q", name, got)
		}
		first := earliestDate(ap).Time(nil).Year() - 1 // the VTIMEZONE covers the series from the year before it
		onsets := vtimezoneOffsets(t, tz, time.Date(2038, 1, 1, 0, 0, 0, 0, time.UTC))
		bad := 0
		for u := time.Date(first, 1, 2, 0, 0, 0, 0, time.UTC); u.Year() < 2038; u = u.Add(6 * time.Hour) {
			want, _, _ := def.Offset(u)
			got, ok := offsetFrom(onsets, u)
			if !ok || got != want {
				if bad < 3 {
					t.Errorf("%s at %v: VTIMEZONE gives %d (%v), tzdef %d", name, u, got, ok, want)
				}
				bad++
			}
		}
	}
}

// The RRULE shapes of the spec digest's export table.
func TestRRuleShapes(t *testing.T) {
	for _, c := range []struct {
		p    *recurrence.Pattern
		want string
	}{
		{must(recurrence.NewDaily(date(2026, 1, 1), 3, recurrence.EndAfter(5))), "FREQ=DAILY;INTERVAL=3;COUNT=5"},
		{must(recurrence.NewEveryWeekday(date(2026, 1, 1), recurrence.NoEnd())), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=SU"},
		{must(recurrence.NewWeekly(date(2026, 1, 1), 2, recurrence.Sunday|recurrence.Monday, time.Monday, recurrence.EndOn(date(2026, 6, 30)))), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;WKST=MO;UNTIL=20260630"},
		{must(recurrence.NewMonthly(date(2026, 1, 1), 1, 15, recurrence.NoEnd())), "FREQ=MONTHLY;BYMONTHDAY=15"},
		{must(recurrence.NewMonthly(date(2026, 1, 1), 1, 31, recurrence.NoEnd())), "FREQ=MONTHLY;BYMONTHDAY=-1"},
		{must(recurrence.NewMonthly(date(2026, 1, 1), 2, 30, recurrence.NoEnd())), "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=30"}, // odd months all have a 30th
		{must(recurrence.NewMonthly(date(2026, 1, 1), 1, 30, recurrence.NoEnd())), "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"},
		{must(recurrence.NewMonthly(date(2026, 2, 1), 12, 30, recurrence.NoEnd())), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"},
		{must(recurrence.NewMonthly(date(2026, 1, 1), 1, 29, recurrence.NoEnd())), "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1"},
		{must(recurrence.NewMonthlyLastDay(date(2026, 1, 1), 1, recurrence.NoEnd())), "FREQ=MONTHLY;BYMONTHDAY=-1"},
		{must(recurrence.NewMonthlyNth(date(2026, 1, 1), 1, 5, recurrence.Weekdays, recurrence.NoEnd())), "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"},
		{must(recurrence.NewMonthlyNth(date(2026, 1, 1), 3, 2, recurrence.Tuesday, recurrence.NoEnd())), "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"},
		{must(recurrence.NewYearly(date(2026, 1, 1), 1, time.February, 29, recurrence.NoEnd())), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"},
		{must(recurrence.NewYearlyNth(date(2026, 1, 1), 2, time.November, 4, recurrence.Thursday, recurrence.EndAfter(3))), "FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYDAY=4TH;COUNT=3"},
	} {
		got, err := RRule(c.p)
		if err != nil || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.p.Describe(), got, err, c.want)
		}
	}
	hijri := must(recurrence.NewMonthly(date(2026, 1, 1), 1, 1, recurrence.NoEnd()))
	hijri.PatternType = recurrence.HjMonth
	if _, err := RRule(hijri); err == nil {
		t.Error("Hijri pattern exported")
	}
}

// seriesText is Series written: the VCALENDAR's text and the notes.
func seriesText(ap *recurrence.AppointmentPattern, zone tzdef.Zone, opt ExportOptions) (string, []string, error) {
	cal, notes, err := Series(ap, zone, opt)
	if err != nil {
		return "", nil, err
	}
	return cal.String(), notes, nil
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
