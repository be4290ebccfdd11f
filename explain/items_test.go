package explain

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/itemfile"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/pst"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// A dropped .msg or TNEF file is read as items: each with its label, its
// Check findings (item-level ones included), its blobs, the repair of an
// empty key name, its occurrences and .ics, and the text `mapiblob decode`
// prints.
func TestExplainItemFiles(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{Seed: 3, EmptyStartDisplayKeyName: true})
	msg, err := msg.Marshal(it)
	require.NoError(t, err)
	tnef, err := tnef.Marshal(it)
	require.NoError(t, err)
	for name, b := range map[string][]byte{"meeting.msg": msg, "winmail.dat": tnef} {
		t.Run(name, func(t *testing.T) {
			x := Bytes(b, Options{Now: explainNow, Name: name, Count: 3})
			require.Equal(t, InputItems, x.Input, x.Error)
			require.Equal(t, "mapiblob decode "+name, x.Command)
			require.NotEmpty(t, x.Items)

			// The text is WriteText of every item, top-level then embedded.
			read, err := itemfile.Read(b, name)
			require.NoError(t, err)
			var want bytes.Buffer
			for _, top := range read {
				for it := range top.All {
					require.NoError(t, it.WriteText(&want, false))
				}
			}
			require.Equal(t, want.String(), x.Text)

			top := x.Items[0]
			require.True(t, strings.HasPrefix(top.Label, name), top.Label)
			require.Contains(t, top.Label, "(IPM.Appointment)")
			require.Equal(t, "Weekly sync 3", top.Subject)
			require.True(t, strings.HasPrefix(x.Text, "== "+top.Label+"\n"))
			require.Equal(t, "error", top.Worst)
			require.Contains(t, codes(top.Findings), "TZ_EMPTY_KEYNAME")

			// The blobs, with the repair of the empty key name from the
			// sibling Recur definition.
			var repaired *BlobExplanation
			kinds := map[string]bool{}
			for i := range top.Blobs {
				bl := &top.Blobs[i]
				require.Empty(t, bl.Error, bl.Property)
				require.NotEmpty(t, bl.Text, bl.Property)
				require.NotEmpty(t, bl.JSON, bl.Property)
				require.NotEmpty(t, bl.SmartView, bl.Property)
				kinds[string(bl.Kind)] = true
				if bl.Repair != nil {
					repaired = bl
				}
			}
			require.True(t, kinds["tzdef"] && kinds["apptrecur"] && kinds["goid"], "%v", kinds)
			require.NotNil(t, repaired)
			require.Equal(t, "PidLidAppointmentTimeZoneDefinitionStartDisplay", repaired.Property)
			require.Contains(t, codes(repaired.Findings), "TZ_EMPTY_KEYNAME")
			require.Equal(t, "Eastern Standard Time", repaired.Repair.Zone)
			require.Equal(t, `another time-zone definition in the item names "Eastern Standard Time" and has the same rules`, repaired.Repair.Reason)
			require.True(t, repaired.Repair.Display)
			require.NotEmpty(t, repaired.Repair.Hex)
			fixed := Explain(repaired.Repair.Hex, Options{Now: explainNow})
			require.Empty(t, fixed.Blobs[0].Findings)

			// The item's time-zone properties rebuilt, as `repair tz` does.
			require.NotNil(t, top.TZRepair)
			require.Equal(t, "Eastern Standard Time", top.TZRepair.Zone)
			require.NotEmpty(t, top.TZRepair.Reason)
			require.Contains(t, top.TZRepair.XML, "PidLidAppointmentTimeZoneDefinitionStartDisplay")
			require.Contains(t, top.TZRepair.Text, "PidLidTimeZoneStruct")
			require.Equal(t, "mapiblob repair tz --format xml "+name, top.TZRepair.Command)

			// The series and its .ics.
			require.NotNil(t, top.Series)
			require.Empty(t, top.Series.Error)
			require.Len(t, top.Series.Occurrences, 3)
			require.Contains(t, top.Series.Zone, "Eastern Standard Time")
			require.Equal(t, "the time-zone definition in the item", top.Series.ZoneSource)
			require.True(t, strings.HasPrefix(top.Series.Command, "mapiblob occurrences "+name+" --from "), top.Series.Command)
			require.Contains(t, top.ICS, "BEGIN:VEVENT")
			require.Contains(t, top.ICS, "RRULE:")
			require.Contains(t, top.ICS, "SUMMARY:Weekly sync 3")
			require.Equal(t, "Weekly-sync-3.ics", top.ICSName)

			// The exception's embedded message comes after its parent.
			require.Greater(t, len(x.Items), 1)
			require.Equal(t, top.Path, x.Items[1].Parent)
		})
	}
}

// Pasted item text (an .eml, base64 TNEF, an MFCMAPI export of a message)
// is read as items too; a broken item file says why.
func TestExplainItemText(t *testing.T) {
	tnef, err := tnef.Marshal(itemtest.Meeting(itemtest.Options{}))
	require.NoError(t, err)
	var b64 strings.Builder
	enc := base64Encode(tnef)
	for len(enc) > 76 {
		b64.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	b64.WriteString(enc + "\n")
	x := Explain(b64.String(), Options{Now: explainNow})
	require.Equal(t, InputItems, x.Input, x.Error)
	require.True(t, strings.HasPrefix(x.Text, "== item (IPM.Appointment)\n"), x.Text[:min(80, len(x.Text))])
	require.Equal(t, "mapiblob decode FILE", x.Command)

	// An .eml with the TNEF part, pasted.
	eml := "From: ada@example.com\r\nSubject: Weekly sync\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n" +
		"--XX\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64Encode(tnef) + "\r\n--XX--\r\n"
	x = Explain(eml, Options{Now: explainNow})
	require.Equal(t, InputItems, x.Input, x.Error)
	require.Equal(t, "Weekly sync 0", x.Items[0].Subject)

	// An MFCMAPI export of a message without a subject: an item-level
	// finding.
	it := itemtest.Meeting(itemtest.Options{Seed: 4})
	var kept []item.Property
	for _, p := range it.Properties {
		if p.Name() != "PidTagSubject" {
			kept = append(kept, p)
		}
	}
	it.Properties = kept
	x = Explain(string(mfcxml.Marshal(it)), Options{Now: explainNow, Name: "export.xml"})
	require.Equal(t, InputItems, x.Input, x.Error)
	require.Contains(t, codes(x.Items[0].Findings), item.CodeNoSubject)
	require.Equal(t, "series.ics", x.Items[0].ICSName)

	msg, err := msg.Marshal(itemtest.Meeting(itemtest.Options{}))
	require.NoError(t, err)
	x = Bytes(msg[:600], Options{})
	require.Equal(t, InputInvalid, x.Input)
	require.NotEmpty(t, x.Error)
}

func base64Encode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// An item whose body quotes an ExMerge log line (the support mail that
// forwards the log) is read as an item, dropped as .msg or TNEF or pasted
// as an XML export, not as the log.
func TestExplainItemQuotingExMerge(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{Seed: 5})
	it.Set(item.MustProp("PidTagBody", item.Unicode("ExMerge wrote:\r\n"+
		"1/15/2007 10:02:12 AM  Error! Cannot identify the user with the msExchMailboxGuid "+
		`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7. The legacyExchangeDN is /O=X/CN=Y.`+"\r\n")))
	msg, err := msg.Marshal(it)
	require.NoError(t, err)
	tnef, err := tnef.Marshal(it)
	require.NoError(t, err)
	for name, x := range map[string]*Explanation{
		"msg":  Bytes(msg, Options{Now: explainNow, Name: "m.msg"}),
		"tnef": Bytes(tnef, Options{Now: explainNow, Name: "winmail.dat"}),
		"xml":  Explain(string(mfcxml.Marshal(it)), Options{Now: explainNow}),
	} {
		require.Equal(t, InputItems, x.Input, "%s: %s", name, x.Error)
		require.NotEmpty(t, x.Items, name)
		require.Equal(t, "Weekly sync 5", x.Items[0].Subject, name)
	}
}

// The commands shown quote a file name for a shell: pasted, they expand
// and run nothing.
func TestExplainCommandQuotesFileName(t *testing.T) {
	msg, err := msg.Marshal(itemtest.Meeting(itemtest.Options{Seed: 1, EmptyStartDisplayKeyName: true}))
	require.NoError(t, err)
	x := Bytes(msg, Options{Now: explainNow, Name: "a$HOME`id`.msg"})
	require.Equal(t, InputItems, x.Input, x.Error)
	require.Equal(t, "mapiblob decode 'a$HOME`id`.msg'", x.Command)
	require.NotNil(t, x.Items[0].TZRepair)
	require.True(t, strings.HasSuffix(x.Items[0].TZRepair.Command, " 'a$HOME`id`.msg'"), x.Items[0].TZRepair.Command)
}

// A dropped mailbox with a damaged message shows the messages that could
// be read and names the one that could not.
func TestExplainPartialMailbox(t *testing.T) {
	msg := func(subject string) *item.Item {
		return item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Appointment")), item.MustProp("PidTagSubject", item.Unicode(subject)))
	}
	b, err := pst.Marshal(pst.WriteOptions{}, &pst.Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{msg("first"), msg("second")}})
	require.NoError(t, err)
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	n, err := f.Node(0x200024)
	require.NoError(t, err)
	ref, _, err := f.Block(n.Data)
	require.NoError(t, err)
	b[ref.IB+30] ^= 0xFF
	x := Bytes(b, Options{Now: explainNow, Name: "mailbox.pst"})
	require.Equal(t, InputItems, x.Input, x.Error)
	require.Len(t, x.Items, 1)
	require.Equal(t, "second", x.Items[0].Subject)
	require.Contains(t, x.Error, "1 messages or folders could not be read")
	require.Contains(t, x.Error, "0x200024")
}
