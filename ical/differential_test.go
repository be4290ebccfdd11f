package ical

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/mapiblob/mapiblob/recurrence"
)

// randomPattern builds a random series with the builders.
func randomPattern(rng *rand.Rand) (*recurrence.Pattern, string) {
	start := date(2000+rng.IntN(30), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
	var end recurrence.End
	switch rng.IntN(3) {
	case 0:
		end = recurrence.EndAfter(1 + rng.IntN(40))
	case 1:
		end = recurrence.EndOn(start.AddDate(0, 0, rng.IntN(3*365)+400))
	default:
		end = recurrence.NoEnd()
	}
	mask := recurrence.DayMask(1 + rng.IntN(127))
	var p *recurrence.Pattern
	var err error
	var what string
	switch rng.IntN(9) {
	case 0:
		n := 1 + rng.IntN(20)
		p, err = recurrence.NewDaily(start, n, end)
		what = fmt.Sprintf("daily/%d", n)
	case 1:
		p, err = recurrence.NewEveryWeekday(start, end)
		what = "weekday"
	case 2:
		n, fd := 1+rng.IntN(4), time.Weekday(rng.IntN(7))
		p, err = recurrence.NewWeekly(start, n, mask, fd, end)
		what = fmt.Sprintf("weekly/%d/%s/%s", n, mask, fd)
	case 3:
		n, d := 1+rng.IntN(5), 1+rng.IntN(31)
		p, err = recurrence.NewMonthly(start, n, d, end)
		what = fmt.Sprintf("monthly/%d/day%d", n, d)
	case 4:
		n, nth := 1+rng.IntN(5), 1+rng.IntN(5)
		p, err = recurrence.NewMonthlyNth(start, n, nth, mask, end)
		what = fmt.Sprintf("monthnth/%d/%d/%s", n, nth, mask)
	case 5:
		n := 1 + rng.IntN(5)
		p, err = recurrence.NewMonthlyLastDay(start, n, end)
		what = fmt.Sprintf("monthend/%d", n)
	case 6:
		n, m, d := 1+rng.IntN(3), time.Month(1+rng.IntN(12)), 1+rng.IntN(31)
		p, err = recurrence.NewYearly(start, n, m, d, end)
		what = fmt.Sprintf("yearly/%d/%s/%d", n, m, d)
	case 7:
		n, m, nth := 1+rng.IntN(3), time.Month(1+rng.IntN(12)), 1+rng.IntN(5)
		p, err = recurrence.NewYearlyNth(start, n, m, nth, mask, end)
		what = fmt.Sprintf("yearlynth/%d/%s/%d/%s", n, m, nth, mask)
	default:
		n, m := 1+rng.IntN(3), time.Month(1+rng.IntN(12))
		p, err = recurrence.NewYearlyLastDay(start, n, m, end)
		what = fmt.Sprintf("yearlyend/%d/%s", n, m)
	}
	if err != nil { // e.g. an end date before the first occurrence: draw again
		return randomPattern(rng)
	}
	return p, what
}

// Our RRULE and EXDATEs, expanded by an independent RFC 5545
// implementation, give the same meetings as Occurrences.
func TestDifferentialRRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	windowTo := func(p *recurrence.Pattern) time.Time {
		return p.StartDate.Time(nil).AddDate(4, 0, 0)
	}
	for i := 0; i < 3000; i++ {
		p, what := randomPattern(rng)
		ap := must(recurrence.NewAppointment(p, time.Duration(rng.IntN(24))*time.Hour, 30*time.Minute))
		// Delete a few pattern dates.
		var dates []recurrence.Minutes
		for d, err := range p.Dates(time.Time{}, windowTo(p), recurrence.DateOptions{}) {
			if err != nil {
				t.Fatal(err)
			}
			dates = append(dates, d)
		}
		for k := 0; k < 3 && len(dates) > 0; k++ {
			d := dates[rng.IntN(len(dates))]
			_ = ap.DeleteInstance(d.Time(nil))
		}
		rr, err := SeriesRRule(ap, nil)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		dtstart := (ap.RecurrencePattern.StartDate + recurrence.Minutes(ap.StartTimeOffset)).Time(nil)
		opt, err := rrule.StrToROption(rr)
		if err != nil {
			t.Fatalf("%s: rrule-go rejects %q: %v", what, rr, err)
		}
		opt.Dtstart = dtstart
		r, err := rrule.NewRRule(*opt)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		set := rrule.Set{}
		set.RRule(r)
		for _, d := range ap.RecurrencePattern.DeletedInstanceDates {
			set.ExDate((d + recurrence.Minutes(ap.StartTimeOffset)).Time(nil))
		}
		to := windowTo(&ap.RecurrencePattern)
		theirs := set.Between(dtstart.Add(-time.Hour), to, true)
		var ours []time.Time
		for o, err := range ap.Occurrences(nil, time.Time{}, to.Add(time.Second), recurrence.ExpandOptions{}) {
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			ours = append(ours, o.Start)
		}
		if !sameTimes(ours, theirs) {
			t.Fatalf("%s (RRULE %s, start %s): ours %d, rrule-go %d\n ours   %s\n theirs %s", what, rr, dtstart.Format("2006-01-02"),
				len(ours), len(theirs), fmtTimes(ours), fmtTimes(theirs))
		}
	}
}

func sameTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

func fmtTimes(ts []time.Time) string {
	var s []string
	for i, t := range ts {
		if i == 12 {
			s = append(s, "…")
			break
		}
		s = append(s, t.Format("2006-01-02T15:04"))
	}
	return strings.Join(s, " ")
}
