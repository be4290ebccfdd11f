package tzdef

import (
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/lint"
	"github.com/mapiblob/mapiblob/internal/sv"
)

// Finding codes of this package. They are stable: scripts may match them.
const (
	CodeEmptyKeyName      = "TZ_EMPTY_KEYNAME"
	CodeNoRules           = "TZ_NO_RULES"
	CodeNoEffectiveRule   = "TZ_NO_EFFECTIVE_RULE"
	CodeManyEffective     = "TZ_MULTIPLE_EFFECTIVE_RULES"
	CodeRulesUnsorted     = "TZ_RULES_UNSORTED"
	CodeDuplicateYear     = "TZ_DUPLICATE_YEAR"
	CodeInvalidSystemTime = "TZ_INVALID_SYSTEMTIME"
	CodeHalfDST           = "TZ_HALF_DST"
	CodeBiasRange         = "TZ_BIAS_OUT_OF_RANGE"
	CodeReserved          = "TZ_RESERVED_VALUE"
	CodeUnknownFlags      = "TZ_UNKNOWN_RULE_FLAGS"
	CodeXNonZero          = "TZ_X_NONZERO"
	CodeExtraHeader       = "TZ_EXTRA_HEADER_DATA"
	CodeTooManyRules      = "TZ_TOO_MANY_RULES"
	CodeTrailing          = "TZ_TRAILING_BYTES"
	CodeYearMismatch      = "TZ_YEAR_FIELD_MISMATCH"
	CodeStructMismatch    = "TZ_STRUCT_MISMATCH"
	CodeKeyNameTooLong    = "TZ_KEYNAME_TOO_LONG"
	CodeOutOfDate         = "TZ_RULE_OUT_OF_DATE"
)

// MaxBias is the largest magnitude of a bias sum, in minutes (14 hours).
const MaxBias = 14 * 60

// Check reports what in d is outside [MS-OXOCAL] or known to upset
// Outlook. It never fails; a clean definition gives no findings.
func (d *Definition) Check() []blob.Finding {
	var l lint.List
	// Outlook reads the key name as a NUL-terminated string: a name made of
	// NUL characters is as empty as one of length 0, and crashes it alike.
	if strings.Trim(d.KeyName, "\x00") == "" {
		const crash = "; Outlook 2010 with update KB 2553248 crashes when it opens, selects or dismisses a reminder for such a meeting (fixed in a later Outlook 2010 update). Rewrite the time-zone properties from the meeting's own zone, with its Windows key name"
		if d.KeyName == "" {
			l.Add(CodeEmptyKeyName, blob.Error, "cchKeyName", "the time-zone key name is empty"+crash)
		} else {
			l.Add(CodeEmptyKeyName, blob.Error, "KeyName", "the time-zone key name is "+strconv.Itoa(len(d.KeyName))+
				" NUL characters, which Outlook reads as an empty name"+crash)
		}
	}
	if n := len([]rune(d.KeyName)); n > 260 {
		l.Add(CodeKeyNameTooLong, blob.Warning, "KeyName", "the key name has "+strconv.Itoa(n)+" characters; Windows key names have at most 260")
	}
	if d.Reserved != HeaderReserved {
		l.Add(CodeReserved, blob.Warning, "wReserved", "wReserved is "+sv.Hex(uint64(d.Reserved), 4)+", the specification requires 0x0002 (key name present); readers may misread the header")
	}
	if len(d.ExtraHeaderData) > 0 {
		l.Add(CodeExtraHeader, blob.Info, "ExtraHeaderData", "cbHeader covers "+strconv.Itoa(len(d.ExtraHeaderData))+
			" bytes beyond cRules (a newer format's header data); MFCMAPI and other readers that ignore cbHeader read the rules from the wrong place")
	}
	switch {
	case len(d.Rules) == 0:
		l.Add(CodeNoRules, blob.Error, "cRules", "the definition has no rules; Outlook cannot compute offsets from it and falls back to PidLidTimeZoneStruct or the local zone")
	case len(d.Rules) > MaxRules:
		l.Add(CodeTooManyRules, blob.Warning, "cRules", strconv.Itoa(len(d.Rules))+" rules; the specification allows at most 1024")
	}
	eff := 0
	for i := range d.Rules {
		if d.Rules[i].Flags&TZRULE_FLAG_EFFECTIVE_TZREG != 0 {
			eff++
		}
	}
	if len(d.Rules) > 0 && eff == 0 {
		l.Add(CodeNoEffectiveRule, blob.Warning, "TZRules", "no rule carries TZRULE_FLAG_EFFECTIVE_TZREG; clients cannot tell which rule is the zone's current one")
	}
	if eff > 1 {
		l.Add(CodeManyEffective, blob.Warning, "TZRules", strconv.Itoa(eff)+" rules carry TZRULE_FLAG_EFFECTIVE_TZREG; exactly one should")
	}
	for i := 1; i < len(d.Rules); i++ {
		prev, cur := d.Rules[i-1].Year, d.Rules[i].Year
		p := "TZRules[" + strconv.Itoa(i) + "].wYear"
		switch {
		case cur == prev:
			l.Add(CodeDuplicateYear, blob.Warning, p, "two rules start in "+strconv.Itoa(int(cur))+"; only one of them can apply")
		case cur < prev:
			l.Add(CodeRulesUnsorted, blob.Warning, p, "rule for "+strconv.Itoa(int(cur))+" follows the rule for "+strconv.Itoa(int(prev))+"; rules must ascend by year, and readers that scan in order pick the wrong one")
		}
	}
	for i := range d.Rules {
		d.Rules[i].check(&l, "TZRules["+strconv.Itoa(i)+"].")
	}
	if len(d.Trailing) > 0 {
		l.Add(CodeTrailing, blob.Warning, "Trailing", strconv.Itoa(len(d.Trailing))+" bytes follow the last rule; readers ignore them")
	}
	d.checkCurrent(&l)
	return l
}

// checkCurrent compares the rules with the current IANA rules of the zone
// CLDR maps the key name to (from the time-zone database this program
// reads), from this year through ten years ahead.
func (d *Definition) checkCurrent(l *lint.List) {
	iana := IANAName(d.KeyName)
	if iana == "" || len(d.Rules) == 0 || len(d.Rules) > MaxRules {
		return
	}
	loc, err := loadIANA(iana)
	if err != nil {
		return
	}
	if since, ok := outOfDateCached(d, iana, loc, time.Now().Year()); ok {
		l.Add(CodeOutOfDate, blob.Warning, "TZRules", "stored rule for "+d.KeyName+" is out of date since "+strconv.Itoa(since)+
			": the zone's current rules ("+iana+") give other offsets, so Outlook shows meetings stored with it at the wrong hour "+
			"until the time-zone update tool rebases them (`mapiblob tz drift` lists them)")
	}
}

func (t *Rule) check(l *lint.List, p string) {
	if t.Reserved != RuleReserved {
		l.Add(CodeReserved, blob.Warning, p+"wReserved", "wReserved is "+sv.Hex(uint64(t.Reserved), 4)+", the specification requires 0x003E")
	}
	if rest := t.Flags &^ (TZRULE_FLAG_RECUR_CURRENT_TZREG | TZRULE_FLAG_EFFECTIVE_TZREG); rest != 0 {
		l.Add(CodeUnknownFlags, blob.Warning, p+"wTZRuleFlags", "undefined flag bits "+sv.Hex(uint64(rest), 4)+" are set; they must be zero")
	}
	if t.X != (HexBytes14{}) {
		l.Add(CodeXNonZero, blob.Info, p+"X", "X is not zero as the specification says; Outlook writes the rest of the rule's start date here (January 1), which readers ignore")
	}
	checkZone(l, p, t.Bias, t.StandardBias, t.DaylightBias, t.StandardDate, t.DaylightDate)
}

func checkZone(l *lint.List, p string, bias, std, dst int32, stdDate, dstDate SystemTime) {
	for _, b := range []struct {
		name string
		v    int64
	}{{"lStandardBias", int64(bias) + int64(std)}, {"lDaylightBias", int64(bias) + int64(dst)}} {
		if b.v > MaxBias || b.v < -MaxBias {
			l.Add(CodeBiasRange, blob.Error, p+b.name, "lBias + "+b.name+" = "+strconv.FormatInt(b.v, 10)+
				" minutes, beyond ±14 hours: no zone on Earth has that offset; times computed from it are wrong")
		}
	}
	checkSystemTime(l, p+"stStandardDate", stdDate)
	checkSystemTime(l, p+"stDaylightDate", dstDate)
	if stdDate.IsSet() != dstDate.IsSet() {
		l.Add(CodeHalfDST, blob.Error, p+"stDaylightDate", "only one of stStandardDate and stDaylightDate names a transition; the zone enters or leaves daylight time and never returns, and clients disagree on the offset")
	}
}

func checkSystemTime(l *lint.List, p string, st SystemTime) {
	bad := func(field, why string) {
		l.Add(CodeInvalidSystemTime, blob.Error, p+"."+field, why+"; Outlook cannot compute this transition")
	}
	if st.Month == 0 {
		return // no transition
	}
	if st.Month > 12 {
		bad("wMonth", "month "+strconv.Itoa(int(st.Month))+" is beyond 12")
	}
	if st.DayOfWeek > 6 {
		bad("wDayOfWeek", "weekday "+strconv.Itoa(int(st.DayOfWeek))+" is beyond 6 (Saturday)")
	}
	if st.IsRelative() {
		if st.Day < 1 || st.Day > 5 {
			bad("wDay", "week of the month "+strconv.Itoa(int(st.Day))+" is not 1–5")
		}
	} else if st.Day < 1 || st.Month <= 12 && int(st.Day) > daysIn(int(st.Year), timeMonth(st.Month)) {
		bad("wDay", "day "+strconv.Itoa(int(st.Day))+" does not exist in that month")
	}
	if st.Hour > 23 {
		bad("wHour", "hour "+strconv.Itoa(int(st.Hour))+" is beyond 23")
	}
	if st.Minute > 59 {
		bad("wMinute", "minute "+strconv.Itoa(int(st.Minute))+" is beyond 59")
	}
	if st.Second > 59 {
		bad("wSecond", "second "+strconv.Itoa(int(st.Second))+" is beyond 59")
	}
	if st.Milliseconds > 999 {
		bad("wMilliseconds", "milliseconds "+strconv.Itoa(int(st.Milliseconds))+" beyond 999")
	}
}

// Check reports what in tz is outside [MS-OXOCAL] 2.2.1.39.
func (tz *TimeZoneStruct) Check() []blob.Finding {
	var l lint.List
	checkZone(&l, "", tz.Bias, tz.StandardBias, tz.DaylightBias, tz.StandardDate, tz.DaylightDate)
	if tz.StandardYear != tz.StandardDate.Year {
		l.Add(CodeYearMismatch, blob.Warning, "wStandardYear", "wStandardYear "+strconv.Itoa(int(tz.StandardYear))+" differs from stStandardDate.wYear "+strconv.Itoa(int(tz.StandardDate.Year))+"; the specification requires them equal")
	}
	if tz.DaylightYear != tz.DaylightDate.Year {
		l.Add(CodeYearMismatch, blob.Warning, "wDaylightYear", "wDaylightYear "+strconv.Itoa(int(tz.DaylightYear))+" differs from stDaylightDate.wYear "+strconv.Itoa(int(tz.DaylightDate.Year))+"; the specification requires them equal")
	}
	if len(tz.Trailing) > 0 {
		l.Add(CodeTrailing, blob.Warning, "Trailing", strconv.Itoa(len(tz.Trailing))+" bytes follow the 48-byte structure; readers ignore them")
	}
	return l
}

// CheckAgainst reports whether d (PidLidAppointmentTimeZoneDefinitionRecur)
// and tz (PidLidTimeZoneStruct) of the same series agree, as Outlook
// requires before it uses d: the rule flagged TZRULE_FLAG_RECUR_CURRENT_TZREG
// must exist and equal tz.
func (d *Definition) CheckAgainst(tz *TimeZoneStruct) []blob.Finding {
	var l lint.List
	r := d.RecurRule()
	switch {
	case r == nil:
		l.Add(CodeStructMismatch, blob.Warning, "TZRules", "no rule carries TZRULE_FLAG_RECUR_CURRENT_TZREG, so Outlook ignores this definition and expands the series with PidLidTimeZoneStruct alone (losing other years' rules)")
	case !r.SameZone(tz):
		i := 0
		for k := range d.Rules {
			if &d.Rules[k] == r {
				i = k
			}
		}
		l.Add(CodeStructMismatch, blob.Error, "TZRules["+strconv.Itoa(i)+"]", "the rule flagged TZRULE_FLAG_RECUR_CURRENT_TZREG differs from PidLidTimeZoneStruct; Outlook discards the definition and uses PidLidTimeZoneStruct, so the two clients that read different properties show different times. Rewrite both from one zone")
	}
	return l
}
