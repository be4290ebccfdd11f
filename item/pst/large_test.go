package pst_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

// largeTree holds what makes every structure grow past one page or block:
// 400 messages (node B-tree pages on three levels, a contents table whose
// row matrix is in a subnode), an attachment of 9 MB (an XXBLOCK over
// XBLOCKs), and a message with 400 attachments (a subnode tree under an
// SIBLOCK, and an attachment table in a subnode).
func largeTree() []*pst.Tree {
	var msgs []*item.Item
	for i := range 400 {
		msgs = append(msgs, item.New(
			item.MustProp("PidTagMessageClass", item.Unicode("IPM.Appointment")),
			item.MustProp("PidTagSubject", item.Unicode(fmt.Sprintf("meeting %03d", i))),
			item.MustProp("PidLidLocation", item.Unicode(fmt.Sprintf("Room %d", i%7))),
		))
	}
	big := make([]byte, 9<<20)
	for i := range big {
		big[i] = byte(i*7 + i>>13)
	}
	withBig := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Note")), item.MustProp("PidTagSubject", item.Unicode("big")))
	withBig.Attachments = []item.Attachment{{Properties: []item.Property{
		item.MustProp("PidTagAttachMethod", item.Long(1)),
		item.MustProp("PidTagAttachLongFilename", item.Unicode("big.bin")),
		item.MustProp("PidTagAttachDataBinary", item.Binary(big)),
	}}}
	many := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Note")), item.MustProp("PidTagSubject", item.Unicode("many")))
	for i := range 400 {
		many.Attachments = append(many.Attachments, item.Attachment{Properties: []item.Property{
			item.MustProp("PidTagAttachMethod", item.Long(1)),
			item.MustProp("PidTagAttachLongFilename", item.Unicode(fmt.Sprintf("a%03d.txt", i))),
			item.MustProp("PidTagAttachDataBinary", item.Binary([]byte(fmt.Sprintf("attachment %d", i)))),
		}})
	}
	for i := range 200 {
		many.Recipients = append(many.Recipients, []item.Property{
			item.MustProp("PidTagDisplayName", item.Unicode(fmt.Sprintf("Person %d", i))),
			item.MustProp("PidTagRecipientType", item.Long(1)),
		})
	}
	return []*pst.Tree{
		{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: msgs},
		{Name: "Inbox", ContainerClass: "IPF.Note", Messages: []*item.Item{withBig, many}},
	}
}

func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 10 MB file")
	}
	in := largeTree()
	for _, o := range []pst.WriteOptions{{CryptMethod: pst.CryptCyclic}, {Format: pst.ANSI, CryptMethod: pst.CryptPermute}} {
		b, err := pst.Marshal(o, in...)
		require.NoError(t, err)
		_, items, errs := readAll(t, b)
		require.Empty(t, errs)
		for path, want := range map[string][]*item.Item{"/Top of Personal Folders/Calendar": in[0].Messages, "/Top of Personal Folders/Inbox": in[1].Messages} {
			got := items[path]
			require.Len(t, got, len(want), path)
			for i := range want {
				if d := cmp.Diff(summary(t, want[i]), summary(t, got[i])); d != "" {
					t.Fatalf("%s %s item %d (-want +got):\n%s", o.Format, path, i, d)
				}
			}
		}
		big := items["/Top of Personal Folders/Inbox"][0].Attachments[0]
		var data []byte
		for _, p := range big.Properties {
			if p.Tag == 0x37010102 {
				data = p.Value.Bytes
			}
		}
		require.True(t, bytes.Equal(data, in[1].Messages[0].Attachments[0].Properties[2].Value.Bytes), "the 9 MB attachment differs")
	}
}
