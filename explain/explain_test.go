package explain

import (
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/seed"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

var explainNow = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func codes(fs []FindingView) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// The seed case: a StartDisplay with an empty key name in an MFCMAPI export
// whose Recur definition names the zone with the same rules. The crash is
// an error finding, and the repair is the zone's display definition, the
// bytes `mapiblob tz build --zone 'Eastern Standard Time' --display` prints.
func TestExplainSeedRepair(t *testing.T) {
	text, err := seed.SeedExport("..")
	require.NoError(t, err)
	x := Explain(text, Options{Now: explainNow})
	require.Equal(t, InputBlobs, x.Input, x.Error)
	require.Len(t, x.Blobs, 3)
	b := x.Blobs[0]
	require.Equal(t, "PidLidAppointmentTimeZoneDefinitionStartDisplay", b.Property)
	require.Equal(t, "0x80380102", b.Tag)
	require.Equal(t, blob.KindTZDef, b.Kind)
	require.Equal(t, 76, b.Size)
	require.Equal(t, "error", b.Worst)
	require.Contains(t, codes(b.Findings), tzdef.CodeEmptyKeyName)
	require.Contains(t, b.Text, "KB 2553248")
	require.NotNil(t, b.Repair)
	require.Equal(t, "Eastern Standard Time", b.Repair.Zone)
	require.Contains(t, b.Repair.Reason, "another time-zone definition in the paste")
	require.True(t, b.Repair.Display)
	require.Equal(t, "mapiblob tz build --zone 'Eastern Standard Time' --display", b.Repair.Command)

	want, _, err := tzdef.FromZoneName("Eastern Standard Time", 2000, 2037)
	require.NoError(t, err)
	wb, err := want.ForDisplay().MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, hexString(wb), b.Repair.Hex)
	require.Equal(t, "cb: "+strconv.Itoa(len(wb))+" lpb: "+b.Repair.Hex, b.Repair.MFCMAPI)
	// The repair decodes clean.
	fixed := Explain(b.Repair.Hex, Options{Now: explainNow})
	require.Empty(t, fixed.Blobs[0].Findings)
	// The other blobs need no repair, and agree with each other.
	require.Nil(t, x.Blobs[1].Repair)
	require.Nil(t, x.Blobs[2].Repair)
	require.Empty(t, x.CrossFindings)
	require.Nil(t, x.Series, "no recurrence pattern in the paste")
	require.Empty(t, x.Zones, "no zone list needed")
}

// Alone, the seed blob's rules are those of several Windows zones: no zone
// is assumed; the candidates are listed until the user picks one.
func TestExplainEmptyKeyNameNeedsAZone(t *testing.T) {
	b, err := seed.EmptyKeyName("..")
	require.NoError(t, err)
	x := Explain(hexString(b), Options{Now: explainNow})
	rep := x.Blobs[0].Repair
	require.NotNil(t, rep)
	require.Empty(t, rep.Hex)
	require.Empty(t, rep.Zone)
	require.Contains(t, rep.Candidates, "Eastern Standard Time")
	require.Contains(t, rep.Candidates, "US Eastern Standard Time")
	require.NotContains(t, rep.Candidates, "Central Standard Time")
	require.Contains(t, rep.Note, "pick the one the meeting was made in")
	require.Contains(t, x.Zones, "Atlantic Standard Time")

	x = Explain(hexString(b), Options{Now: explainNow, Zone: "US Eastern Standard Time"})
	rep = x.Blobs[0].Repair
	require.Equal(t, "US Eastern Standard Time", rep.Zone)
	require.Equal(t, "the zone you picked", rep.Reason)
	require.True(t, rep.Display, "no recur flag: display form")
	want, _, err := tzdef.FromZoneName("US Eastern Standard Time", 2000, 2037)
	require.NoError(t, err)
	wb, _ := want.ForDisplay().MarshalBinary()
	require.Equal(t, hexString(wb), rep.Hex)

	// An IANA name picks the Windows zone CLDR maps it to.
	x = Explain(hexString(b), Options{Now: explainNow, Zone: "America/New_York"})
	require.Equal(t, "Eastern Standard Time", x.Blobs[0].Repair.Zone)

	// A zone that is no zone is an error, not a guess.
	x = Explain(hexString(b), Options{Now: explainNow, Zone: "Mars/Olympus"})
	require.Equal(t, InputInvalid, x.Input)
	require.Contains(t, x.Error, "zone")
}

// Rules that only one Windows zone has repair without asking: Lord Howe's
// half-hour daylight saving.
func TestExplainEmptyKeyNameUniqueZone(t *testing.T) {
	d, _, err := tzdef.FromZoneName("Lord Howe Standard Time", 2000, 2037)
	require.NoError(t, err)
	d.KeyName = ""
	b, err := d.MarshalBinary()
	require.NoError(t, err)
	x := Explain(hexString(b), Options{Now: explainNow})
	rep := x.Blobs[0].Repair
	require.NotNil(t, rep)
	require.Equal(t, []string{"Lord Howe Standard Time"}, rep.Candidates)
	require.Equal(t, "Lord Howe Standard Time", rep.Zone)
	require.Contains(t, rep.Reason, "one Windows time zone only")
	require.False(t, rep.Display, "a definition with the recur flag keeps it")
	want, _, _ := tzdef.FromZoneName("Lord Howe Standard Time", 2000, 2037)
	wb, _ := want.MarshalBinary()
	require.Equal(t, hexString(wb), rep.Hex)
}

func TestExplainGUIDForms(t *testing.T) {
	for _, in := range []string{seed.ExMergeEscape, "{66960343-B15D-443B-8199-1F9143325B37}", seed.ExMergeADSI, "QwOWZl2xO0SBmR+RQzJbNw==", "430396665DB13B4481991F9143325B37"} {
		x := Explain(in, Options{})
		require.Equal(t, InputGUID, x.Input, "%s: %s", in, x.Error)
		require.Equal(t, FormView{"adsi", seed.ExMergeADSI}, x.GUID.Forms[1], in)
		require.Equal(t, "{66960343-B15D-443B-8199-1F9143325B37}", x.GUID.Forms[0].Value, in)
	}
	x := Explain("430396665DB13B4481991F9143325B37", Options{})
	require.True(t, x.GUID.Ambiguous)
	require.NotEmpty(t, x.GUID.Alternative)
}

func TestExplainExMergeLine(t *testing.T) {
	line := "1/15/2007 10:02:12 AM  Error! Cannot identify the user with the msExchMailboxGuid " + seed.ExMergeEscape +
		". The legacyExchangeDN is /O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER.\r\n" +
		"1/15/2007 10:02:14 AM  Error! Cannot identify the user with the msExchMailboxGuid Ab\\00. The legacyExchangeDN is /O=X/CN=Y.\r\n"
	x := Explain(line, Options{})
	require.Equal(t, InputExMerge, x.Input)
	require.Len(t, x.ExMerge, 2)
	e := x.ExMerge[0]
	require.Equal(t, seed.ExMergeADSI, e.ADSI)
	require.Equal(t, "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER", e.LegacyExchangeDN)
	require.Contains(t, e.PowerShell, "Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)' | Set-ADUser -Replace @{msExchMailboxGuid=[byte[]](0x43,")
	require.Contains(t, e.Remediation, "ADSI Edit")
	require.NotEmpty(t, x.ExMerge[1].Error, "a GUID that is not 16 bytes is not guessed")
	require.Empty(t, x.ExMerge[1].ADSI)
}

// A series with its zone in the paste: the next occurrences and the .ics.
func TestExplainSeries(t *testing.T) {
	text, err := seed.SeriesExport("..")
	require.NoError(t, err)
	x := Explain(text, Options{Now: explainNow, Count: 3, Summary: "Weekly stand-up"})
	require.Equal(t, InputBlobs, x.Input, x.Error)
	s := x.Series
	require.NotNil(t, s)
	require.Empty(t, s.Error)
	require.Equal(t, "Eastern Standard Time (America/New_York)", s.Zone)
	require.Equal(t, "2026-01-01", s.From)
	var starts []string
	for _, o := range s.Occurrences {
		starts = append(starts, o.Start)
	}
	if d := cmp.Diff([]string{"2026-01-06T09:30:00-05:00", "2026-01-13T09:30:00-05:00", "2026-01-20T09:30:00-05:00"}, starts); d != "" {
		t.Errorf("occurrences (-want +got):\n%s", d)
	}
	require.Equal(t, "Weekly-stand-up.ics", s.ICSName)
	for _, want := range []string{"BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "TZID:Eastern Standard Time", "RRULE:FREQ=WEEKLY", "SUMMARY:Weekly stand-up", "DTSTAMP:20260101T120000Z"} {
		require.Contains(t, s.ICS, want)
	}
	require.Empty(t, x.Zones)

	// From today (after the series ended): its first occurrences, said so.
	x = Explain(text, Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Count: 2})
	require.Contains(t, x.Series.Note, "the series has ended")
	require.Len(t, x.Series.Occurrences, 2)

	// Without a zone, wall-clock times, no .ics, and the zone list to pick from.
	ap, err := seed.Sample("..", "weekly-standup.apptrecur.hex")
	require.NoError(t, err)
	x = Explain(hexString(ap), Options{Now: explainNow, Count: 1})
	require.Empty(t, x.Series.ICS)
	require.Empty(t, x.Series.Zone)
	require.Equal(t, "2026-01-06T09:30:00", x.Series.Occurrences[0].Start)
	require.NotEmpty(t, x.Zones)
	x = Explain(hexString(ap), Options{Now: explainNow, Count: 1, Zone: "W. Europe Standard Time"})
	require.Equal(t, "2026-01-06T09:30:00+01:00", x.Series.Occurrences[0].Start)
	require.Equal(t, "the zone you picked", x.Series.ZoneSource)
	require.Contains(t, x.Series.ICS, "TZID:W. Europe Standard Time")
}

func TestExplainErrors(t *testing.T) {
	require.Equal(t, InputEmpty, Explain(" \n", Options{}).Input)
	x := Explain("02013Z", Options{})
	require.Equal(t, InputInvalid, x.Input)
	require.Equal(t, "input: stray character 'Z' at position 6", x.Error)
	require.NotEmpty(t, x.GUIDError)
	x = Explain("0201", Options{Kind: "nonsense"})
	require.Contains(t, x.Error, "unknown kind")
	x = Explain("0201", Options{CodePage: "nonsense"})
	require.Contains(t, x.Error, "unknown code page")
	// A blob that does not decode is shown with its error; the others decode.
	x = Explain("00 01 02", Options{})
	require.Equal(t, InputBlobs, x.Input)
	require.Contains(t, x.Blobs[0].Error, "cannot tell which structure")
	require.Empty(t, x.Text)
}

func TestExplainBytes(t *testing.T) {
	ap, err := seed.Sample("..", "weekly-standup.apptrecur.hex")
	require.NoError(t, err)
	x := Bytes(ap, Options{Now: explainNow})
	require.Equal(t, InputBlobs, x.Input, x.Error)
	require.Equal(t, "binary", x.Blobs[0].Form)
	require.Equal(t, blob.KindApptRecur, x.Blobs[0].Kind)
	// UTF-16 text with a byte-order mark is text.
	u := []byte{0xFF, 0xFE}
	for _, c := range seed.ExMergeEscape {
		u = append(u, byte(c), 0)
	}
	x = Bytes(u, Options{})
	require.Equal(t, InputGUID, x.Input, x.Error)
	// Item files are read as items, not misread as blobs: a truncated
	// .msg says why it cannot be read; a TNEF stream of its signature and
	// key only is a message without attributes: one item, not a calendar
	// item.
	x = Bytes([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), Options{})
	require.Equal(t, InputInvalid, x.Input)
	require.True(t, strings.HasPrefix(x.Error, "msg: cfb:"), x.Error)
	x = Bytes([]byte("\x78\x9F\x3E\x22\x01\x00"), Options{})
	require.Equal(t, InputItems, x.Input, x.Error)
	require.Len(t, x.Items, 1)
	require.Equal(t, []string{"ITEM_NOT_CALENDAR"}, codes(x.Items[0].Findings))
}

func hexString(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }

// The page's kind list is the registry's.
func TestKinds(t *testing.T) {
	ks := Kinds()
	require.Len(t, ks, len(smartview.Kinds()))
	require.Contains(t, ks, KindView{"conversationindex", "CONVERSATIONINDEX"})
	require.Equal(t, KindView{"tzdef", "TIMEZONEDEFINITION"}, ks[0])
}
