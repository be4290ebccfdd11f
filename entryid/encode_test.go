package entryid

import (
	"testing"
)

// A conversation index edited in Go encodes as edited.
func TestConversationIndexEncodesEdits(t *testing.T) {
	ci := &ConversationIndex{HasHeader: true, HighDateTime: 0x01D90000, LowDateTime: 0x1234}
	ci.Responses = append(ci.Responses, ResponseLevel{DeltaCode: true, TimeDelta: 0x11C47, Random: 6, Level: 2})
	b, err := ci.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, _ := ParseConversationIndex(b)
	if len(b) != 27 || len(back.Responses) != 1 || back.Responses[0] != ci.Responses[0] || back.LowDateTime != 0x1234 {
		t.Fatalf("%X read back as %+v", b, back)
	}
}
