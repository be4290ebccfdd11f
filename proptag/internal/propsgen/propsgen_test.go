package propsgen

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const good = "PidTagSubject\ttag\t0x0037\t\t\t\tPT_STRING8,PT_UNICODE\tPR_SUBJECT,PR_SUBJECT_A,PR_SUBJECT_W\tGeneral messaging\tMS-OXPROPS ~2.1033\n" +
	"PidLidAppointmentRecur\tlid\t0x8216\t\tPSETID_Appointment\t{00062002-0000-0000-C000-000000000046}\tPT_BINARY\tdispidApptRecur\tCalendar\tMS-OXPROPS 2.22\n"

func TestGenerate(t *testing.T) {
	src, err := Generate([]byte(Header + "\n" + good))
	require.NoError(t, err)
	for _, want := range []string{
		`{Name: "PidTagSubject", Kind: KindTag, Tag: 0x0037001F, Type: PT_UNICODE, Types: []PropType{PT_STRING8, PT_UNICODE}`,
		`Section: "[MS-OXPROPS] ~2.1033"`,
		`{Name: "PidLidAppointmentRecur", Kind: KindLID, Set: setPSETID_Appointment, LID: 0x8216, Type: PT_BINARY`,
	} {
		require.Contains(t, string(src), want)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tt := range []struct{ row, msg string }{
		{"PidTagX\ttag\t0x0037\t\t\t\tPT_LONG\t\tA\n", "columns"},
		{"PidTagX\ttag\t37\t\t\t\tPT_LONG\t\tA\tS\n", "tag id"},
		{"PidTagX\ttag\t0x0037\t\t\t\tPT_NOPE\t\tA\tS\n", "unknown type"},
		{"PidTagX\tbogus\t0x0037\t\t\t\tPT_LONG\t\tA\tS\n", "kind"},
		{"PidLidX\tlid\t0x8216\t\tPSETID_Task\t{00062002-0000-0000-C000-000000000046}\tPT_LONG\t\tA\tS\n", "property set"},
		{"PidNameX\tname\t\t\tPS_PUBLIC_STRINGS\t{00020329-0000-0000-C000-000000000046}\tPT_LONG\t\tA\tS\n", "name string"},
		{"PidTagSubject\ttag\t0x0038\t\t\t\tPT_LONG\t\tA\tS\n", "already on line 2"},
		{"PidTagX\ttag\t0x0039\t\t\t\tPT_LONG\tPR_X,,PR_Y\tA\tS\n", "alias"},
		{"PidTagX\ttag\t0x0039\t\t\t\tPT_LONG\tPR_\u00c4\tA\tS\n", "byte"},
	} {
		_, err := Parse([]byte(Header + "\n" + good[:strings.IndexByte(good, '\n')+1] + tt.row))
		require.ErrorContains(t, err, tt.msg, tt.row)
	}
	_, err := Parse([]byte("canonical\tkind\n"))
	require.ErrorContains(t, err, "header")
}
