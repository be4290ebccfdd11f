package tzdef

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/internal/sv"
)

// SmartView renders d as MFCMAPI's SmartView pane does ("Time Zone
// Definition"), byte for byte for blobs MFCMAPI reads the same way.
func (d *Definition) SmartView() string {
	var w sv.Writer
	w.Line(0, "Time Zone Definition")
	w.Line(1, "bMajorVersion = ", sv.HexDec(uint64(d.MajorVersion), 2, false, 8))
	w.Line(1, "bMinorVersion = ", sv.HexDec(uint64(d.MinorVersion), 2, false, 8))
	w.Line(1, "cbHeader = ", sv.HexDec(uint64(d.HeaderSize), 4, false, 16))
	w.Line(1, "wReserved = ", sv.HexDec(uint64(d.Reserved), 4, false, 16))
	w.Line(1, "cchKeyName = ", sv.HexDec(uint64(d.KeyNameLength), 4, false, 16))
	w.Line(1, "szKeyName = ", d.KeyName)
	w.Line(1, "cRules = ", sv.HexDec(uint64(d.RuleCount), 4, false, 16))
	if len(d.ExtraHeaderData) > 0 {
		w.Line(1, "ExtraHeaderData")
		w.Line(2, sv.Bytes(d.ExtraHeaderData))
	}
	for i := range d.Rules {
		t := &d.Rules[i]
		w.Line(1, "TZRule[", sv.Hex(uint64(i), 1), "]")
		w.Line(2, "bMajorVersion = ", sv.HexDec(uint64(t.MajorVersion), 2, false, 8))
		w.Line(2, "bMinorVersion = ", sv.HexDec(uint64(t.MinorVersion), 2, false, 8))
		w.Line(2, "wReserved = ", sv.HexDec(uint64(t.Reserved), 4, false, 16))
		w.Line(2, "wTZRuleFlags = ", sv.Hex(uint64(t.Flags), 4), " = ", t.Flags.String())
		w.Line(2, "wYear = ", sv.HexDec(uint64(t.Year), 4, false, 16))
		w.Line(2, "X")
		w.Line(3, sv.Bytes(t.X[:]))
		writeBiases(&w, 2, t.Bias, t.StandardBias, t.DaylightBias)
		writeSystemTime(&w, 2, "stStandardDate", t.StandardDate)
		writeSystemTime(&w, 2, "stDaylightDate", t.DaylightDate)
	}
	w.Unparsed(1, d.Trailing)
	return w.String()
}

// SmartView renders tz as MFCMAPI's SmartView pane does ("Time Zone").
// MFCMAPI labels wDaylightYear "wDaylightDate"; so does this output.
func (tz *TimeZoneStruct) SmartView() string {
	var w sv.Writer
	w.Line(0, "Time Zone")
	writeBiases(&w, 1, tz.Bias, tz.StandardBias, tz.DaylightBias)
	w.Line(1, "wStandardYear = ", sv.HexDec(uint64(tz.StandardYear), 4, false, 16))
	writeSystemTime(&w, 1, "stStandardDate", tz.StandardDate)
	w.Line(1, "wDaylightDate = ", sv.HexDec(uint64(tz.DaylightYear), 4, false, 16))
	writeSystemTime(&w, 1, "stDaylightDate", tz.DaylightDate)
	w.Unparsed(1, tz.Trailing)
	return w.String()
}

func writeBiases(w *sv.Writer, depth int, b, s, d int32) {
	w.Line(depth, "lBias = ", sv.HexDec(uint64(uint32(b)), 8, true, 32))
	w.Line(depth, "lStandardBias = ", sv.HexDec(uint64(uint32(s)), 8, true, 32))
	w.Line(depth, "lDaylightBias = ", sv.HexDec(uint64(uint32(d)), 8, true, 32))
}

func writeSystemTime(w *sv.Writer, depth int, name string, st SystemTime) {
	w.Line(depth, name)
	for _, f := range []struct {
		n string
		v uint16
	}{{"wYear", st.Year}, {"wMonth", st.Month}, {"wDayOfWeek", st.DayOfWeek}, {"wDay", st.Day},
		{"wHour", st.Hour}, {"wMinute", st.Minute}, {"wSecond", st.Second}, {"wMilliseconds", st.Milliseconds}} {
		w.Line(depth+1, f.n, " = ", sv.HexDec(uint64(f.v), 1, false, 16))
	}
}

var ordinals = [...]string{"", "first", "second", "third", "fourth", "last"}

// Describe puts a transition rule in words: "second Sunday of March 02:00"
// (relative form), "2011-03-27 02:00" (absolute form), or "none".
func (st SystemTime) Describe() string {
	if !st.IsSet() {
		return "none"
	}
	clock := fmt.Sprintf("%02d:%02d", st.Hour, st.Minute)
	if st.Second != 0 || st.Milliseconds != 0 {
		clock += fmt.Sprintf(":%02d.%03d", st.Second, st.Milliseconds)
	}
	if !st.IsRelative() {
		return fmt.Sprintf("%04d-%02d-%02d %s", st.Year, st.Month, st.Day, clock)
	}
	if st.Day < 1 || st.Day > 5 || st.DayOfWeek > 6 || st.Month > 12 {
		return fmt.Sprintf("invalid (month %d, week %d, weekday %d) %s", st.Month, st.Day, st.DayOfWeek, clock)
	}
	return ordinals[st.Day] + " " + timeWeekday(st.DayOfWeek) + " of " + timeMonth(st.Month).String() + " " + clock
}

// FormatOffset prints an offset in seconds as "UTC−5", "UTC+5:30" or "UTC".
func FormatOffset(sec int) string {
	if sec == 0 {
		return "UTC"
	}
	sign := "+"
	if sec < 0 {
		sign, sec = "−", -sec
	}
	h, m := sec/3600, sec%3600/60
	if m == 0 {
		return "UTC" + sign + strconv.Itoa(h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// Describe puts the rule in words, e.g. "DST starts second Sunday of March
// 02:00, ends first Sunday of November 02:00, UTC−5/−4".
func (t *Rule) Describe() string {
	std, dst := FormatOffset(t.StandardOffset()), FormatOffset(t.DaylightOffset())
	if !t.HasDST() {
		return "no daylight saving, " + std
	}
	return "DST starts " + t.DaylightDate.Describe() + ", ends " + t.StandardDate.Describe() +
		", " + std + "/" + strings.TrimPrefix(dst, "UTC")
}

// Text renders d for people: key name, IANA name where known, and each
// rule in words.
func (d *Definition) Text() string {
	var b strings.Builder
	name := d.KeyName
	if name == "" {
		name = "(empty key name)"
	}
	fmt.Fprintf(&b, "Time zone definition %q", name)
	if iana := IANAName(d.KeyName); iana != "" {
		fmt.Fprintf(&b, " (IANA %s)", iana)
	}
	fmt.Fprintf(&b, ", version %d.%d, %d rule(s)\n", d.MajorVersion, d.MinorVersion, len(d.Rules))
	for i := range d.Rules {
		t := &d.Rules[i]
		from := "from " + strconv.Itoa(int(t.Year))
		if i == 0 && len(d.Rules) > 1 {
			from = "up to " + nextYear(d, i)
		} else if len(d.Rules) == 1 {
			from = "all years"
		}
		flags := ""
		if t.Flags != 0 {
			flags = " [" + flagWords(t.Flags) + "]"
		}
		fmt.Fprintf(&b, "  %s: %s%s\n", from, t.Describe(), flags)
	}
	if len(d.ExtraHeaderData) > 0 {
		fmt.Fprintf(&b, "  extra header data: %d bytes\n", len(d.ExtraHeaderData))
	}
	if len(d.Trailing) > 0 {
		fmt.Fprintf(&b, "  trailing bytes: %d\n", len(d.Trailing))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func nextYear(d *Definition, i int) string {
	if i+1 < len(d.Rules) {
		return strconv.Itoa(int(d.Rules[i+1].Year) - 1)
	}
	return "now"
}

func flagWords(f RuleFlags) string {
	var w []string
	if f&TZRULE_FLAG_EFFECTIVE_TZREG != 0 {
		w = append(w, "effective")
	}
	if f&TZRULE_FLAG_RECUR_CURRENT_TZREG != 0 {
		w = append(w, "matches the series' TimeZoneStruct")
	}
	if rest := f &^ 3; rest != 0 {
		w = append(w, "unknown flags "+sv.Hex(uint64(rest), 4))
	}
	return strings.Join(w, ", ")
}

// Text renders tz for people.
func (tz *TimeZoneStruct) Text() string {
	r := tz.Rule()
	s := "Time zone struct: " + r.Describe()
	if len(tz.Trailing) > 0 {
		s += "\n  trailing bytes: " + strconv.Itoa(len(tz.Trailing))
	}
	return s
}

func timeWeekday(d uint16) string {
	return [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}[d%7]
}
