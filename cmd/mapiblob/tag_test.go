package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The properties the facts README singles out print its facts.
func TestTagSpotCheck(t *testing.T) {
	for _, tt := range []struct {
		arg  string
		want []string
	}{
		{"PR_SUBJECT_W", []string{"name:    PidTagSubject\n", "kind:    tag\n", "tag:     0x0037001F\n", "types:   PT_STRING8, PT_UNICODE\n", "aliases: PR_SUBJECT, PR_SUBJECT_A, PR_SUBJECT_W, ptagSubject\n", "area:    General messaging\n", "defined: Outlook MAPI reference pidtagsubject-canonical-property.md; [MS-OXPROPS] ~2.1033\n"}},
		{"PR_SUBJECT_A", []string{"name:    PidTagSubject\n", "tag:     0x0037001E (PR_SUBJECT_A: the PT_STRING8 form)\n"}},
		{"pidtagmessageclass", []string{"name:    PidTagMessageClass\n", "tag:     0x001A001F\n", "types:   PT_UNICODE, PT_STRING8\n", "area:    Common\n", "[MS-OXPROPS] 2.788"}},
		{"PidTagMailboxOwnerName", []string{"tag:     0x661C001F\n", "type:    PT_UNICODE\n", "area:    Message Store\n"}},
		{"PidTagTtyTddPhoneNumber", []string{"tag:     0x3A4B001F\n", "area:    Contact\n", "same id: PidTagTelecommunicationsDeviceForDeafTelephoneNumber (lookups by id give PidTagTelecommunicationsDeviceForDeafTelephoneNumber)\n"}},
		{"PidTagFormDesignerGuid", []string{"tag:     0x33090048\n", "type:    PT_CLSID\n"}},
		{"PidLidCategories", []string{"kind:    lid\n", "set:     PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046}\n", "lid:     0x9000 (36864)\n", "type:    PT_MV_UNICODE\n", "aliases: dispidCategories\n", "[MS-OXPROPS] 2.49"}},
		{"PidLidAppointmentUnsendableRecipients", []string{"lid:     0x825D", "set:     PSETID_Appointment", "area:    Meetings\n"}},
		{"PidLidNonSendableBccTrackStatus", []string{"lid:     0x8545", "set:     PSETID_Common", "type:    PT_MV_LONG\n", "same id: PidLidNonSendBccTrackStatus (lookups by id give PidLidNonSendBccTrackStatus)\n"}},
		{"PidLidRemoteMessageClass", []string{"lid:     0x8F02", "set:     PSETID_Remote", "type:    (no source gives one)\n"}},
		{"PidNameExtractedAddresses", []string{"kind:    name\n", "set:     PSETID_XmlExtractedEntities {23239608-685D-4732-9C55-4C95CB4E8E33}\n", "string:  XmlExtractedAddresses\n", "defined: [MS-OXPROPS] 2.434\n"}},
		{"LID_CLEAN_GLOBAL_OBJID", []string{"name:    PidLidCleanGlobalObjectId\n", "decoder: goid"}},
	} {
		r := runBin(t, nil, "tag", tt.arg)
		require.Equal(t, 0, r.code, "tag %s: %s", tt.arg, r.stderr)
		for _, w := range tt.want {
			require.Contains(t, r.stdout, w, "tag %s", tt.arg)
		}
	}
}

func TestTagSearch(t *testing.T) {
	r := runBin(t, nil, "tag", "--search", "recur")
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	var names []string
	for _, l := range lines {
		names = append(names, strings.Fields(l)[0])
	}
	require.True(t, slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }), "%v", names)
	require.Contains(t, names, "PidLidAppointmentRecur")
	require.Contains(t, names, "PidLidTaskRecurrence")
	require.Contains(t, r.stdout, "PidLidAppointmentRecur")
	require.Contains(t, r.stdout, "PSETID_Appointment LID 0x8216  PT_BINARY")

	r = runBin(t, nil, "tag", "--search", "RECUR")
	require.Equal(t, strings.Join(lines, "\n")+"\n", r.stdout, "search is case-insensitive")

	r = runBin(t, nil, "tag", "--search", "ApptTZDef")
	require.Contains(t, r.stdout, "(dispidApptTZDefStartDisplay)", "an alias-only match shows the alias")

	oneErrorLine(t, runBin(t, nil, "tag", "--search", "zzzqqq"), 1, `no property name contains "zzzqqq"`)
	oneErrorLine(t, runBin(t, nil, "tag", "--search", "recur", "PR_SUBJECT"), 2, "no other argument")
}

func TestTagUnknownAndTags(t *testing.T) {
	oneErrorLine(t, runBin(t, nil, "tag", "PidTagSubjekt"), 1, "did you mean PidTagSubject?")
	r := runBin(t, nil, "tag", "0x0037001E")
	require.Contains(t, r.stdout, "property:\nname:    PidTagSubject\n")
	r = runBin(t, nil, "tag", "0x00010040")
	require.Contains(t, r.stdout, "no property of type PT_SYSTIME has this id; with other types: PidTagAcknowledgementMode (PT_LONG), PidTagTemplateData (PT_BINARY)")
	r = runBin(t, nil, "tag", "0x8005000D")
	require.Contains(t, r.stdout, "named-property id")
	require.Contains(t, r.stdout, "in the address book, where this id is fixed:\nname:    PidTagAddressBookManager\n")
}
