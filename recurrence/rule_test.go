package recurrence

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func mins(t time.Time) Minutes {
	m, _ := MinutesOf(t)
	return m
}

// The rule of each kind of pattern, as values: the export table of the
// spec digest ([MS-OXCICAL] 2.1.3.2.2) before it is text.
func TestRuleValues(t *testing.T) {
	for _, c := range []struct {
		p    *Pattern
		want Rule
	}{
		{must(NewDaily(date(2026, 1, 1), 3, EndAfter(5))), Rule{Freq: FreqDaily, Interval: 3, Count: 5, HasCount: true}},
		{must(NewEveryWeekday(date(2026, 1, 1), NoEnd())), Rule{Freq: FreqWeekly, Interval: 1, ByDay: Weekdays, WeekStart: time.Sunday, HasWeekStart: true}},
		{must(NewWeekly(date(2026, 1, 1), 2, Sunday|Monday, time.Monday, EndOn(date(2026, 6, 30)))),
			Rule{Freq: FreqWeekly, Interval: 2, ByDay: Sunday | Monday, WeekStart: time.Monday, HasWeekStart: true, Until: mins(date(2026, 6, 30)), HasUntil: true}},
		{must(NewMonthly(date(2026, 1, 1), 1, 15, NoEnd())), Rule{Freq: FreqMonthly, Interval: 1, ByMonthDay: []int{15}}},
		{must(NewMonthly(date(2026, 1, 1), 1, 31, NoEnd())), Rule{Freq: FreqMonthly, Interval: 1, ByMonthDay: []int{-1}}},
		{must(NewMonthly(date(2026, 1, 1), 2, 30, NoEnd())), Rule{Freq: FreqMonthly, Interval: 2, ByMonthDay: []int{30}}},
		{must(NewMonthly(date(2026, 1, 1), 1, 30, NoEnd())), Rule{Freq: FreqMonthly, Interval: 1, ByMonthDay: []int{28, 29, 30}, BySetPos: -1, ShortMonths: true}},
		{must(NewMonthly(date(2026, 2, 1), 12, 30, NoEnd())), Rule{Freq: FreqYearly, Interval: 1, ByMonth: time.February, ByMonthDay: []int{-1}}},
		{must(NewMonthlyLastDay(date(2026, 1, 1), 1, NoEnd())), Rule{Freq: FreqMonthly, Interval: 1, ByMonthDay: []int{-1}}},
		{must(NewMonthlyNth(date(2026, 1, 1), 1, 5, Weekdays, NoEnd())), Rule{Freq: FreqMonthly, Interval: 1, ByDay: Weekdays, BySetPos: -1}},
		{must(NewMonthlyNth(date(2026, 1, 1), 3, 2, Tuesday, NoEnd())), Rule{Freq: FreqMonthly, Interval: 3, ByDay: Tuesday, ByDayN: 2}},
		{must(NewYearlyNth(date(2026, 1, 1), 2, time.November, 4, Thursday, EndAfter(3))),
			Rule{Freq: FreqYearly, Interval: 2, ByMonth: time.November, ByDay: Thursday, ByDayN: 4, Count: 3, HasCount: true}},
	} {
		got, err := c.p.Rule()
		require.NoError(t, err, c.p.Describe())
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.p.Describe(), d)
		}
	}
	hijri := must(NewMonthly(date(2026, 1, 1), 1, 1, NoEnd()))
	hijri.PatternType = HjMonth
	_, err := hijri.Rule()
	require.True(t, errors.Is(err, ErrNotExportable), "%v", err)
	require.Equal(t, "YEARLY", FreqYearly.String())
}

// FirstDate, LastDate and HasDate: a weekly pattern whose StartDate is a
// Monday before its first Tuesday.
func TestPatternDates(t *testing.T) {
	p := must(NewWeekly(date(2026, 3, 3), 1, Tuesday, time.Sunday, EndAfter(5)))
	p.StartDate = mins(date(2026, 3, 2))
	first, ok := p.FirstDate()
	require.True(t, ok)
	require.Equal(t, mins(date(2026, 3, 3)), first)
	last, ok, err := p.LastDate(DateOptions{})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, mins(date(2026, 3, 31)), last)
	require.True(t, p.HasDate(mins(date(2026, 3, 10))))
	require.False(t, p.HasDate(mins(date(2026, 3, 11))))
	require.False(t, p.HasDate(mins(date(2026, 3, 2))))
	_, ok, err = must(NewDaily(date(2026, 1, 1), 1, NoEnd())).LastDate(DateOptions{})
	require.NoError(t, err)
	require.False(t, ok, "no end")
	_, _, err = must(NewDaily(date(2026, 1, 1), 1, EndAfter(50))).LastDate(DateOptions{MaxInstances: 10})
	require.ErrorIs(t, err, ErrTooManyInstances)
}
