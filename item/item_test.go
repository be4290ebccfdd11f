package item_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	_ "github.com/mapiblob/mapiblob/internal/testzone"
	"github.com/mapiblob/mapiblob/item"
)

// summary lists an item tree's properties as "path name type value" lines,
// sorted: what every reader must give back whatever the format (tags of
// named properties are store-specific and left out).
func summary(t *testing.T, it *item.Item) []string {
	t.Helper()
	var out []string
	line := func(where string, p *item.Property) {
		b, err := json.Marshal(struct {
			V any
			D any
			E string
		}{valueOf(p), p.Decoded, errOf(p.Err)})
		require.NoError(t, err)
		out = append(out, fmt.Sprintf("%s %s %s %s", where, p.Name(), p.Type(), b))
	}
	var walk func(x *item.Item, label string)
	walk = func(x *item.Item, label string) {
		for i := range x.Properties {
			line(label, &x.Properties[i])
		}
		for r, row := range x.Recipients {
			for i := range row {
				line(fmt.Sprintf("%s recipient %d", label, r), &row[i])
			}
		}
		for a, att := range x.Attachments {
			for i := range att.Properties {
				line(fmt.Sprintf("%s attachment %d", label, a), &att.Properties[i])
			}
			if att.Embedded != nil {
				walk(att.Embedded, fmt.Sprintf("%s embedded %d", label, a))
			}
		}
	}
	walk(it, "/")
	sort.Strings(out)
	return out
}

func valueOf(p *item.Property) any {
	v := p.Value
	v.Bytes = append([]byte(nil), v.Bytes...)
	if len(v.Bytes) == 0 {
		v.Bytes = nil
	}
	if len(v.Multi) == 0 {
		v.Multi = nil
	}
	return v
}

func errOf(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestMSGRoundTrip(t *testing.T) {
	want := itemtest.Meeting(itemtest.Options{})
	b, err := item.MarshalMSG(want)
	require.NoError(t, err)
	got, err := item.ReadMSG(b, "meeting.msg")
	require.NoError(t, err)
	if d := cmp.Diff(summary(t, want), summary(t, got)); d != "" {
		t.Errorf("msg round trip (-built +read):\n%s", d)
	}
	var paths []string
	for x := range got.All {
		paths = append(paths, x.Path+" parent="+x.Parent)
	}
	require.Equal(t, []string{"/ parent=", "/__attach_version1.0_#00000000/__substg1.0_3701000D parent=/"}, paths)
}

func TestTNEFRoundTrip(t *testing.T) {
	want := itemtest.Meeting(itemtest.Options{})
	b, err := item.MarshalTNEF(want)
	require.NoError(t, err)
	got, err := item.ReadTNEF(b, "winmail.dat")
	require.NoError(t, err)
	if d := cmp.Diff(summary(t, want), summary(t, got)); d != "" {
		t.Errorf("tnef round trip (-built +read):\n%s", d)
	}
	var paths []string
	for x := range got.All {
		paths = append(paths, x.Path+" parent="+x.Parent)
	}
	require.Equal(t, []string{"/ parent=", "/attachment[0] parent=/"}, paths)
}
