package tzdef

import (
	"encoding/binary"
	"time"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// SystemTime is the 16-byte SYSTEMTIME of [MS-DTYP] 2.3.13. Inside a
// time-zone rule it is a transition rule: with Year = 0 it means "the
// Day-th (5 = last) DayOfWeek of Month at Hour:Minute" every year; with
// Year ≠ 0 an absolute date; Month = 0 means "no daylight saving".
type SystemTime struct {
	Year         uint16 `json:"wYear"`         // wYear
	Month        uint16 `json:"wMonth"`        // wMonth: 1–12, 0 for none
	DayOfWeek    uint16 `json:"wDayOfWeek"`    // wDayOfWeek: 0 = Sunday
	Day          uint16 `json:"wDay"`          // wDay: day of month, or week of month 1–5 in the relative form
	Hour         uint16 `json:"wHour"`         // wHour
	Minute       uint16 `json:"wMinute"`       // wMinute
	Second       uint16 `json:"wSecond"`       // wSecond
	Milliseconds uint16 `json:"wMilliseconds"` // wMilliseconds
}

// SystemTimeSize is the encoded size of a SystemTime.
const SystemTimeSize = 16

// decode fills st from its 16 bytes.
func (st *SystemTime) decode(b *[SystemTimeSize]byte) {
	lo := binary.LittleEndian.Uint64(b[0:8])
	hi := binary.LittleEndian.Uint64(b[8:16])
	st.Year, st.Month, st.DayOfWeek, st.Day = uint16(lo), uint16(lo>>16), uint16(lo>>32), uint16(lo>>48)
	st.Hour, st.Minute, st.Second, st.Milliseconds = uint16(hi), uint16(hi>>16), uint16(hi>>32), uint16(hi>>48)
}

// systemTimeLayout names the fields of a SYSTEMTIME for truncation errors.
var systemTimeLayout = [...]field{
	{"wYear", 0, 2}, {"wMonth", 2, 2}, {"wDayOfWeek", 4, 2}, {"wDay", 6, 2},
	{"wHour", 8, 2}, {"wMinute", 10, 2}, {"wSecond", 12, 2}, {"wMilliseconds", 14, 2},
}

// AppendBinary appends the 16-byte encoding.
func (st SystemTime) AppendBinary(b []byte) ([]byte, error) { return st.appendTo(b), nil }

func (st SystemTime) appendTo(b []byte) []byte {
	for _, v := range [...]uint16{st.Year, st.Month, st.DayOfWeek, st.Day, st.Hour, st.Minute, st.Second, st.Milliseconds} {
		b = wire.AppendU16(b, v)
	}
	return b
}

// IsZero reports whether every field is zero.
func (st SystemTime) IsZero() bool { return st == SystemTime{} }

// IsSet reports whether st names a transition (WMonth ≠ 0).
func (st SystemTime) IsSet() bool { return st.Month != 0 }

// IsRelative reports whether st is the yearly form (Year = 0).
func (st SystemTime) IsRelative() bool { return st.Year == 0 }

// timeOfDay is the wall-clock offset of the transition from midnight.
func (st SystemTime) timeOfDay() time.Duration {
	return time.Duration(st.Hour)*time.Hour + time.Duration(st.Minute)*time.Minute +
		time.Duration(st.Second)*time.Second + time.Duration(st.Milliseconds)*time.Millisecond
}

// DateIn returns the day of the transition in year (month and day), for
// the relative form ("the WDay-th WDayOfWeek of WMonth", 5 = last) or the
// absolute form (whose own year must equal year). ok is false when st is not
// set, is out of range, or is absolute for another year.
func (st SystemTime) DateIn(year int) (month time.Month, day int, ok bool) {
	if st.Month < 1 || st.Month > 12 {
		return 0, 0, false
	}
	m := time.Month(st.Month)
	if !st.IsRelative() {
		if int(st.Year) != year || st.Day < 1 || int(st.Day) > daysIn(year, m) {
			return 0, 0, false
		}
		return m, int(st.Day), true
	}
	if st.DayOfWeek > 6 || st.Day < 1 || st.Day > 5 {
		return 0, 0, false
	}
	first := int(time.Date(year, m, 1, 0, 0, 0, 0, time.UTC).Weekday())
	d := 1 + (int(st.DayOfWeek)-first+7)%7 + 7*(int(st.Day)-1)
	for d > daysIn(year, m) {
		d -= 7
	}
	return m, d, true
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func timeMonth(m uint16) time.Month { return time.Month(m) }
