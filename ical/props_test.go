package ical

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/proptag"
)

// Every property this package emits is in proptag's table (prop panics
// otherwise): the names are read from the source.
func TestPropertyNames(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	re := regexp.MustCompile(`prop\("(\w+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			p, ok := proptag.ByName(m[1])
			require.True(t, ok, m[1])
			require.Equal(t, m[1], p.Name, "canonical name")
			n++
		}
	}
	require.Greater(t, n, 20)
}

// The imported properties are those of proptag's table with its types;
// named ones carry their set and LID and ids of their own from 0x8000, as
// a store assigns them; the values are what the text says, and the item
// writes as a .msg that reads back the same.
func TestImportedProperties(t *testing.T) {
	it := importOne(t, calendar("BEGIN:VEVENT\nUID:p-1\nDTSTART:20260105T090000Z\nDTEND:20260105T100000Z\nSUMMARY:Hé\nEND:VEVENT"), ImportOptions{})
	ids := map[uint16]string{}
	for _, p := range it.Properties {
		require.NotNil(t, p.Info, p.Name())
		require.Equal(t, p.Info.Type, p.Type(), p.Name())
		if p.Named == nil {
			require.Equal(t, p.Info.Tag, p.Tag, p.Name())
			continue
		}
		require.Equal(t, p.Info.Set, p.Named.Set, p.Name())
		require.Equal(t, p.Info.LID, p.Named.LID, p.Name())
		id := p.Tag.ID()
		require.GreaterOrEqual(t, id, uint16(0x8000), p.Name())
		require.Empty(t, ids[id], "%s and %s share id 0x%04X", ids[id], p.Name(), id)
		ids[id] = p.Name()
	}
	require.Len(t, ids, 9)
	require.Equal(t, "Hé", str(t, it, "PidTagSubject"))
	require.Equal(t, "0x0037001F", it.Get("PidTagSubject").Tag.String())
	g := it.Get("PidLidGlobalObjectId")
	require.Equal(t, "PSETID_Meeting", g.Named.SetName())
	require.Equal(t, uint32(3), g.Named.LID)
	require.Equal(t, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), start(t, it))
	require.Equal(t, int32(2), long(t, it, "PidLidBusyStatus"))
	require.False(t, boolean(t, it, "PidLidRecurring"))
	require.Equal(t, "p-1", it.CleanGlobalObjectID().UID())
	require.Equal(t, "ical", it.Format)
	require.Equal(t, "/VEVENT/p-1", it.Path)

	file, err := msg.Marshal(it.Item)
	require.NoError(t, err)
	back, err := msg.Read(file, "p-1.msg")
	require.NoError(t, err)
	require.Len(t, back.Properties, len(it.Properties))
	for i, p := range it.Properties {
		q := back.Get(p.Info.Name)
		require.NotNil(t, q, p.Name())
		require.Equal(t, p.Value, q.Value, "%d %s", i, p.Name())
	}
}
