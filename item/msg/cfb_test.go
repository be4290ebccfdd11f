package msg

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/richardlehane/mscfb"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/item"
)

// Our one-walk Compound File reader and an independent one (mscfb) read
// the same storages and streams from what the writer writes: a message
// with a recipient and an embedded message, in 512-byte sectors, with
// streams both below and above the mini-stream cutoff.
func TestReadCFBAgreesWithMSCFB(t *testing.T) {
	big := make([]byte, 9000)
	for i := range big {
		big[i] = byte(i * 7)
	}
	inner := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}")),
		item.MustProp("PidTagSubject", item.Unicode("the exception")))
	it := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Appointment")),
		item.MustProp("PidTagSubject", item.Unicode("Weekly sync")),
		item.MustProp("PidTagRtfCompressed", item.Binary(big)))
	it.Recipients = [][]item.Property{{item.MustProp("PidTagDisplayName", item.Unicode("Ada")), item.MustProp("PidTagRecipientType", item.Long(1))}}
	it.Attachments = []item.Attachment{{Properties: []item.Property{item.MustProp("PidTagAttachMethod", item.Long(5))}, Embedded: inner}}
	b, err := Marshal(it)
	require.NoError(t, err)
	ours, err := readCFB(b)
	require.NoError(t, err)

	doc, err := mscfb.New(sliceReader{b})
	require.NoError(t, err)
	theirs := &cfbTree{streams: map[string][]byte{}, children: map[string][]string{}}
	large := 0
	for _, f := range doc.File {
		if f == doc.File[0] {
			continue // the root entry
		}
		dir := strings.Join(f.Path, "/")
		full := f.Name
		if dir != "" {
			full = dir + "/" + f.Name
		}
		if f.FileInfo().IsDir() {
			theirs.children[dir] = append(theirs.children[dir], f.Name)
			continue
		}
		data := make([]byte, f.Size)
		if n, err := io.ReadFull(f, data); err != nil && !(errors.Is(err, io.EOF) && n == len(data)) {
			t.Fatalf("mscfb: %s: %v", full, err)
		}
		if len(data) >= cfbMiniCutoff {
			large++
		}
		theirs.streams[full] = data
	}
	require.NotZero(t, large, "no stream above the mini-stream cutoff")
	if d := cmp.Diff(theirs.streams, ours.streams); d != "" {
		t.Errorf("streams (-mscfb +ours):\n%s", d)
	}
	sorted := cmp.Transformer("sorted", func(s []string) []string {
		out := append([]string(nil), s...)
		slices.Sort(out)
		return out
	})
	if d := cmp.Diff(theirs.children, ours.children, sorted); d != "" {
		t.Errorf("storages (-mscfb +ours):\n%s", d)
	}
}
