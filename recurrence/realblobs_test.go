package recurrence

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
)

// findingSummary is what these tests compare: code, severity and path.
type findingSummary struct {
	Code     string
	Severity blob.Severity
	Path     string
}

func summarize(fs []blob.Finding) []findingSummary {
	out := []findingSummary{}
	for _, f := range fs {
		out = append(out, findingSummary{f.Code, f.Severity, f.Path})
	}
	return out
}

// [MS-OXOCAL] 4.1.1.6 "Yearly Hebrew Lunar Recurrence BLOB with Exceptions":
// every year on 3 Nisan, CalendarType CAL_HEBREW, FirstDateTime 685440
// (1602-04-22, the first Hebrew month of the series). The Gregorian month
// formula gives 129600 and used to report RECUR_FIRSTDATETIME on this
// Outlook-written blob.
const hebrewYearly = "043004300D200200080080750A000C0000000000000003000000232000000A0000000000000001000000207EDC0C01000000207EDC0C6074C40CDF80E95A0630000009300000E0010000FE01000001000080DC0C1E80DC0C0080DC0C24023C000000010000000000000004000000000000000000000000000000"

func TestHebrewFirstDateTimeNotJudgedInGregorianMonths(t *testing.T) {
	b, err := hex.DecodeString(hebrewYearly)
	require.NoError(t, err)
	ap, err := Parse(b)
	require.NoError(t, err)
	p := &ap.RecurrencePattern
	require.Equal(t, CAL_HEBREW, p.CalendarType)
	require.Equal(t, uint32(685440), p.FirstDateTime)
	require.False(t, p.GregorianMonths())
	_, ok := p.ExpectedFirstDateTime()
	require.False(t, ok, "no Gregorian-month value for a Hebrew series")

	want := []findingSummary{{CodeFirstDateTimeSkipped, blob.Info, "RecurrencePattern.FirstDateTime"}}
	fs := ap.Check()
	if d := cmp.Diff(want, summarize(fs)); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	require.Contains(t, fs[0].Message, "CAL_HEBREW")

	// The same pattern in a Gregorian calendar is still checked.
	p.CalendarType = CAL_GREGORIAN
	require.True(t, p.GregorianMonths())
	require.True(t, hasCode(ap.Check(), CodeFirstDateTime))
	// A Japanese-era calendar numbers years differently but has Gregorian months.
	p.CalendarType = CAL_JAPAN
	require.True(t, p.GregorianMonths())
	// Hijri pattern types count Hijri months whatever the CalendarType.
	p.CalendarType, p.PatternType = CAL_DEFAULT, HjMonth
	require.False(t, p.GregorianMonths())
	require.False(t, hasCode(ap.Check(), CodeFirstDateTime))
}

func weeklyWithExceptions() *AppointmentPattern {
	return must(NewAppointment(must(NewWeekly(date(2026, 3, 2), 1, Monday, time.Sunday, EndAfter(10))), 9*time.Hour, time.Hour))
}

func reparse(t *testing.T, ap *AppointmentPattern) *AppointmentPattern {
	t.Helper()
	b, err := ap.MarshalBinary()
	require.NoError(t, err)
	out, err := Parse(b)
	require.NoError(t, err)
	return out
}

// Outlook writes 4 zero bytes after ReservedBlock2 of some patterns: that is
// information, anything else after ReservedBlock2 stays a warning.
func TestOutlookZeroPaddingIsInfo(t *testing.T) {
	for _, tt := range []struct {
		trailing []byte
		sev      blob.Severity
	}{
		{[]byte{0, 0, 0, 0}, blob.Info},
		{[]byte{0, 0, 0, 1}, blob.Warning},
		{[]byte{0, 0, 0}, blob.Warning},
		{[]byte{0, 0, 0, 0, 0}, blob.Warning},
	} {
		ap := weeklyWithExceptions()
		ap.Trailing = tt.trailing
		got := summarize(reparse(t, ap).Check())
		want := []findingSummary{{CodeTrailing, tt.sev, "Trailing"}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("trailing % X (-want +got):\n%s", tt.trailing, d)
		}
	}
}

// A bare pattern with instances is only wrong if it is a task's.
func TestTaskInstancesMessageIsConditional(t *testing.T) {
	p := must(NewWeekly(date(2026, 1, 1), 1, Friday, time.Sunday, NoEnd()))
	p.DeletedInstanceDates = []Minutes{p.StartDate}
	var msg string
	for _, f := range p.Check() {
		if f.Code == CodeTaskInstances {
			msg = f.Message
		}
	}
	require.True(t, strings.HasPrefix(msg, "if this is PidLidTaskRecurrence"), msg)
}

// ReservedBlockEE1Size and ReservedBlockEE2Size MUST be 0; their bytes are
// kept, and a non-zero size is a warning.
func TestReservedBlockEESizes(t *testing.T) {
	ap := weeklyWithExceptions()
	s := "x"
	require.NoError(t, ap.ModifyInstance(date(2026, 3, 16), Overrides{Subject: &s}))
	b, err := ap.MarshalBinary()
	require.NoError(t, err)
	// The exception overrides the subject "x" only, so the blob ends with
	// ReservedBlockEE1Size, three dates, WideCharSubjectLength and one
	// UTF-16 unit, ReservedBlockEE2Size and ReservedBlock2Size: give the
	// two EE blocks two bytes and one.
	n := len(b)
	ee1, ee2 := n-28, n-8
	require.Equal(t, make([]byte, 4), b[ee1:ee1+4])
	var raw []byte
	raw = append(raw, b[:ee1]...)
	raw = append(raw, 2, 0, 0, 0, 1, 2)
	raw = append(raw, b[ee1+4:ee2]...)
	raw = append(raw, 1, 0, 0, 0, 3)
	raw = append(raw, b[ee2+4:]...)
	got, err := Parse(raw)
	require.NoError(t, err)
	require.Equal(t, []byte{1, 2}, got.Exception(0).Bytes("ReservedBlockEE1"))
	require.Equal(t, []byte{3}, got.Exception(0).Bytes("ReservedBlockEE2"))
	out, err := got.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, raw, out)
	want := []findingSummary{
		{CodeReservedBlock, blob.Warning, "ExtendedException[0].ReservedBlockEE1Size"},
		{CodeReservedBlock, blob.Warning, "ExtendedException[0].ReservedBlockEE2Size"},
	}
	if d := cmp.Diff(want, summarize(got.Check())); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}
