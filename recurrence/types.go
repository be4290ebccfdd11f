// Package recurrence reads, writes and checks the recurrence blobs of
// [MS-OXOCAL] 2.2.1.44: the RecurrencePattern of a recurring task
// (PidLidTaskRecurrence) and the AppointmentRecurrencePattern of a recurring
// meeting (PidLidAppointmentRecur), with its ExceptionInfo and
// ExtendedException entries.
//
// Every date in these blobs is a wall-clock value in the series' time zone,
// counted in minutes from 1601-01-01 00:00 (type Minutes).
//
// Pattern.Rule gives a pattern as an RFC 5545 recurrence rule, as values,
// and FirstDate, LastDate and HasDate the dates iCalendar places DTSTART,
// EXDATE and RDATE by; package ical writes them as iCalendar.
package recurrence

import (
	"encoding"
	"strconv"
	"time"

	"github.com/mapiblob/mapiblob/internal/sv"
)

// Minutes counts minutes since 1601-01-01 00:00 on the wall clock of the
// series' time zone.
type Minutes uint32

// NeverEndDate is the EndDate of a series without end: 4500-12-31 23:59.
const NeverEndDate Minutes = 0x5AE980DF

var epoch1601 = time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC)

// unix1601 is 1601-01-01 00:00 UTC in Unix seconds.
var unix1601 = epoch1601.Unix()

// Time is the wall-clock time m names, placed in loc (time.UTC when nil).
// The fields are taken as they are; a time that does not exist in loc
// (a daylight-saving gap) is normalized by time.Date.
func (m Minutes) Time(loc *time.Location) time.Time {
	t := time.Unix(int64(m)*60+unix1601, 0).UTC()
	if loc == nil || loc == time.UTC {
		return t
	}
	y, mo, d := t.Date()
	h, mi, _ := t.Clock()
	return time.Date(y, mo, d, h, mi, 0, 0, loc)
}

// MinutesOf returns the Minutes of t's wall clock (its zone is ignored).
// Times before 1601 or after the range of Minutes give ok = false.
func MinutesOf(t time.Time) (Minutes, bool) {
	y, mo, d := t.Date()
	h, mi, _ := t.Clock()
	u := time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
	if u.Before(epoch1601) {
		return 0, false
	}
	days := daysFrom1601(y, mo, d)
	v := days*1440 + int64(h)*60 + int64(mi)
	if v > 1<<32-1 {
		return 0, false
	}
	return Minutes(v), true
}

// daysFrom1601 counts days from 1601-01-01 to the date, in the proleptic
// Gregorian calendar, without time.Duration (which spans only 292 years).
func daysFrom1601(y int, m time.Month, d int) int64 {
	// Days from 0000-03-01 style civil algorithm.
	yy := int64(y)
	mm := int64(m)
	if mm <= 2 {
		yy--
		mm += 12
	}
	era := yy / 400
	yoe := yy - era*400
	doy := (153*(mm-3)+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	civil := era*146097 + doe // days since 0000-03-01
	const civil1601 = 584694  // days from 0000-03-01 to 1601-01-01
	return civil - civil1601
}

// Date is m with the time of day removed (the midnight of its day).
func (m Minutes) Date() Minutes { return m - m%1440 }

// IsMidnight reports whether m falls on a midnight.
func (m Minutes) IsMidnight() bool { return m%1440 == 0 }

// Weekday is the day of week of m (1601-01-01 was a Monday).
func (m Minutes) Weekday() time.Weekday { return time.Weekday((uint64(m)/1440 + 1) % 7) }

// String prints m as an ISO 8601 wall-clock time, "2010-10-28T14:30".
func (m Minutes) String() string {
	b, _ := m.AppendText(make([]byte, 0, 16))
	return string(b)
}

// AppendText appends the form String prints (encoding.TextAppender).
func (m Minutes) AppendText(b []byte) ([]byte, error) {
	return m.Time(nil).AppendFormat(b, "2006-01-02T15:04"), nil
}

// MarshalText is the form String prints (encoding.TextMarshaler).
func (m Minutes) MarshalText() ([]byte, error) { return m.AppendText(make([]byte, 0, 16)) }

// MarshalJSON writes the raw number of minutes: the JSON form keeps dates
// as stored (see JSON.md); MarshalText is for text formats and map keys.
func (m Minutes) MarshalJSON() ([]byte, error) { return strconv.AppendUint(nil, uint64(m), 10), nil }

// RecurFrequency is the RecurrencePattern's RecurFrequency.
type RecurFrequency uint16

// Recurrence frequencies.
const (
	Daily   RecurFrequency = 0x200A
	Weekly  RecurFrequency = 0x200B
	Monthly RecurFrequency = 0x200C
	Yearly  RecurFrequency = 0x200D
)

func (f RecurFrequency) String() string {
	switch f {
	case Daily:
		return "Daily"
	case Weekly:
		return "Weekly"
	case Monthly:
		return "Monthly"
	case Yearly:
		return "Yearly"
	}
	return "RecurFrequency(" + sv.Hex(uint64(f), 4) + ")"
}

func (f RecurFrequency) smartView() string {
	switch f {
	case Daily:
		return "IDC_RCEV_PAT_ORB_DAILY"
	case Weekly:
		return "IDC_RCEV_PAT_ORB_WEEKLY"
	case Monthly:
		return "IDC_RCEV_PAT_ORB_MONTHLY"
	case Yearly:
		return "IDC_RCEV_PAT_ORB_YEARLY"
	}
	return sv.Hex(uint64(f), 1)
}

// PatternType is the RecurrencePattern's PatternType; it fixes the layout
// of PatternTypeSpecific and the unit of Period.
type PatternType uint16

// Pattern types.
const (
	Day        PatternType = 0x0000
	Week       PatternType = 0x0001
	Month      PatternType = 0x0002
	MonthNth   PatternType = 0x0003
	MonthEnd   PatternType = 0x0004
	HjMonth    PatternType = 0x000A
	HjMonthNth PatternType = 0x000B
	HjMonthEnd PatternType = 0x000C
)

var patternNames = map[PatternType][2]string{
	Day: {"Day", "rptMinute"}, Week: {"Week", "rptWeek"}, Month: {"Month", "rptMonth"},
	MonthNth: {"MonthNth", "rptMonthNth"}, MonthEnd: {"MonthEnd", "rptMonthEnd"},
	HjMonth: {"HjMonth", "rptHjMonth"}, HjMonthNth: {"HjMonthNth", "rptHjMonthNth"}, HjMonthEnd: {"HjMonthEnd", "rptHjMonthEnd"},
}

func (t PatternType) String() string {
	if n, ok := patternNames[t]; ok {
		return n[0]
	}
	return "PatternType(" + sv.Hex(uint64(t), 4) + ")"
}

// specificSize is the size of PatternTypeSpecific, or -1 for an unknown type.
func (t PatternType) specificSize() int {
	switch t {
	case Day:
		return 0
	case Week, Month, MonthEnd, HjMonth, HjMonthEnd:
		return 4
	case MonthNth, HjMonthNth:
		return 8
	}
	return -1
}

// IsHijri reports whether t is one of the Hj* types.
func (t PatternType) IsHijri() bool { return t == HjMonth || t == HjMonthNth || t == HjMonthEnd }

// CalendarType is the CalendarType of a pattern (the CAL_* values).
type CalendarType uint16

// Calendar types.
const (
	CAL_DEFAULT             CalendarType = 0x0000
	CAL_GREGORIAN           CalendarType = 0x0001
	CAL_GREGORIAN_US        CalendarType = 0x0002
	CAL_JAPAN               CalendarType = 0x0003
	CAL_TAIWAN              CalendarType = 0x0004
	CAL_KOREA               CalendarType = 0x0005
	CAL_HIJRI               CalendarType = 0x0006
	CAL_THAI                CalendarType = 0x0007
	CAL_HEBREW              CalendarType = 0x0008
	CAL_GREGORIAN_ME_FRENCH CalendarType = 0x0009
	CAL_GREGORIAN_ARABIC    CalendarType = 0x000A
	CAL_GREGORIAN_XLIT_ENGL CalendarType = 0x000B
	CAL_GREGORIAN_XLIT_FREN CalendarType = 0x000C
	CAL_LUNAR_JAPANESE      CalendarType = 0x000E
	CAL_CHINESE_LUNAR       CalendarType = 0x000F
	CAL_SAKA                CalendarType = 0x0010
	CAL_LUNAR_ETO_CHN       CalendarType = 0x0011
	CAL_LUNAR_ETO_KOR       CalendarType = 0x0012
	CAL_LUNAR_ROKUYOU       CalendarType = 0x0013
	CAL_LUNAR_KOREAN        CalendarType = 0x0014
	CAL_UMALQURA            CalendarType = 0x0017
)

var calendarNames = map[CalendarType]string{
	CAL_DEFAULT: "CAL_DEFAULT", CAL_GREGORIAN: "CAL_GREGORIAN", CAL_GREGORIAN_US: "CAL_GREGORIAN_US",
	CAL_JAPAN: "CAL_JAPAN", CAL_TAIWAN: "CAL_TAIWAN", CAL_KOREA: "CAL_KOREA", CAL_HIJRI: "CAL_HIJRI",
	CAL_THAI: "CAL_THAI", CAL_HEBREW: "CAL_HEBREW", CAL_GREGORIAN_ME_FRENCH: "CAL_GREGORIAN_ME_FRENCH",
	CAL_GREGORIAN_ARABIC: "CAL_GREGORIAN_ARABIC", CAL_GREGORIAN_XLIT_ENGL: "CAL_GREGORIAN_XLIT_ENGLISH",
	CAL_GREGORIAN_XLIT_FREN: "CAL_GREGORIAN_XLIT_FRENCH", CAL_LUNAR_JAPANESE: "CAL_LUNAR_JAPANESE",
	CAL_CHINESE_LUNAR: "CAL_CHINESE_LUNAR", CAL_SAKA: "CAL_SAKA", CAL_LUNAR_ETO_CHN: "CAL_LUNAR_ETO_CHN",
	CAL_LUNAR_ETO_KOR: "CAL_LUNAR_ETO_KOR", CAL_LUNAR_ROKUYOU: "CAL_LUNAR_ROKUYOU",
	CAL_LUNAR_KOREAN: "CAL_LUNAR_KOREAN", CAL_UMALQURA: "CAL_UMALQURA",
}

func (c CalendarType) String() string {
	if n, ok := calendarNames[c]; ok {
		return n
	}
	return "CalendarType(" + sv.Hex(uint64(c), 4) + ")"
}

// Known reports whether c is a defined CAL_* value.
func (c CalendarType) Known() bool { _, ok := calendarNames[c]; return ok }

// EndType says how a series ends.
type EndType uint32

// End types. NeverEndOld is an older spelling of NeverEnd.
const (
	EndAfterDate         EndType = 0x00002021
	EndAfterNOccurrences EndType = 0x00002022
	NeverEnd             EndType = 0x00002023
	NeverEndOld          EndType = 0xFFFFFFFF
)

func (e EndType) String() string {
	switch e {
	case EndAfterDate:
		return "EndAfterDate"
	case EndAfterNOccurrences:
		return "EndAfterNOccurrences"
	case NeverEnd:
		return "NeverEnd"
	case NeverEndOld:
		return "NeverEnd (0xFFFFFFFF)"
	}
	return "EndType(" + sv.Hex(uint64(e), 8) + ")"
}

// IsNeverEnd reports whether e is either spelling of NeverEnd.
func (e EndType) IsNeverEnd() bool { return e == NeverEnd || e == NeverEndOld }

func (e EndType) smartView() string {
	switch e {
	case EndAfterDate:
		return "IDC_RCEV_PAT_ERB_END"
	case EndAfterNOccurrences:
		return "IDC_RCEV_PAT_ERB_AFTERNOCCUR"
	case NeverEnd, NeverEndOld:
		return "IDC_RCEV_PAT_ERB_NOEND"
	}
	return sv.Hex(uint64(e), 1)
}

// DayMask is a set of weekdays: Sunday 0x01, Monday 0x02 … Saturday 0x40.
type DayMask uint32

// Day bits.
const (
	Sunday    DayMask = 0x01
	Monday    DayMask = 0x02
	Tuesday   DayMask = 0x04
	Wednesday DayMask = 0x08
	Thursday  DayMask = 0x10
	Friday    DayMask = 0x20
	Saturday  DayMask = 0x40

	Weekdays   = Monday | Tuesday | Wednesday | Thursday | Friday // 0x3E
	WeekendDay = Sunday | Saturday                                // 0x41
	AnyDay     = Weekdays | WeekendDay                            // 0x7F
)

// Has reports whether d includes weekday w.
func (m DayMask) Has(w time.Weekday) bool { return m&(1<<uint(w)) != 0 }

// MaskOf is the bit of weekday w.
func MaskOf(w time.Weekday) DayMask { return 1 << uint(w) }

var dayAbbrev = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

func (m DayMask) String() string {
	if m == 0 {
		return "none"
	}
	s := ""
	for d := 0; d < 7; d++ {
		if m&(1<<d) != 0 {
			if s != "" {
				s += ","
			}
			s += time.Weekday(d).String()
		}
	}
	if rest := m &^ AnyDay; rest != 0 {
		s += "," + sv.Hex(uint64(rest), 1)
	}
	return s
}

func (m DayMask) smartView() string {
	if m == 0 {
		return "0x0"
	}
	s := ""
	for d := 0; d < 7; d++ {
		if m&(1<<d) != 0 {
			if s != "" {
				s += " | "
			}
			s += "rdf" + dayAbbrev[d]
		}
	}
	if rest := m &^ AnyDay; rest != 0 {
		if s != "" {
			s += " | "
		}
		s += sv.Hex(uint64(rest), 1)
	}
	return s
}

var (
	_ encoding.TextAppender      = Minutes(0)
	_ encoding.TextMarshaler     = Minutes(0)
	_ encoding.BinaryMarshaler   = (*Pattern)(nil)
	_ encoding.BinaryUnmarshaler = (*Pattern)(nil)
	_ encoding.BinaryAppender    = (*Pattern)(nil)
	_ encoding.BinaryMarshaler   = (*AppointmentPattern)(nil)
	_ encoding.BinaryUnmarshaler = (*AppointmentPattern)(nil)
	_ encoding.BinaryAppender    = (*AppointmentPattern)(nil)
)
