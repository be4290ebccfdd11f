package tzdef

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

func TestSmartViewConformance(t *testing.T) {
	for _, name := range []string{"TIMEZONEDEFINITION-1", "TIMEZONEDEFINITION-2", "TIMEZONEDEFINITION-3"} {
		t.Run(name, func(t *testing.T) {
			fx := fixtures.Load(t, name)
			d, err := Parse(fx.Blob)
			if err != nil {
				t.Fatal(err)
			}
			fixtures.EqualText(t, d.SmartView(), fx.SmartView)
			out, err := d.MarshalBinary()
			if err != nil || !bytes.Equal(out, fx.Blob) {
				t.Errorf("round trip differs: %v", err)
			}
		})
	}
	t.Run("TIMEZONE-1", func(t *testing.T) {
		fx := fixtures.Load(t, "TIMEZONE-1")
		tz, err := ParseTimeZoneStruct(fx.Blob)
		if err != nil {
			t.Fatal(err)
		}
		fixtures.EqualText(t, tz.SmartView(), fx.SmartView)
		out, _ := tz.MarshalBinary()
		if !bytes.Equal(out, fx.Blob) {
			t.Error("round trip differs")
		}
	})
}

func TestFixtureFields(t *testing.T) {
	fx := fixtures.Load(t, "TIMEZONEDEFINITION-1")
	d, err := Parse(fx.Blob)
	if err != nil {
		t.Fatal(err)
	}
	if d.MajorVersion != 2 || d.MinorVersion != 1 || d.HeaderSize != 48 || d.Reserved != 2 || d.KeyNameLength != 21 ||
		d.KeyName != "Eastern Standard Time" || d.RuleCount != 2 || len(d.Rules) != 2 || len(d.Trailing) != 0 {
		t.Fatalf("header %+v", d)
	}
	r0, r1 := d.Rules[0], d.Rules[1]
	if r0.Year != 2006 || r0.Flags != 0 || r0.Bias != 300 || r0.StandardBias != 0 || r0.DaylightBias != -60 ||
		r0.StandardDate != (SystemTime{Month: 10, Day: 5, Hour: 2}) || r0.DaylightDate != (SystemTime{Month: 4, Day: 1, Hour: 2}) {
		t.Errorf("rule 0 %+v", r0)
	}
	if r1.Year != 2007 || r1.Flags != TZRULE_FLAG_EFFECTIVE_TZREG || r1.Reserved != 0x3E ||
		r1.StandardDate != (SystemTime{Month: 11, Day: 1, Hour: 2}) || r1.DaylightDate != (SystemTime{Month: 3, Day: 2, Hour: 2}) {
		t.Errorf("rule 1 %+v", r1)
	}
	if len(d.Check()) != 0 {
		t.Errorf("findings on a clean fixture: %v", d.Check())
	}

	fx3 := fixtures.Load(t, "TIMEZONEDEFINITION-3")
	d3, err := Parse(fx3.Blob)
	if err != nil {
		t.Fatal(err)
	}
	if d3.RuleCount != 0 || len(d3.Rules) != 0 || len(d3.Trailing) != 132 {
		t.Errorf("TZDEF-3: cRules %d, rules %d, trailing %d", d3.RuleCount, len(d3.Rules), len(d3.Trailing))
	}
	if !hasCode(d3.Check(), CodeNoRules) || !hasCode(d3.Check(), CodeTrailing) {
		t.Errorf("TZDEF-3 findings %v", d3.Check())
	}

	fx2 := fixtures.Load(t, "TIMEZONEDEFINITION-2")
	d2, _ := Parse(fx2.Blob)
	if d2.KeyName != "US Eastern Standard Time" || len(d2.Rules) != 3 || d2.Rules[0].HasDST() ||
		d2.Rules[0].X != (HexBytes14{1, 0, 0, 0, 1}) {
		t.Errorf("TZDEF-2 %+v", d2)
	}

	fxs := fixtures.Load(t, "TIMEZONE-1")
	tz, _ := ParseTimeZoneStruct(fxs.Blob)
	if tz.Bias != 300 || tz.DaylightBias != -60 || tz.StandardDate.Month != 11 || tz.DaylightDate.Day != 2 {
		t.Errorf("TIMEZONE-1 %+v", tz)
	}
	if len(tz.Check()) != 0 || len(d.CheckAgainst(tz)) != 1 {
		t.Errorf("TIMEZONE-1 checks %v / %v", tz.Check(), d.CheckAgainst(tz))
	}
	if !d.Rules[1].SameZone(tz) {
		t.Error("2007 rule should equal TIMEZONE-1")
	}
}

func hasCode(fs []blob.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// The worked example of the spec digest (timezones.md §6), checked against
// America/New_York.
func TestTransitionsEastern(t *testing.T) {
	fx := fixtures.Load(t, "TIMEZONEDEFINITION-1")
	d, _ := Parse(fx.Blob)
	tr := d.Transitions(2026)
	if len(tr) != 2 {
		t.Fatalf("transitions %v", tr)
	}
	if !tr[0].ToDaylight || !tr[0].UTC.Equal(time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("DST start %v", tr[0].UTC)
	}
	if tr[1].ToDaylight || !tr[1].UTC.Equal(time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("DST end %v", tr[1].UTC)
	}
	tr = d.Transitions(2006)
	if !tr[0].UTC.Equal(time.Date(2006, 4, 2, 7, 0, 0, 0, time.UTC)) || !tr[1].UTC.Equal(time.Date(2006, 10, 29, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("2006 transitions %v", tr)
	}
	for _, c := range []struct {
		at  time.Time
		off int
		dst bool
	}{
		{time.Date(2026, 3, 8, 6, 59, 0, 0, time.UTC), -5 * 3600, false},
		{time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), -4 * 3600, true},
		{time.Date(2026, 11, 1, 5, 59, 0, 0, time.UTC), -4 * 3600, true},
		{time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC), -5 * 3600, false},
		{time.Date(2006, 3, 20, 12, 0, 0, 0, time.UTC), -5 * 3600, false}, // 2006 rule: DST from April
		{time.Date(2001, 7, 1, 12, 0, 0, 0, time.UTC), -4 * 3600, true},   // before the first rule: first rule
		{time.Date(2027, 1, 1, 3, 0, 0, 0, time.UTC), -5 * 3600, false},
	} {
		off, dst, ok := d.Offset(c.at)
		if !ok || off != c.off || dst != c.dst {
			t.Errorf("Offset(%v) = %d %v", c.at, off, dst)
		}
	}
	if got := d.Rules[1].Describe(); got != "DST starts second Sunday of March 02:00, ends first Sunday of November 02:00, UTC−5/−4" {
		t.Errorf("Describe = %q", got)
	}
}

func TestSouthernHemisphere(t *testing.T) {
	// AUS Eastern: UTC+10, DST (UTC+11) from the first Sunday of October
	// 02:00 to the first Sunday of April 03:00.
	r := Rule{MajorVersion: 2, MinorVersion: 1, Reserved: 0x3E, Bias: -600, DaylightBias: -60,
		StandardDate: SystemTime{Month: 4, Day: 1, Hour: 3}, DaylightDate: SystemTime{Month: 10, Day: 1, Hour: 2}}
	d := &Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, KeyName: "AUS Eastern Standard Time", Rules: []Rule{r}}
	for _, c := range []struct {
		at  time.Time
		off int
	}{
		{time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), 11 * 3600},
		{time.Date(2026, 4, 4, 15, 59, 0, 0, time.UTC), 11 * 3600}, // 2026-04-05 02:59 AEDT
		{time.Date(2026, 4, 4, 16, 0, 0, 0, time.UTC), 10 * 3600},  // 03:00 AEDT = 02:00 AEST
		{time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), 10 * 3600},
		{time.Date(2026, 10, 3, 16, 0, 0, 0, time.UTC), 11 * 3600}, // 2026-10-04 02:00 AEST
	} {
		if off, _, _ := d.Offset(c.at); off != c.off {
			t.Errorf("Offset(%v) = %d, want %d", c.at, off, c.off)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	fx := fixtures.Load(t, "TIMEZONEDEFINITION-1")
	mod := func(f func(b []byte)) []byte {
		b := append([]byte(nil), fx.Blob...)
		f(b)
		return b
	}
	tests := []struct {
		name string
		b    []byte
		is   error
		path string
		off  int
	}{
		{"major", mod(func(b []byte) { b[0] = 3 }), blob.ErrUnsupportedVersion, "bMajorVersion", 0},
		{"minor", mod(func(b []byte) { b[1] = 0 }), blob.ErrUnsupportedVersion, "bMajorVersion", 0},
		{"rule major", mod(func(b []byte) { b[52] = 1 }), blob.ErrUnsupportedVersion, "TZRules[0].bMajorVersion", 52},
		{"rule 1 major", mod(func(b []byte) { b[52+66] = 9 }), blob.ErrUnsupportedVersion, "TZRules[1].bMajorVersion", 118},
		{"cbHeader small", mod(func(b []byte) { b[2] = 10 }), blob.ErrInvalid, "cbHeader", 2},
		{"cch huge", mod(func(b []byte) { b[6], b[7] = 0xFF, 0xFF }), blob.ErrTruncated, "KeyName", 8},
		{"cRules huge", mod(func(b []byte) { b[50], b[51] = 0xFF, 0xFF }), blob.ErrTruncated, "TZRules", 50},
	}
	for _, tt := range tests {
		_, err := Parse(tt.b)
		var de *blob.DecodeError
		if !errors.Is(err, tt.is) || !errors.As(err, &de) || de.Path != tt.path || de.Offset != tt.off {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// cbHeader larger than needed: the surplus is kept and reported.
	b := append([]byte(nil), fx.Blob[:52]...)
	b[2] = 50
	b = append(b, 0xAA, 0xBB)
	b = append(b, fx.Blob[52:]...)
	d, err := Parse(b)
	if err != nil || !bytes.Equal(d.ExtraHeaderData, []byte{0xAA, 0xBB}) || len(d.Rules) != 2 {
		t.Fatalf("extra header: %v %+v", err, d)
	}
	if out, _ := d.MarshalBinary(); !bytes.Equal(out, b) {
		t.Error("extra header round trip")
	}
	if !hasCode(d.Check(), CodeExtraHeader) {
		t.Error("extra header not reported")
	}
}

func TestKeyNameLossless(t *testing.T) {
	// An unpaired surrogate in the key name survives a round trip.
	d := &Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, KeyName: "X"}
	b, _ := d.MarshalBinary()
	b[8], b[9] = 0x00, 0xD8 // replace 'X' by a lone high surrogate
	d2, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := d2.MarshalBinary()
	if !bytes.Equal(out, b) {
		t.Errorf("lone surrogate lost: %x vs %x", out, b)
	}
}

func TestEmptyKeyNameFinding(t *testing.T) {
	// The 76-byte StartDisplay blob that crashed Outlook 2010 (KB 2553248).
	d := &Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, Rules: []Rule{{
		MajorVersion: 2, MinorVersion: 1, Reserved: 0x3E, Flags: TZRULE_FLAG_EFFECTIVE_TZREG, Year: 2007, Bias: 300, DaylightBias: -60,
		StandardDate: SystemTime{Month: 11, Day: 1, Hour: 2}, DaylightDate: SystemTime{Month: 3, Day: 2, Hour: 2}}}}
	b, _ := d.MarshalBinary()
	if len(b) != 76 {
		t.Fatalf("size %d", len(b))
	}
	d2, _ := Parse(b)
	fs := d2.Check()
	if len(fs) != 1 || fs[0].Code != CodeEmptyKeyName || fs[0].Severity != blob.Error || !strings.Contains(fs[0].Message, "KB 2553248") {
		t.Errorf("findings %v", fs)
	}
}

func TestCheckCodes(t *testing.T) {
	good := Rule{MajorVersion: 2, MinorVersion: 1, Reserved: 0x3E, Flags: TZRULE_FLAG_EFFECTIVE_TZREG, Year: 2007, Bias: 300, DaylightBias: -60,
		StandardDate: SystemTime{Month: 11, Day: 1, Hour: 2}, DaylightDate: SystemTime{Month: 3, Day: 2, Hour: 2}}
	base := func(f func(d *Definition)) *Definition {
		d := &Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, KeyName: "Eastern Standard Time", Rules: []Rule{good}}
		f(d)
		return d
	}
	tests := []struct {
		code string
		d    *Definition
		path string
	}{
		{CodeNoEffectiveRule, base(func(d *Definition) { d.Rules[0].Flags = 0 }), "TZRules"},
		{CodeManyEffective, base(func(d *Definition) { d.Rules = append(d.Rules, good); d.Rules[1].Year = 2008 }), "TZRules"},
		{CodeDuplicateYear, base(func(d *Definition) { r := good; r.Flags = 0; d.Rules = append(d.Rules, r) }), "TZRules[1].wYear"},
		{CodeRulesUnsorted, base(func(d *Definition) { r := good; r.Flags = 0; r.Year = 2001; d.Rules = append(d.Rules, r) }), "TZRules[1].wYear"},
		{CodeInvalidSystemTime, base(func(d *Definition) { d.Rules[0].StandardDate.Month = 13 }), "TZRules[0].stStandardDate.wMonth"},
		{CodeInvalidSystemTime, base(func(d *Definition) { d.Rules[0].DaylightDate.Day = 6 }), "TZRules[0].stDaylightDate.wDay"},
		{CodeInvalidSystemTime, base(func(d *Definition) { d.Rules[0].DaylightDate.DayOfWeek = 7 }), "TZRules[0].stDaylightDate.wDayOfWeek"},
		{CodeInvalidSystemTime, base(func(d *Definition) { d.Rules[0].DaylightDate.Hour = 24 }), "TZRules[0].stDaylightDate.wHour"},
		{CodeHalfDST, base(func(d *Definition) { d.Rules[0].DaylightDate = SystemTime{} }), "TZRules[0].stDaylightDate"},
		{CodeBiasRange, base(func(d *Definition) { d.Rules[0].Bias = 900 }), "TZRules[0].lStandardBias"},
		{CodeReserved, base(func(d *Definition) { d.Reserved = 1 }), "wReserved"},
		{CodeReserved, base(func(d *Definition) { d.Rules[0].Reserved = 0 }), "TZRules[0].wReserved"},
		{CodeUnknownFlags, base(func(d *Definition) { d.Rules[0].Flags |= 0x10 }), "TZRules[0].wTZRuleFlags"},
		{CodeXNonZero, base(func(d *Definition) { d.Rules[0].X[0] = 1 }), "TZRules[0].X"},
		{CodeTrailing, base(func(d *Definition) { d.Trailing = []byte{1} }), "Trailing"},
		{CodeEmptyKeyName, base(func(d *Definition) { d.KeyName = "" }), "cchKeyName"},
		{CodeNoRules, base(func(d *Definition) { d.Rules = nil }), "cRules"},
		{CodeKeyNameTooLong, base(func(d *Definition) { d.KeyName = strings.Repeat("k", 261) }), "KeyName"},
	}
	for _, tt := range tests {
		// Round-trip through bytes so the stored counts are real.
		b, err := tt.d.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", tt.code, err)
		}
		found := false
		for _, f := range d.Check() {
			if f.Code == tt.code && f.Path == tt.path && f.Message != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s at %q not reported: %v", tt.code, tt.path, d.Check())
		}
	}
	// TimeZoneStruct checks.
	tz := good.TimeZoneStruct()
	if len(tz.Check()) != 0 {
		t.Errorf("clean struct: %v", tz.Check())
	}
	tz.StandardYear = 5
	if !hasCode(tz.Check(), CodeYearMismatch) {
		t.Error("year mismatch not reported")
	}
	d := base(func(d *Definition) { d.Rules[0].Flags |= TZRULE_FLAG_RECUR_CURRENT_TZREG })
	if fs := d.CheckAgainst(good.TimeZoneStruct()); len(fs) != 0 || !d.ConsistentWith(good.TimeZoneStruct()) {
		t.Errorf("consistent pair: %v", fs)
	}
	other := good.TimeZoneStruct()
	other.Bias = 360
	if fs := d.CheckAgainst(other); len(fs) != 1 || fs[0].Severity != blob.Error || d.ConsistentWith(other) {
		t.Errorf("inconsistent pair: %v", fs)
	}
}
