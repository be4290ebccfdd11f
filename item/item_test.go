package item_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	_ "github.com/mapiblob/mapiblob/internal/testzone"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// summary lists an item tree's properties as "path name type value" lines,
// sorted: what every reader must give back whatever the format (tags of
// named properties are store-specific and left out).
func summary(t *testing.T, it *item.Item) []string {
	t.Helper()
	var out []string
	line := func(where string, p *item.Property) {
		b, err := json.Marshal(struct {
			V any
			D any
			E string
		}{valueOf(p), p.Decoded, errOf(p.Err)})
		require.NoError(t, err)
		out = append(out, fmt.Sprintf("%s %s %s %s", where, p.Name(), p.Type(), b))
	}
	var walk func(x *item.Item, label string)
	walk = func(x *item.Item, label string) {
		for i := range x.Properties {
			line(label, &x.Properties[i])
		}
		for r, row := range x.Recipients {
			for i := range row {
				line(fmt.Sprintf("%s recipient %d", label, r), &row[i])
			}
		}
		for a, att := range x.Attachments {
			for i := range att.Properties {
				line(fmt.Sprintf("%s attachment %d", label, a), &att.Properties[i])
			}
			if att.Embedded != nil {
				walk(att.Embedded, fmt.Sprintf("%s embedded %d", label, a))
			}
		}
	}
	walk(it, "/")
	sort.Strings(out)
	return out
}

func valueOf(p *item.Property) any {
	v := p.Value
	v.Bytes = append([]byte(nil), v.Bytes...)
	if len(v.Bytes) == 0 {
		v.Bytes = nil
	}
	if len(v.Multi) == 0 {
		v.Multi = nil
	}
	return v
}

func errOf(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestMSGRoundTrip(t *testing.T) {
	want := itemtest.Meeting(itemtest.Options{})
	b, err := msg.Marshal(want)
	require.NoError(t, err)
	got, err := msg.Read(b, "meeting.msg")
	require.NoError(t, err)
	if d := cmp.Diff(summary(t, want), summary(t, got)); d != "" {
		t.Errorf("msg round trip (-built +read):\n%s", d)
	}
	var paths []string
	for x := range got.All {
		paths = append(paths, x.Path+" parent="+x.Parent)
	}
	require.Equal(t, []string{"/ parent=", "/__attach_version1.0_#00000000/__substg1.0_3701000D parent=/"}, paths)
}

func TestTNEFRoundTrip(t *testing.T) {
	want := itemtest.Meeting(itemtest.Options{})
	b, err := tnef.Marshal(want)
	require.NoError(t, err)
	got, err := tnef.Read(b, "winmail.dat")
	require.NoError(t, err)
	if d := cmp.Diff(summary(t, want), summary(t, got)); d != "" {
		t.Errorf("tnef round trip (-built +read):\n%s", d)
	}
	var paths []string
	for x := range got.All {
		paths = append(paths, x.Path+" parent="+x.Parent)
	}
	require.Equal(t, []string{"/ parent=", "/attachment[0] parent=/"}, paths)
}

// jsonSummary compares items through their JSON form, which every reader
// must agree on (tags of named properties are store-specific and left out;
// 8-bit strings compare as text).
func jsonSummary(t *testing.T, it *item.Item) []string {
	t.Helper()
	var out []string
	var walk func(x *item.Item, label string)
	walk = func(x *item.Item, label string) {
		b, err := x.JSON(nil)
		require.NoError(t, err)
		var j struct {
			MessageClass string
			Properties   []map[string]any
		}
		require.NoError(t, json.Unmarshal(b, &j))
		for _, p := range j.Properties {
			delete(p, "tag")
			pb, _ := json.Marshal(p)
			out = append(out, label+" "+string(pb))
		}
		for r, row := range x.Recipients {
			for i := range row {
				out = append(out, fmt.Sprintf("%s recipient %d %s %v", label, r, row[i].Name(), row[i].Value.String()))
			}
		}
		for a, att := range x.Attachments {
			for i := range att.Properties {
				out = append(out, fmt.Sprintf("%s attachment %d %s %v", label, a, att.Properties[i].Name(), att.Properties[i].Value.String()))
			}
			if att.Embedded != nil {
				walk(att.Embedded, fmt.Sprintf("%s embedded %d", label, a))
			}
		}
	}
	walk(it, "/")
	sort.Strings(out)
	return out
}

func TestXMLRoundTrip(t *testing.T) {
	want := itemtest.Meeting(itemtest.Options{})
	x := mfcxml.Marshal(want)
	got, err := mfcxml.Read(x, "export.xml")
	require.NoError(t, err)
	require.Len(t, got, 1)
	if d := cmp.Diff(jsonSummary(t, want), jsonSummary(t, got[0])); d != "" {
		t.Errorf("xml round trip (-built +read):\n%s\n%s", d, x)
	}
	// Several messages in one file: a contents table.
	two, err := mfcxml.Read(mfcxml.Marshal(want, itemtest.Meeting(itemtest.Options{Seed: 1})), "table.xml")
	require.NoError(t, err)
	require.Len(t, two, 2)
	require.Equal(t, "/message[1]", two[1].Path)
	s, _ := two[1].Subject()
	require.Equal(t, "Weekly sync 1", s)
}

// An export as MFCMAPI writes it (property pane style, old "cb: lpb:"
// binary form, times with their FILETIME, a modern multi-valued value):
// every type is read, and a property that cannot be read keeps its error.
func TestReadMFCMAPIExport(t *testing.T) {
	const export = `<?xml version="1.0" encoding="ISO-8859-1"?>
<properties listtype="propertypane">
<property tag = "0x0FFF0102" type = "PT_BINARY"><Value>cb: 4 lpb: 00000000</Value></property>
<property tag = "0x80380102" type = "PT_BINARY">
	<NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>
	<NamedPropName>id: 0x825E=33374 = PidLidAppointmentTimeZoneDefinitionStartDisplay, dispidApptTZDefStartDisplay</NamedPropName>
	<Value>cb: 52 lpb: 02013000020015004500610073007400650072006E0020005300740061006E0064006100720064002000540069006D0065000100</Value>
</property>
<property tag = "0x0037001F" type = "PT_UNICODE"><Value><![CDATA[Weekly sync]]></Value></property>
<property tag = "0x0E070003" type = "PT_LONG"><Value>9</Value><AltValue>0x9</AltValue></property>
<property tag = "0x0E1B000B" type = "PT_BOOLEAN"><Value>False</Value></property>
<property tag = "0x30070040" type = "PT_SYSTIME"><Value>02:30:00 PM 01/06/2026</Value><AltValue>Low: 0xF031A400 High: 0x01DC7F18</AltValue></property>
<property tag = "0x0E080014" type = "PT_I8"><Value>0x00000000:0x00001000</Value><AltValue>4096</AltValue></property>
<property tag = "0x80411003" type = "PT_MV_LONG">
	<NamedPropGUID>{00062008-0000-0000-C000-000000000046} = PSETID_Common</NamedPropGUID>
	<NamedPropName>id: 0x8543=34115 = PidLidNonSendToTrackStatus</NamedPropName>
	<Value mv="true" count="2"><row><Value>1</Value><AltValue>0x1</AltValue></row><row><Value>2</Value></row></Value>
</property>
<property tag = "0x80420040" type = "PT_SYSTIME">
	<NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>
	<NamedPropName>id: 0x820D=33293 = PidLidAppointmentStartWhole</NamedPropName>
	<Value>02:30:00 PM 01/06/2026</Value>
</property>
</properties>`
	items, err := mfcxml.Read([]byte(export), "export.xml")
	require.NoError(t, err)
	require.Len(t, items, 1)
	it := items[0]
	var got []string
	for i := range it.Properties {
		p := &it.Properties[i]
		s := p.Name() + " " + p.Value.String()
		if p.Err != nil {
			s += " ERR " + p.Err.Error()
		}
		got = append(got, s)
	}
	want := []string{
		"PidTagEntryId 00000000",
		"PidLidAppointmentTimeZoneDefinitionStartDisplay 02013000020015004500610073007400650072006E0020005300740061006E0064006100720064002000540069006D0065000100" +
			" ERR tzdef: TZRules at offset 0x32: 1 elements of at least 66 bytes need 66 bytes, 0 left",
		`PidTagSubject "Weekly sync"`,
		"PidTagMessageFlags 9",
		"PidTagHasAttachments false",
		"PidTagCreationTime 2026-01-06 14:30:00Z",
		"PidTagMessageSizeExtended 4096",
		"PidLidNonSendToTrackStatus [1, 2]",
		"PidLidAppointmentStartWhole 0001-01-01 00:00:00Z ERR XML line 19: PT_SYSTIME: no FILETIME: want <AltValue>Low: 0x… High: 0x…</AltValue> (the displayed time \"02:30:00 PM 01/06/2026\" does not say its zone)",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// The cut-short definition is decoded by its identity (kind tzdef) and
	// keeps its error; the properties after it were read all the same.
	sd := it.Get("PidLidAppointmentTimeZoneDefinitionStartDisplay")
	require.Nil(t, sd.Decoded)
	require.ErrorContains(t, sd.Err, "tzdef: TZRules")
}

// The hand-written JSON matches the contract's blob form exactly
// (smartview.Result.MarshalJSON) for every decoded property, and is valid.
func TestJSONDecodedMatchesResult(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{})
	b, err := it.JSON(it.Check())
	require.NoError(t, err)
	var j struct {
		Properties []struct {
			Name    string
			Decoded json.RawMessage
		}
	}
	require.NoError(t, json.Unmarshal(b, &j))
	n := 0
	for _, p := range j.Properties {
		if p.Decoded == nil {
			continue
		}
		want, err := json.Marshal(it.Get(p.Name).Decoded)
		require.NoError(t, err)
		require.JSONEq(t, string(want), string(p.Decoded), p.Name)
		n++
	}
	require.Equal(t, 8, n) // the seven calendar blobs and PidTagEntryId
}
