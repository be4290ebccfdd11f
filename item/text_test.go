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
// recipient with its numbers named from MFCMAPI's flag tables, the blank
// line.
func TestWriteText(t *testing.T) {
	it := New(
		MustProp("PidTagMessageClass", Unicode("IPM.Appointment")),
		MustProp("PidTagSubject", Unicode(strings.Repeat("会", 120))),
		MustProp("PidLidAppointmentRecur", Binary([]byte{0x04, 0x30, 0x04})),
	)
	it.Recipients = [][]Property{{MustProp("PidTagDisplayName", Unicode("Ada")), MustProp("PidTagRecipientType", Long(1)),
		MustProp("PidTagRecipientTrackStatus", Long(0))}}
	var b bytes.Buffer
	require.NoError(t, it.WriteText(&b, false))
	got := b.String()
	require.True(t, utf8.ValidString(got), "WriteText cut a character")
	want := "== " + it.Label() + " (IPM.Appointment)\n" +
		"PidTagMessageClass (PT_UNICODE): \"IPM.Appointment\"\n" +
		"PidTagSubject (PT_UNICODE): \"" + strings.Repeat("会", 66) + "…\n" +
		"PidLidAppointmentRecur (PT_BINARY): 043004\n" +
		"    error: WANT_ERROR\n" +
		"recipient 0: PidTagDisplayName=\"Ada\" PidTagRecipientType=1 (MAPI_TO) PidTagRecipientTrackStatus=0 (respNone)\n\n"
	errText := ""
	for i := range it.Properties {
		if it.Properties[i].Err != nil {
			errText = it.Properties[i].Err.Error()
		}
	}
	require.NotEmpty(t, errText, "the three-byte blob decoded")
	require.Equal(t, strings.Replace(want, "WANT_ERROR", errText, 1), got)
}
