package recurrence

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mapiblob/mapiblob/blob"
)

// End says how a series built by the New… constructors ends.
type End struct {
	Type  EndType
	Date  time.Time // EndAfterDate: the last day of the range (its date is used)
	Count int       // EndAfterNOccurrences: the number of occurrences, 1–999
}

// EndOn ends a series on a date (which need not be an occurrence).
func EndOn(date time.Time) End { return End{Type: EndAfterDate, Date: date} }

// EndAfter ends a series after n occurrences.
func EndAfter(n int) End { return End{Type: EndAfterNOccurrences, Count: n} }

// NoEnd makes a series without end.
func NoEnd() End { return End{Type: NeverEnd} }

// MaxOccurrences is the largest count Outlook offers for "end after".
const MaxOccurrences = 999

func midnight(t time.Time) (Minutes, error) {
	m, ok := MinutesOf(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	if !ok {
		return 0, fmt.Errorf("recurrence: date %s is outside 1601–10000", t.Format("2006-01-02"))
	}
	return m, nil
}

func newPattern(freq RecurFrequency, pt PatternType, period uint32, spec PatternTypeSpecific, firstDOW time.Weekday) *Pattern {
	return &Pattern{ReaderVersion: PatternVersion, WriterVersion: PatternVersion, RecurFrequency: freq,
		PatternType: pt, CalendarType: CAL_DEFAULT, Period: period, PatternTypeSpecific: spec, FirstDOW: uint32(firstDOW)}
}

// finish computes FirstDateTime, StartDate, EndDate and OccurrenceCount as
// Outlook writes them, for a series the user starts on `start`.
func (p *Pattern) finish(start time.Time, end End) (*Pattern, error) {
	s, err := midnight(start)
	if err != nil {
		return nil, err
	}
	p.StartDate = s
	fdt, ok := p.ExpectedFirstDateTime()
	if !ok {
		return nil, errors.New("recurrence: cannot compute FirstDateTime")
	}
	p.FirstDateTime = fdt
	if err := p.Expandable(); err != nil {
		return nil, err
	}
	// StartDate is the first pattern date on or after the chosen start.
	found := false
	p.unitDates(dayOf(s), func(d day) bool {
		if d < dayOf(s) {
			return true
		}
		p.StartDate, found = d.minutes(), true
		return false
	})
	if !found {
		return nil, errors.New("recurrence: the pattern has no date after its start")
	}
	p.EndType = end.Type
	switch end.Type {
	case EndAfterDate:
		e, err := midnight(end.Date)
		if err != nil {
			return nil, err
		}
		if e < p.StartDate {
			return nil, fmt.Errorf("recurrence: end date %s is before the first occurrence %s", e.String()[:10], p.StartDate.String()[:10])
		}
		p.EndDate = e
		n := 0
		for _, err := range p.Dates(time.Time{}, time.Time{}, DateOptions{}) {
			if err != nil {
				return nil, err
			}
			n++
		}
		p.OccurrenceCount = uint32(n)
	case EndAfterNOccurrences:
		if end.Count < 1 || end.Count > MaxOccurrences {
			return nil, fmt.Errorf("recurrence: %d occurrences: Outlook allows 1–%d", end.Count, MaxOccurrences)
		}
		p.OccurrenceCount = uint32(end.Count)
		last, err := p.lastDate(DefaultMaxInstances)
		if err != nil {
			return nil, err
		}
		p.EndDate = last.minutes()
	case NeverEnd:
		p.EndDate = NeverEndDate
		p.OccurrenceCount = 10
	default:
		return nil, fmt.Errorf("recurrence: end type %v", end.Type)
	}
	return p, nil
}

func checkRange(what string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("recurrence: %s %d is not %d–%d", what, v, lo, hi)
	}
	return nil
}

// NewDaily is a series every n days (1–999) from start.
func NewDaily(start time.Time, n int, end End) (*Pattern, error) {
	if err := checkRange("every n days", n, 1, 999); err != nil {
		return nil, err
	}
	return newPattern(Daily, Day, uint32(n)*1440, PatternTypeSpecific{}, time.Sunday).finish(start, end)
}

// NewEveryWeekday is a series every Monday to Friday, as Outlook writes it
// (RecurFrequency Daily with a weekly pattern).
func NewEveryWeekday(start time.Time, end End) (*Pattern, error) {
	return newPattern(Daily, Week, 1, PatternTypeSpecific{DaysOfWeek: Weekdays}, time.Sunday).finish(start, end)
}

// NewWeekly is a series every n weeks (1–99) on the given days, weeks
// starting on firstDOW.
func NewWeekly(start time.Time, n int, days DayMask, firstDOW time.Weekday, end End) (*Pattern, error) {
	if err := checkRange("every n weeks", n, 1, 99); err != nil {
		return nil, err
	}
	if days&AnyDay == 0 || days&^AnyDay != 0 {
		return nil, fmt.Errorf("recurrence: weekday set 0x%X is empty or has bits above Saturday", uint32(days))
	}
	return newPattern(Weekly, Week, uint32(n), PatternTypeSpecific{DaysOfWeek: days}, firstDOW).finish(start, end)
}

// NewMonthly is a series on day d (1–31; beyond a month's end, its last
// day) every n months (1–99).
func NewMonthly(start time.Time, n, d int, end End) (*Pattern, error) {
	if err := errors.Join(checkRange("every n months", n, 1, 99), checkRange("day of month", d, 1, 31)); err != nil {
		return nil, err
	}
	return newPattern(Monthly, Month, uint32(n), PatternTypeSpecific{Day: uint32(d)}, time.Sunday).finish(start, end)
}

// NewMonthlyNth is a series on the nth (1–4, 5 = last) of the given days
// every n months: NewMonthlyNth(start, 1, 5, Weekdays, …) is "the last
// weekday of every month".
func NewMonthlyNth(start time.Time, n, nth int, days DayMask, end End) (*Pattern, error) {
	if err := errors.Join(checkRange("every n months", n, 1, 99), checkRange("nth", nth, 1, 5)); err != nil {
		return nil, err
	}
	if days&AnyDay == 0 || days&^AnyDay != 0 {
		return nil, fmt.Errorf("recurrence: weekday set 0x%X is empty or has bits above Saturday", uint32(days))
	}
	return newPattern(Monthly, MonthNth, uint32(n), PatternTypeSpecific{DaysOfWeek: days, N: uint32(nth)}, time.Sunday).finish(start, end)
}

// NewMonthlyLastDay is a series on the last day of every n months.
func NewMonthlyLastDay(start time.Time, n int, end End) (*Pattern, error) {
	if err := checkRange("every n months", n, 1, 99); err != nil {
		return nil, err
	}
	return newPattern(Monthly, MonthEnd, uint32(n), PatternTypeSpecific{Day: 31}, time.Sunday).finish(start, end)
}

// yearlyStart is the first day on or after start in the series' month.
func yearlyStart(start time.Time, month time.Month) time.Time {
	y := start.Year()
	if start.Month() > month {
		y++
	}
	first := time.Date(y, month, 1, 0, 0, 0, 0, time.UTC)
	if s := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC); s.After(first) {
		return s
	}
	return first
}

func yearlyFreq(n int) RecurFrequency {
	if n == 1 {
		return Yearly
	}
	return Monthly // [MS-OXCICAL] 2.1.3.2.2.5: Monthly when the interval is not 1
}

// NewYearly is a series on month/day every n years (1–8); 29 February gives
// 28 February in other years.
func NewYearly(start time.Time, n int, month time.Month, d int, end End) (*Pattern, error) {
	if err := errors.Join(checkRange("every n years", n, 1, 8), checkRange("month", int(month), 1, 12), checkRange("day of month", d, 1, 31)); err != nil {
		return nil, err
	}
	return newPattern(yearlyFreq(n), Month, uint32(12*n), PatternTypeSpecific{Day: uint32(d)}, time.Sunday).finish(yearlyStart(start, month), end)
}

// NewYearlyNth is a series on the nth (5 = last) of the given days of month
// every n years.
func NewYearlyNth(start time.Time, n int, month time.Month, nth int, days DayMask, end End) (*Pattern, error) {
	if err := errors.Join(checkRange("every n years", n, 1, 8), checkRange("month", int(month), 1, 12), checkRange("nth", nth, 1, 5)); err != nil {
		return nil, err
	}
	if days&AnyDay == 0 || days&^AnyDay != 0 {
		return nil, fmt.Errorf("recurrence: weekday set 0x%X is empty or has bits above Saturday", uint32(days))
	}
	return newPattern(yearlyFreq(n), MonthNth, uint32(12*n), PatternTypeSpecific{DaysOfWeek: days, N: uint32(nth)}, time.Sunday).finish(yearlyStart(start, month), end)
}

// NewYearlyLastDay is a series on the last day of month every n years.
func NewYearlyLastDay(start time.Time, n int, month time.Month, end End) (*Pattern, error) {
	if err := errors.Join(checkRange("every n years", n, 1, 8), checkRange("month", int(month), 1, 12)); err != nil {
		return nil, err
	}
	return newPattern(yearlyFreq(n), MonthEnd, uint32(12*n), PatternTypeSpecific{Day: 31}, time.Sunday).finish(yearlyStart(start, month), end)
}

// NewAppointment wraps a pattern as an appointment's recurrence: each
// occurrence starts at `start` after midnight (0 to 23:59) and lasts
// `duration`, both in whole minutes:
// NewAppointment(p, 9*time.Hour+30*time.Minute, 30*time.Minute) is
// 09:30–10:00. WriterVersion2 is 0x3009.
func NewAppointment(p *Pattern, start, duration time.Duration) (*AppointmentPattern, error) {
	s, err1 := wholeMinutes("start", start, 1439)
	d, err2 := wholeMinutes("duration", duration, 1<<30)
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	if p.SlidingFlag != 0 {
		return nil, errors.New("recurrence: a regenerating (sliding) pattern belongs to tasks, not appointments")
	}
	return &AppointmentPattern{RecurrencePattern: *p, ReaderVersion2: ReaderVersion2, WriterVersion2: WriterVersion2,
		StartTimeOffset: uint32(s), EndTimeOffset: uint32(s + d)}, nil
}

// wholeMinutes is d in minutes, when it is whole minutes from 0 to max.
func wholeMinutes(what string, d time.Duration, max int64) (int64, error) {
	if d%time.Minute != 0 || d < 0 || d/time.Minute > time.Duration(max) {
		return 0, fmt.Errorf("recurrence: %s %v is not whole minutes from 0 to %d minutes", what, d, max)
	}
	return int64(d / time.Minute), nil
}

// isPatternDate reports whether midnight d is a date of the series.
func (p *Pattern) isPatternDate(d Minutes) bool {
	for x, err := range p.Dates(d.Time(nil), d.Time(nil), DateOptions{}) {
		if err == nil && x == d {
			return true
		}
	}
	return false
}

// liveDate is the midnight of t's date when the pattern has an occurrence
// there that is neither deleted nor modified yet (deleted is the set of
// its DeletedInstanceDates).
func (p *Pattern) liveDate(t time.Time, deleted dateLookup) (Minutes, error) {
	d, err := midnight(t)
	if err != nil {
		return 0, err
	}
	if !p.isPatternDate(d) {
		return 0, fmt.Errorf("recurrence: %s is not a date of the series", d.String()[:10])
	}
	if deleted.has(d) {
		return 0, fmt.Errorf("recurrence: the occurrence of %s is already deleted or modified", d.String()[:10])
	}
	return d, nil
}

// DeleteInstance cancels the occurrence on date (its date part is used).
// The date must be a pattern date that is neither deleted nor modified.
// The lists it changes are new arrays: a copy of the pattern, or a list
// read before, is not changed. To make many edits, ApplyEdits costs less.
func (ap *AppointmentPattern) DeleteInstance(date time.Time) error {
	return ap.applyOne(Edit{Original: date, Delete: true})
}

// Overrides are what ModifyInstance changes in one occurrence; nil fields
// keep the series' values.
type Overrides struct {
	Start, End       *time.Time // new wall-clock start and end (their zones are ignored)
	Subject          *string
	Location         *string
	MeetingType      *uint32        // PidLidAppointmentStateFlags of the exception
	ReminderDelta    *time.Duration // whole minutes before the start
	ReminderSet      *bool
	BusyStatus       *uint32 // 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere
	Attachment       *bool
	AllDay           *bool   // SubType
	AppointmentColor *uint32 // 0 none, 1–10
	ExceptionalBody  bool    // the exception message has a body of its own
	// CodePage encodes the 8-bit copies of Subject and Location (0: windows-1252).
	// Characters it cannot encode become '?' there; the UTF-16 copy keeps them.
	CodePage blob.CodePage
}

func encode8(cp blob.CodePage, s string) []byte {
	if b, ok := cp.Encode(s); ok {
		return b
	}
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if b, ok := cp.Encode(string(r)); ok {
			out = append(out, b...)
		} else {
			out = append(out, '?')
		}
	}
	return out
}

// ModifyInstance turns the occurrence that the pattern puts on original's
// date into an exception with the given overrides, keeping every list
// sorted and every count right. The exception may move to another day, but
// not onto a day that already has an occurrence. The lists it changes are
// new arrays: a copy of the pattern, or a list read before, is not
// changed. To make many edits, ApplyEdits costs less.
func (ap *AppointmentPattern) ModifyInstance(original time.Time, ov Overrides) error {
	return ap.applyOne(Edit{Original: original, Overrides: &ov})
}

// An Edit is one change ApplyEdits makes: the deletion of the occurrence
// on Original's date (Delete), or its modification with Overrides.
type Edit struct {
	Original  time.Time  // the occurrence's date; its time of day is ignored
	Delete    bool       // delete the occurrence
	Overrides *Overrides // when not Delete: what changes (nil: nothing, an exception all the same)
}

// ApplyEdits makes several edits at once, each as DeleteInstance or
// ModifyInstance would make it, at a cost linear in the pattern's lists
// (an edit at a time copies them every time). Every occurrence the batch
// edits is vacated first, so a modification may move onto a day that
// another edit of the batch vacates. An edit that cannot be made — its date
// is no occurrence, is already deleted or modified or is edited twice in
// the batch, its times are wrong, or it would share a day with another
// occurrence — is left out, and errs[i] says why; the others are made.
// errs is nil when every edit was made. Like the one-at-a-time methods,
// ApplyEdits writes its lists into new arrays.
func (ap *AppointmentPattern) ApplyEdits(edits []Edit) (errs []error) {
	p := &ap.RecurrencePattern
	fail := func(i int, err error) {
		if errs == nil {
			errs = make([]error, len(edits))
		}
		errs[i] = err
	}
	// A change is an edit that can be made so far; a modification's
	// exception is mods[mod].
	type change struct {
		i           int
		day, newDay Minutes // the occurrence's date, the exception's
		mod         int     // -1 for a deletion
		dropped     bool
	}
	type modification struct {
		e     Exception
		texts [2]encodedText
		nt    int
	}
	nm := 0
	for i := range edits {
		if !edits[i].Delete {
			nm++
		}
	}
	changes := make([]change, 0, len(edits))
	mods := make([]modification, 0, nm)
	seen := make(map[Minutes]int, len(edits)) // day → index in edits
	deleted, modified := lookupOf(p.DeletedInstanceDates, len(edits)), lookupOf(p.ModifiedInstanceDates, len(edits))
	var none Overrides
	for i := range edits {
		ed := &edits[i]
		d, err := p.liveDate(ed.Original, deleted)
		if err != nil {
			fail(i, err)
			continue
		}
		if j, dup := seen[d]; dup {
			fail(i, fmt.Errorf("recurrence: the occurrence of %s is edited twice (edits %d and %d)", d.String()[:10], j, i))
			continue
		}
		seen[d] = i
		c := change{i: i, day: d, newDay: d, mod: -1}
		if !ed.Delete {
			ov := ed.Overrides
			if ov == nil {
				ov = &none
			}
			var m modification
			if m.e, m.texts, m.nt, err = ap.exception(d, ov); err != nil {
				fail(i, err)
				continue
			}
			c.newDay, c.mod = m.e.Info.StartDateTime.Date(), len(mods)
			mods = append(mods, m)
		}
		changes = append(changes, c)
	}
	// Leave out, until none is left out, each modification that lands on a
	// day another occurrence keeps: the pattern's (not deleted, not
	// vacated by a change made), a modified one's, or an earlier change's.
	vacated := make(map[Minutes]bool, len(changes))
	taken := make(map[Minutes]bool, len(changes))
	for {
		clear(vacated)
		clear(taken)
		for _, c := range changes {
			if !c.dropped {
				vacated[c.day] = true
			}
		}
		for _, c := range changes {
			if !c.dropped && c.mod >= 0 && c.newDay == c.day {
				taken[c.day] = true
			}
		}
		again := false
		for k := range changes {
			c := &changes[k]
			if c.dropped || c.mod < 0 || c.newDay == c.day {
				continue
			}
			nd := c.newDay
			if taken[nd] || modified.has(nd) || (!deleted.has(nd) && !vacated[nd] && p.isPatternDate(nd)) {
				c.dropped, again = true, true
				fail(c.i, fmt.Errorf("recurrence: %s already has an occurrence; two instances must not share a day", nd.String()[:10]))
				continue
			}
			taken[nd] = true
		}
		if !again {
			break
		}
	}
	dels := make([]Minutes, 0, len(changes))
	modDays := make([]Minutes, 0, len(mods))
	exs := make([]Exception, 0, len(mods))
	textBytes := 0
	for _, c := range changes {
		if !c.dropped && c.mod >= 0 {
			m := &mods[c.mod]
			for k := range m.texts[:m.nt] {
				textBytes += m.texts[k].size()
			}
		}
	}
	// The batch's texts go into one new array (never into one a copy of
	// the pattern may share).
	buf := slices.Grow(ap.buf[:len(ap.buf):len(ap.buf)], textBytes)
	for _, c := range changes {
		if c.dropped {
			continue
		}
		dels = append(dels, c.day)
		if c.mod < 0 {
			continue
		}
		m := &mods[c.mod]
		for k := range m.texts[:m.nt] {
			buf = m.texts[k].place(&m.e, buf)
		}
		modDays = append(modDays, c.newDay)
		exs = append(exs, m.e)
	}
	if textBytes > 0 {
		ap.buf = buf
	}
	if len(dels) == 0 {
		return errs
	}
	slices.Sort(dels)
	slices.Sort(modDays)
	slices.SortStableFunc(exs, func(a, b Exception) int { return cmp.Compare(a.Info.StartDateTime, b.Info.StartDateTime) })
	ap.Exceptions = mergeSorted(ap.Exceptions, exs, func(a, b Exception) bool { return b.Info.StartDateTime < a.Info.StartDateTime })
	ap.ExceptionCount = uint16(len(ap.Exceptions))
	p.DeletedInstanceDates = mergeSorted(p.DeletedInstanceDates, dels, func(a, b Minutes) bool { return b < a })
	p.DeletedInstanceCount = uint32(len(p.DeletedInstanceDates))
	p.ModifiedInstanceDates = mergeSorted(p.ModifiedInstanceDates, modDays, func(a, b Minutes) bool { return b < a })
	p.ModifiedInstanceCount = uint32(len(p.ModifiedInstanceDates))
	return errs
}

// dateLookup finds dates in a list: through a set built once when many
// lookups will be made, else by scanning it.
type dateLookup struct {
	list []Minutes
	set  dateSet
}

// lookupOf is a dateLookup of list for about n lookups.
func lookupOf(list []Minutes, n int) dateLookup {
	if n > 8 && len(list) > 8 {
		return dateLookup{set: setOf(list)}
	}
	return dateLookup{list: list}
}

func (l dateLookup) has(d Minutes) bool {
	if l.set != nil {
		return l.set.has(d)
	}
	return contains(l.list, d)
}

// applyOne is ApplyEdits of one edit, its error.
func (ap *AppointmentPattern) applyOne(e Edit) error {
	if errs := ap.ApplyEdits([]Edit{e}); errs != nil {
		return errs[0]
	}
	return nil
}

// mergeSorted returns a new array of old with add (sorted) inserted, each
// after the elements of old it does not go before (goesBefore(o, a): a
// goes before o), as inserting them one at a time after a binary search
// would. With nothing to add it returns old.
func mergeSorted[T any](old, add []T, goesBefore func(o, a T) bool) []T {
	if len(add) == 0 {
		return old
	}
	out := make([]T, 0, len(old)+len(add))
	i := 0
	for _, a := range add {
		for i < len(old) && !goesBefore(old[i], a) {
			out = append(out, old[i])
			i++
		}
		out = append(out, a)
	}
	return append(out, old[i:]...)
}

// exception is the exception that modifying the occurrence of date d with
// ov makes, but for its texts, encoded for the caller to place once the
// edit is made (they go into the pattern's buffer).
func (ap *AppointmentPattern) exception(d Minutes, ov *Overrides) (e Exception, texts [2]encodedText, nt int, err error) {
	orig := d + Minutes(ap.StartTimeOffset)
	start, end := orig, d+Minutes(ap.EndTimeOffset)
	var ch uint32
	if ov.Start != nil {
		if start, err = minutesOf(*ov.Start); err != nil {
			return e, texts, 0, err
		}
		if start != orig {
			ch |= 0x1 // BIT_CH_START
		}
		if ov.End == nil {
			end = start + (d + Minutes(ap.EndTimeOffset) - orig)
		}
	}
	if ov.End != nil {
		if end, err = minutesOf(*ov.End); err != nil {
			return e, texts, 0, err
		}
		if end != d+Minutes(ap.EndTimeOffset) {
			ch |= 0x2 // BIT_CH_END
		}
	}
	if end < start {
		return e, texts, 0, errors.New("recurrence: the exception would end before it starts")
	}
	e = Exception{Info: ExceptionInfo{StartDateTime: start, EndDateTime: end, OriginalStartDate: orig}}
	for k := range infoFields {
		f := &infoFields[k]
		if f.text != nil {
			if s := f.text(ov); s != nil {
				e.Info.OverrideFlags |= f.flags
				ch |= f.chBit
				texts[nt] = encodeText(f, *s, ov.CodePage)
				nt++
			}
		}
		if f.override != nil {
			v, set, err := f.override(ov)
			if err != nil {
				return e, texts, 0, err
			}
			if set {
				e.Info.OverrideFlags |= f.flags
				*f.u32(&e, f.off) = v
			}
		}
	}
	if ov.ExceptionalBody {
		e.Info.OverrideFlags |= ARO_EXCEPTIONAL_BODY
		ch |= 0x80 // BIT_CH_BODY
	}
	if e.Info.OverrideFlags.HasDates() {
		e.Extended.StartDateTime, e.Extended.EndDateTime, e.Extended.OriginalStartDate = start, end, orig
	}
	if ap.WriterVersion2 >= ChangeHighlightVersion {
		e.Extended.ChangeHighlight = ChangeHighlight{ChangeHighlightSize: 4, ChangeHighlightValue: ch}
	}
	return e, texts, nt, nil
}

func minutesOf(t time.Time) (Minutes, error) {
	m, ok := MinutesOf(t)
	if !ok {
		return 0, fmt.Errorf("recurrence: %s is outside the range of the format", t)
	}
	return m, nil
}
