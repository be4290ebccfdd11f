package pst_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	_ "github.com/mapiblob/mapiblob/internal/testzone"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

// summary lists an item tree as sorted "where name type value" lines:
// what a reader must give back (the store-specific ids of named
// properties are left out).
func summary(t *testing.T, it *item.Item) []string {
	t.Helper()
	var out []string
	line := func(where string, p *item.Property) {
		v := p.Value
		if len(v.Bytes) == 0 {
			v.Bytes = nil
		}
		if len(v.Multi) == 0 {
			v.Multi = nil
		}
		e := ""
		if p.Err != nil {
			e = p.Err.Error()
		}
		b, err := json.Marshal(struct {
			V any
			D any
			E string
		}{v, p.Decoded, e})
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

// task is a task item with a recurrence-free due date and a body larger
// than a heap item, so that its value lives in a subnode.
func task() *item.Item {
	due := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	body := bytes.Repeat([]byte("Write the quarterly report. "), 300)
	return item.New(
		item.MustProp("PidTagMessageClass", item.Unicode("IPM.Task")),
		item.MustProp("PidTagSubject", item.Unicode("Quarterly report")),
		item.MustProp("PidTagBody", item.Unicode(string(body))),
		item.MustProp("PidLidTaskDueDate", item.Time(due)),
		item.MustProp("PidLidTaskStatus", item.Long(1)),
		item.MustProp("PidLidPercentComplete", item.Value{Type: 0x0005, Float: 0.5}),
		item.MustProp("PidTagMessageFlags", item.Long(1)),
	)
}

// meeting is itemtest's meeting without PidTagMessageSizeExtended: it
// shares its id (0x0E08) with PidTagMessageSize, and a property context
// keys its properties by id alone, so a PST cannot hold both.
func meeting(o itemtest.Options) *item.Item {
	it := itemtest.Meeting(o)
	ps := it.Properties[:0]
	for _, p := range it.Properties {
		if p.Info == nil || p.Info.Name != "PidTagMessageSizeExtended" {
			ps = append(ps, p)
		}
	}
	it.Properties = ps
	return it
}

// namedView is an associated (FAI) message as Outlook keeps a folder's views.
func namedView() *item.Item {
	return item.New(
		item.MustProp("PidTagMessageClass", item.Unicode("IPM.Microsoft.FolderDesign.NamedView")),
		item.MustProp("PidTagSubject", item.Unicode("Calendar view")),
		item.MustProp("PidTagBody", item.Unicode("<view/>")),
	)
}

// withAttendee is the meeting whose exception has an attendee of its
// own, in the embedded message's recipient table.
func withAttendee() *item.Item {
	m := meeting(itemtest.Options{})
	ex := m.Attachments[0].Embedded
	ex.Recipients = [][]item.Property{{
		item.MustProp("PidTagDisplayName", item.Unicode("Carol Guest")),
		item.MustProp("PidTagSmtpAddress", item.Unicode("carol@example.com")),
		item.MustProp("PidTagRecipientType", item.Long(1)),
		item.MustProp("PidTagRecipientTrackStatus", item.Long(3)),
	}}
	return m
}

func tree() []*pst.Tree {
	return []*pst.Tree{
		{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{
			withAttendee(),
			meeting(itemtest.Options{Seed: 3, EmptyStartDisplayKeyName: true}),
		}, Associated: []*item.Item{namedView()}, Folders: []*pst.Tree{
			{Name: "Team", ContainerClass: "IPF.Appointment", Messages: []*item.Item{meeting(itemtest.Options{Seed: 5, Zone: "W. Europe Standard Time"})}},
		}},
		{Name: "Tasks", ContainerClass: "IPF.Task", Messages: []*item.Item{task()}},
	}
}

type folderLine struct {
	Path, Class   string
	Count, Unread int
	HasSubfolders bool
	Depth         int
	Err           string
}

func readAll(t *testing.T, b []byte) ([]folderLine, map[string][]*item.Item, []error) {
	t.Helper()
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	f.Source = "test.pst"
	var folders []folderLine
	items := map[string][]*item.Item{}
	var errs []error
	for fo := range f.Folders() {
		l := folderLine{Path: fo.Path, Class: fo.ContainerClass, Count: fo.ContentCount, Unread: fo.UnreadCount, HasSubfolders: fo.HasSubfolders, Depth: fo.Depth}
		if fo.Err != nil {
			l.Err = fo.Err.Error()
		}
		folders = append(folders, l)
		for it, err := range fo.Messages() {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			items[fo.Path] = append(items[fo.Path], it)
		}
		for it, err := range fo.AssociatedMessages() {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			items[fo.Path+" (associated)"] = append(items[fo.Path+" (associated)"], it)
		}
	}
	return folders, items, errs
}

// writeForms are the file forms and block encodings the tests write.
var writeForms = []pst.WriteOptions{
	{CryptMethod: pst.CryptNone}, {CryptMethod: pst.CryptPermute}, {CryptMethod: pst.CryptCyclic},
	{Format: pst.ANSI, CryptMethod: pst.CryptNone}, {Format: pst.ANSI, CryptMethod: pst.CryptPermute}, {Format: pst.ANSI, CryptMethod: pst.CryptCyclic},
}

func TestRoundTrip(t *testing.T) {
	for _, o := range writeForms {
		t.Run(o.Format.String()+"/"+o.CryptMethod.String(), func(t *testing.T) {
			in := tree()
			b, err := pst.Marshal(o, in...)
			require.NoError(t, err)
			folders, items, errs := readAll(t, b)
			require.Empty(t, errs)
			f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			require.Equal(t, o.Format, f.Header.Format)
			require.Equal(t, o.CryptMethod, f.Header.CryptMethod)
			want := []folderLine{
				{Path: "/", HasSubfolders: true},
				{Path: "/Top of Personal Folders", HasSubfolders: true, Depth: 1},
				{Path: "/Top of Personal Folders/Calendar", Class: "IPF.Appointment", Count: 2, Unread: 2, HasSubfolders: true, Depth: 2},
				{Path: "/Top of Personal Folders/Calendar/Team", Class: "IPF.Appointment", Count: 1, Unread: 1, Depth: 3},
				{Path: "/Top of Personal Folders/Tasks", Class: "IPF.Task", Count: 1, Depth: 2},
				{Path: "/Top of Personal Folders/Deleted Items", Depth: 2},
			}
			if d := cmp.Diff(want, folders); d != "" {
				t.Fatalf("folders (-want +got):\n%s", d)
			}
			check := func(path string, want []*item.Item) {
				got := items[path]
				require.Len(t, got, len(want), path)
				for i := range want {
					if d := cmp.Diff(summary(t, want[i]), summary(t, got[i])); d != "" {
						t.Errorf("%s item %d (-want +got):\n%s", path, i, d)
					}
					require.Equal(t, "pst", got[i].Format)
					require.Equal(t, "test.pst", got[i].Source)
				}
			}
			check("/Top of Personal Folders/Calendar", in[0].Messages)
			check("/Top of Personal Folders/Calendar/Team", in[0].Folders[0].Messages)
			check("/Top of Personal Folders/Tasks", in[1].Messages)
			check("/Top of Personal Folders/Calendar (associated)", in[0].Associated)
			first := items["/Top of Personal Folders/Calendar"][0]
			require.Equal(t, "/Top of Personal Folders/Calendar/[nid 0x200024]", first.Path)
			require.Len(t, first.Attachments, 1)
			ex := first.Attachments[0].Embedded
			require.NotNil(t, ex)
			require.Equal(t, first.Path+"/attachment[0]", ex.Path)
			require.Len(t, ex.Recipients, 1)
			require.Equal(t, first.Path, ex.Parent)
			require.Equal(t, "test.pst", ex.Source)
			require.Equal(t, "pst", ex.Format)
		})
	}
}
