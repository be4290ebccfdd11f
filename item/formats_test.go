package item_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"sort"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/teambition/rrule-go"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/itemfile"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/tnef"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

var stamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// emlWith wraps a TNEF stream in a MIME message as a mail gateway does.
func emlWith(t *testing.T, tnef []byte) []byte {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	tp, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}})
	require.NoError(t, err)
	fmt.Fprint(tp, "See the meeting.\r\n")
	ap, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {`application/ms-tnef; name="winmail.dat"`},
		"Content-Transfer-Encoding": {"base64"},
		"Content-Disposition":       {`attachment; filename="winmail.dat"`},
	})
	require.NoError(t, err)
	enc := base64.StdEncoding.EncodeToString(tnef)
	for len(enc) > 76 {
		fmt.Fprint(ap, enc[:76]+"\r\n")
		enc = enc[76:]
	}
	fmt.Fprint(ap, enc+"\r\n")
	require.NoError(t, mw.Close())
	head := "From: ada@example.com\r\nTo: bob@example.com\r\nSubject: Weekly sync\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"" + mw.Boundary() + "\"\r\n\r\n"
	return append([]byte(head), body.Bytes()...)
}

// readAll reads one file's items with itemfile.Read, as the CLI does.
func readAll(t *testing.T, name string, b []byte) []*item.Item {
	t.Helper()
	items, err := itemfile.Read(b, name)
	require.NoError(t, err, name)
	for _, it := range items {
		it.Source = "meeting" // the same name in every finding's repair advice
	}
	return items
}

// The same recurring meeting with exceptions as .msg, TNEF (raw, base64,
// in an .eml) and MFCMAPI XML: the items decode, check and convert to
// iCalendar alike, and the iCalendar's occurrences are the series'.
func TestFormatsAgree(t *testing.T) {
	built := itemtest.Meeting(itemtest.Options{EmptyStartDisplayKeyName: true})
	msg, err := msg.Marshal(built)
	require.NoError(t, err)
	tnef, err := tnef.Marshal(built)
	require.NoError(t, err)
	files := map[string][]byte{
		"meeting.msg": msg,
		"winmail.dat": tnef,
		"winmail.b64": []byte(base64.StdEncoding.EncodeToString(tnef)),
		"meeting.eml": emlWith(t, tnef),
		"meeting.xml": mfcxml.Marshal(built),
	}
	type result struct {
		props    []string
		findings []string
		ics      string
	}
	results := map[string]result{}
	for name, b := range files {
		items := readAll(t, name, b)
		require.Len(t, items, 1, name)
		it := items[0]
		var fs []string
		for x := range it.All {
			for _, f := range x.Check() {
				fs = append(fs, f.String())
			}
		}
		ics, err := ical.Encode(it, ical.ExportOptions{Stamp: stamp})
		require.NoError(t, err, name)
		results[name] = result{jsonSummary(t, it), fs, ics}
	}
	want := results["meeting.msg"]
	require.Len(t, want.findings, 1)
	require.Contains(t, want.findings[0], "TZ_EMPTY_KEYNAME PidLidAppointmentTimeZoneDefinitionStartDisplay.cchKeyName")
	for name, got := range results {
		if d := cmp.Diff(want.props, got.props); d != "" {
			t.Errorf("%s properties differ from the .msg's (-msg +%s):\n%s", name, name, d)
		}
		if d := cmp.Diff(want.findings, got.findings); d != "" {
			t.Errorf("%s findings differ (-msg +%s):\n%s", name, name, d)
		}
		if d := cmp.Diff(want.ics, got.ics); d != "" {
			t.Errorf("%s iCalendar differs (-msg +%s):\n%s", name, name, d)
		}
	}
	checkICalOccurrences(t, built, want.ics)
}

// checkICalOccurrences parses ics with go-ical and expands it with
// rrule-go (RRULE, EXDATE, RECURRENCE-ID overrides): the starts must equal
// those of mapiblob's own expansion of the item's series.
func checkICalOccurrences(t *testing.T, it *item.Item, ics string) {
	t.Helper()
	cal, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	require.NoError(t, err, "go-ical cannot parse:\n%s", ics)
	zone := it.SeriesZone()
	loc := time.UTC
	if zone != nil {
		loc, err = zone.Location()
		require.NoError(t, err)
	}
	// go-ical looks TZIDs up in the IANA database; ours are Windows key
	// names defined by the calendar's VTIMEZONE, whose rules loc applies.
	dt := func(p *goical.Prop) (time.Time, error) {
		p.Params.Del(goical.PropTimezoneID)
		return p.DateTime(loc)
	}
	var got []string
	overridden := map[time.Time]bool{}
	var master *goical.Component
	for _, c := range cal.Children {
		if c.Name != goical.CompEvent {
			continue
		}
		if rid := c.Props.Get(goical.PropRecurrenceID); rid != nil {
			r, err := dt(rid)
			require.NoError(t, err)
			overridden[r.UTC()] = true
			s, err := dt(c.Props.Get(goical.PropDateTimeStart))
			require.NoError(t, err)
			got = append(got, s.UTC().Format(time.RFC3339))
			continue
		}
		master = c
	}
	require.NotNil(t, master)
	start, err := dt(master.Props.Get(goical.PropDateTimeStart))
	require.NoError(t, err)
	opt, err := rrule.StrToROption(master.Props.Get(goical.PropRecurrenceRule).Value)
	require.NoError(t, err)
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	require.NoError(t, err)
	ex := map[time.Time]bool{}
	for _, p := range master.Props[goical.PropExceptionDates] {
		d, err := dt(&p)
		require.NoError(t, err)
		ex[d.UTC()] = true
	}
	for _, o := range r.All() {
		if !ex[o.UTC()] && !overridden[o.UTC()] {
			got = append(got, o.UTC().Format(time.RFC3339))
		}
	}
	sort.Strings(got)

	s := &smartview.Series{Appointment: it.Recurrence(), Zone: zone}
	x, err := s.Expand(smartview.ExpandOptions{})
	require.NoError(t, err)
	var want []string
	for _, o := range x.Occurrences {
		want = append(want, o.StartUTC)
	}
	sort.Strings(want)
	require.NotEmpty(t, want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("iCalendar occurrences vs mapiblob's expansion (-expand +ical):\n%s\n%s", d, ics)
	}
	_ = tzdef.SeriesZone
}
