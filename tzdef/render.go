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
	w.Line(1, "bMajorVersion = ", sv.HexDec(uint64(d.BMajorVersion), 2, false, 8))
	w.Line(1, "bMinorVersion = ", sv.HexDec(uint64(d.BMinorVersion), 2, false, 8))
	w.Line(1, "cbHeader = ", sv.HexDec(uint64(d.CbHeader), 4, false, 16))
	w.Line(1, "wReserved = ", sv.HexDec(uint64(d.WReserved), 4, false, 16))
	w.Line(1, "cchKeyName = ", sv.HexDec(uint64(d.CchKeyName), 4, false, 16))
	w.Line(1, "szKeyName = ", d.KeyName)
	w.Line(1, "cRules = ", sv.HexDec(uint64(d.CRules), 4, false, 16))
	if len(d.ExtraHeaderData) > 0 {
		w.Line(1, "ExtraHeaderData")
		w.Line(2, sv.Bytes(d.ExtraHeaderData))
	}
	for i := range d.TZRules {
		t := &d.TZRules[i]
		w.Line(1, "TZRule[", sv.Hex(uint64(i), 1), "]")
		w.Line(2, "bMajorVersion = ", sv.HexDec(uint64(t.BMajorVersion), 2, false, 8))
		w.Line(2, "bMinorVersion = ", sv.HexDec(uint64(t.BMinorVersion), 2, false, 8))
		w.Line(2, "wReserved = ", sv.HexDec(uint64(t.WReserved), 4, false, 16))
		w.Line(2, "wTZRuleFlags = ", sv.Hex(uint64(t.WTZRuleFlags), 4), " = ", t.WTZRuleFlags.String())
		w.Line(2, "wYear = ", sv.HexDec(uint64(t.WYear), 4, false, 16))
		w.Line(2, "X")
		w.Line(3, sv.Bytes(t.X[:]))
		writeBiases(&w, 2, t.LBias, t.LStandardBias, t.LDaylightBias)
		writeSystemTime(&w, 2, "stStandardDate", t.StStandardDate)
		writeSystemTime(&w, 2, "stDaylightDate", t.StDaylightDate)
	}
	w.Unparsed(1, d.Trailing)
	return w.String()
}

// SmartView renders tz as MFCMAPI's SmartView pane does ("Time Zone").
// MFCMAPI labels wDaylightYear "wDaylightDate"; so does this output.
func (tz *TimeZoneStruct) SmartView() string {
	var w sv.Writer
	w.Line(0, "Time Zone")
	writeBiases(&w, 1, tz.LBias, tz.LStandardBias, tz.LDaylightBias)
	w.Line(1, "wStandardYear = ", sv.HexDec(uint64(tz.WStandardYear), 4, false, 16))
	writeSystemTime(&w, 1, "stStandardDate", tz.StStandardDate)
	w.Line(1, "wDaylightDate = ", sv.HexDec(uint64(tz.WDaylightYear), 4, false, 16))
	writeSystemTime(&w, 1, "stDaylightDate", tz.StDaylightDate)
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
	}{{"wYear", st.WYear}, {"wMonth", st.WMonth}, {"wDayOfWeek", st.WDayOfWeek}, {"wDay", st.WDay},
		{"wHour", st.WHour}, {"wMinute", st.WMinute}, {"wSecond", st.WSecond}, {"wMilliseconds", st.WMilliseconds}} {
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
	clock := fmt.Sprintf("%02d:%02d", st.WHour, st.WMinute)
	if st.WSecond != 0 || st.WMilliseconds != 0 {
		clock += fmt.Sprintf(":%02d.%03d", st.WSecond, st.WMilliseconds)
	}
	if !st.IsRelative() {
		return fmt.Sprintf("%04d-%02d-%02d %s", st.WYear, st.WMonth, st.WDay, clock)
	}
	if st.WDay < 1 || st.WDay > 5 || st.WDayOfWeek > 6 || st.WMonth > 12 {
		return fmt.Sprintf("invalid (month %d, week %d, weekday %d) %s", st.WMonth, st.WDay, st.WDayOfWeek, clock)
	}
	return ordinals[st.WDay] + " " + timeWeekday(st.WDayOfWeek) + " of " + timeMonth(st.WMonth).String() + " " + clock
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
	return "DST starts " + t.StDaylightDate.Describe() + ", ends " + t.StStandardDate.Describe() +
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
	fmt.Fprintf(&b, ", version %d.%d, %d rule(s)\n", d.BMajorVersion, d.BMinorVersion, len(d.TZRules))
	for i := range d.TZRules {
		t := &d.TZRules[i]
		from := "from " + strconv.Itoa(int(t.WYear))
		if i == 0 && len(d.TZRules) > 1 {
			from = "up to " + nextYear(d, i)
		} else if len(d.TZRules) == 1 {
			from = "all years"
		}
		flags := ""
		if t.WTZRuleFlags != 0 {
			flags = " [" + flagWords(t.WTZRuleFlags) + "]"
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
	if i+1 < len(d.TZRules) {
		return strconv.Itoa(int(d.TZRules[i+1].WYear) - 1)
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
