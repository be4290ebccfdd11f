package itemfile

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/pst"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// IsItemData and IsMessage tell items from blob text and from one
// property pane.
func TestIsItemDataAndMessage(t *testing.T) {
	it := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Appointment")), item.MustProp("PidTagSubject", item.Unicode("s")))
	msgFile, err := msg.Marshal(it)
	require.NoError(t, err)
	tnefFile, err := tnef.Marshal(it)
	require.NoError(t, err)
	pane := func(props string) []byte {
		return []byte("<?xml version=\"1.0\"?>\n<properties>\n" + props + "</properties>\n")
	}
	binaryOnly := pane(`<property tag = "0x80380102" type = "PT_BINARY">
	<NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>
	<NamedPropName>id: 0x8216=33302 = PidLidAppointmentRecur</NamedPropName>
	<Value>cb: 3 lpb: 043004</Value>
</property>
`)
	withText := pane(`<property tag="0x0037001F" type="PT_UNICODE"><Value>s</Value></property>` + "\n")
	for _, c := range []struct {
		name          string
		b             []byte
		byPath        bool
		data, message bool
	}{
		{"msg", msgFile, false, true, true},
		{"tnef", tnefFile, false, true, true},
		{"message export", mfcxml.Marshal(it, it), false, true, true},
		{"pane of a decodable blob", binaryOnly, false, false, false},
		{"pane of a decodable blob, as a file", binaryOnly, true, true, false},
		{"pane with a text property", withText, false, true, false},
		{"hex", []byte("04 30 04 30 0A 20"), false, false, false},
		{"empty", nil, false, false, false},
	} {
		require.Equal(t, c.data, IsItemData(c.b, c.byPath), c.name)
		require.Equal(t, c.message, IsMessage(c.b), c.name)
	}
}

// A PST is an item file whose calendar and task folders' messages Read
// gives; an unreadable message is a PartialError beside the others.
func TestReadPST(t *testing.T) {
	meeting := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Appointment")), item.MustProp("PidTagSubject", item.Unicode("sync")))
	task := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Task")), item.MustProp("PidTagSubject", item.Unicode("report")))
	mail := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Note")), item.MustProp("PidTagSubject", item.Unicode("hello")))
	b, err := pst.Marshal(pst.WriteOptions{},
		&pst.Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{meeting, meeting}},
		&pst.Tree{Name: "Tasks", ContainerClass: "IPF.Task", Messages: []*item.Item{task}},
		&pst.Tree{Name: "Inbox", ContainerClass: "IPF.Note", Messages: []*item.Item{mail}})
	require.NoError(t, err)
	require.Equal(t, "pst", Format(b))
	require.True(t, IsItemData(b[:64<<10], false))
	items, err := Read(b, "mailbox.pst")
	require.NoError(t, err)
	var got []string
	for _, it := range items {
		got = append(got, it.Path+" "+it.Get("PidTagSubject").Value.Str)
		require.Equal(t, "mailbox.pst", it.Source)
	}
	require.Equal(t, []string{
		"/Top of Personal Folders/Calendar/[nid 0x200024] sync",
		"/Top of Personal Folders/Calendar/[nid 0x200044] sync",
		"/Top of Personal Folders/Tasks/[nid 0x200064] report",
	}, got)

	i := bytes.Index(b, item.EncodeUTF16("sync"))
	b[i] ^= 0xFF
	items, err = Read(b, "mailbox.pst")
	var pe *PartialError
	require.ErrorAs(t, err, &pe)
	require.Len(t, pe.Errs, 1)
	require.Contains(t, err.Error(), "nid 0x200024")
	require.Len(t, items, 2)
}
