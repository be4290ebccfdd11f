package mfcprop

import "testing"

// Tags are named as MFCMAPI names them (lines of its SmartView test
// outputs): exact matches, then the names that share only the id.
func TestTagLine(t *testing.T) {
	for tag, want := range map[uint32]string{
		0x3001001F: "0x3001001F (PT_UNICODE): PR_DISPLAY_NAME: (PR_DISPLAY_NAME_W, PidTagDisplayName, ptagDisplayName, PR_DISPLAY_NAME_A)",
		0x0FFF0102: "0x0FFF0102 (PT_BINARY): PR_ENTRYID: (PR_MEMBER_ENTRYID, PidTagEntryId, PidTagMemberEntryId, ptagEntryId)",
		0x0E040000: "0x0E040000 (PT_UNSPECIFIED): PR_DISPLAY_TO: (PR_DISPLAY_TO_A, PR_DISPLAY_TO_W, PidTagDisplayTo, ptagDisplayTo)",
		0x0000006F: "0x0000006F (0x006f)",
		0xC840A7DC: "0xC840A7DC (0x87dc | MV_INSTANCE)",
	} {
		if got := TagLine(tag); got != want {
			t.Errorf("TagLine(%08X)\n got  %s\n want %s", tag, got, want)
		}
	}
}
