package item

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// WriteText's layout, written out: the heading, a long text cut at a
// character boundary (200 bytes), an unreadable blob with its error, a
// recipient, the blank line.
func TestWriteText(t *testing.T) {
	it := New(
		MustProp("PidTagMessageClass", Unicode("IPM.Appointment")),
		MustProp("PidTagSubject", Unicode(strings.Repeat("会", 120))),
		MustProp("PidLidAppointmentRecur", Binary([]byte{0x04, 0x30, 0x04})),
	)
	it.Recipients = [][]Property{{MustProp("PidTagDisplayName", Unicode("Ada")), MustProp("PidTagRecipientType", Long(1))}}
	var b bytes.Buffer
	require.NoError(t, it.WriteText(&b, false))
	got := b.String()
	require.True(t, utf8.ValidString(got), "WriteText cut a character")
	want := "== " + it.Label() + " (IPM.Appointment)\n" +
		"PidTagMessageClass (PT_UNICODE): \"IPM.Appointment\"\n" +
		"PidTagSubject (PT_UNICODE): \"" + strings.Repeat("会", 66) + "…\n" +
		"PidLidAppointmentRecur (PT_BINARY): 043004\n" +
		"    error: WANT_ERROR\n" +
		"recipient 0: PidTagDisplayName=\"Ada\" PidTagRecipientType=1\n\n"
	errText := ""
	for i := range it.Properties {
		if it.Properties[i].Err != nil {
			errText = it.Properties[i].Err.Error()
		}
	}
	require.NotEmpty(t, errText, "the three-byte blob decoded")
	require.Equal(t, strings.Replace(want, "WANT_ERROR", errText, 1), got)
}

// IsItemData and IsMessage tell items from blob text and from one
// property pane.
func TestIsItemDataAndMessage(t *testing.T) {
	it := New(MustProp("PidTagMessageClass", Unicode("IPM.Appointment")), MustProp("PidTagSubject", Unicode("s")))
	msg, err := MarshalMSG(it)
	require.NoError(t, err)
	tnef, err := MarshalTNEF(it)
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
		{"msg", msg, false, true, true},
		{"tnef", tnef, false, true, true},
		{"message export", MarshalXML(it, it), false, true, true},
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
