package tzdef

import (
	"encoding/binary"
	"time"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// SystemTime is the 16-byte SYSTEMTIME of [MS-DTYP] 2.3.13. Inside a
// time-zone rule it is a transition rule: with WYear = 0 it means "the
// WDay-th (5 = last) WDayOfWeek of WMonth at WHour:WMinute" every year; with
// WYear ≠ 0 an absolute date; WMonth = 0 means "no daylight saving".
type SystemTime struct {
	WYear         uint16 `json:"wYear"`
	WMonth        uint16 `json:"wMonth"`
	WDayOfWeek    uint16 `json:"wDayOfWeek"` // 0 = Sunday
	WDay          uint16 `json:"wDay"`       // day of month, or week of month 1–5 in the relative form
	WHour         uint16 `json:"wHour"`
	WMinute       uint16 `json:"wMinute"`
	WSecond       uint16 `json:"wSecond"`
	WMilliseconds uint16 `json:"wMilliseconds"`
}

// SystemTimeSize is the encoded size of a SystemTime.
const SystemTimeSize = 16

// decode fills st from 16 bytes, as two 64-bit loads.
func (st *SystemTime) decode(b []byte) {
	lo := binary.LittleEndian.Uint64(b[0:8])
	hi := binary.LittleEndian.Uint64(b[8:16])
	st.WYear, st.WMonth, st.WDayOfWeek, st.WDay = uint16(lo), uint16(lo>>16), uint16(lo>>32), uint16(lo>>48)
	st.WHour, st.WMinute, st.WSecond, st.WMilliseconds = uint16(hi), uint16(hi>>16), uint16(hi>>32), uint16(hi>>48)
}

func readSystemTime(r *wire.Reader, name string) SystemTime {
	r.Enter(name, -1)
	st := SystemTime{
		WYear:         r.U16("wYear"),
		WMonth:        r.U16("wMonth"),
		WDayOfWeek:    r.U16("wDayOfWeek"),
		WDay:          r.U16("wDay"),
		WHour:         r.U16("wHour"),
		WMinute:       r.U16("wMinute"),
		WSecond:       r.U16("wSecond"),
		WMilliseconds: r.U16("wMilliseconds"),
	}
	r.Leave()
	return st
}

// AppendBinary appends the 16-byte encoding.
func (st SystemTime) AppendBinary(b []byte) ([]byte, error) { return st.appendTo(b), nil }

func (st SystemTime) appendTo(b []byte) []byte {
	for _, v := range [...]uint16{st.WYear, st.WMonth, st.WDayOfWeek, st.WDay, st.WHour, st.WMinute, st.WSecond, st.WMilliseconds} {
		b = wire.AppendU16(b, v)
	}
	return b
}

// IsZero reports whether every field is zero.
func (st SystemTime) IsZero() bool { return st == SystemTime{} }

// IsSet reports whether st names a transition (WMonth ≠ 0).
func (st SystemTime) IsSet() bool { return st.WMonth != 0 }

// IsRelative reports whether st is the yearly form (WYear = 0).
func (st SystemTime) IsRelative() bool { return st.WYear == 0 }

// timeOfDay is the wall-clock offset of the transition from midnight.
func (st SystemTime) timeOfDay() time.Duration {
	return time.Duration(st.WHour)*time.Hour + time.Duration(st.WMinute)*time.Minute +
		time.Duration(st.WSecond)*time.Second + time.Duration(st.WMilliseconds)*time.Millisecond
}

// DateIn returns the day of the transition in year (month and day), for
// the relative form ("the WDay-th WDayOfWeek of WMonth", 5 = last) or the
// absolute form (whose own year must equal year). ok is false when st is not
// set, is out of range, or is absolute for another year.
func (st SystemTime) DateIn(year int) (month time.Month, day int, ok bool) {
	if st.WMonth < 1 || st.WMonth > 12 {
		return 0, 0, false
	}
	m := time.Month(st.WMonth)
	if !st.IsRelative() {
		if int(st.WYear) != year || st.WDay < 1 || int(st.WDay) > daysIn(year, m) {
			return 0, 0, false
		}
		return m, int(st.WDay), true
	}
	if st.WDayOfWeek > 6 || st.WDay < 1 || st.WDay > 5 {
		return 0, 0, false
	}
	first := int(time.Date(year, m, 1, 0, 0, 0, 0, time.UTC).Weekday())
	d := 1 + (int(st.WDayOfWeek)-first+7)%7 + 7*(int(st.WDay)-1)
	for d > daysIn(year, m) {
		d -= 7
	}
	return m, d, true
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func timeMonth(m uint16) time.Month { return time.Month(m) }
