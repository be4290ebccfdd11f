package tzdef

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/arena/arenatest"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

type tzBlob struct {
	name     string
	b        []byte
	isStruct bool
}

// arenaBlobs are the project's time-zone blobs, plus a definition with an
// unknown key name, extra header data, five rules and trailing bytes (every
// part of Parse's block).
func arenaBlobs(t *testing.T) []tzBlob {
	var out []tzBlob
	for _, g := range fixtures.Goldens(t, "../testdata/tz/*.hex", "../testdata/samples/*.tz*.hex") {
		out = append(out, tzBlob{g.Name, g.Bytes, isStructBlob(g.Name)})
	}
	require.NotEmpty(t, out)
	d, _, err := FromZoneName("Eastern Standard Time", 2004, 2008)
	require.NoError(t, err)
	d.KeyName = "Büro Zeit (custom)"
	d.ExtraHeaderData = blob.HexBytes{1, 2, 3}
	d.Trailing = []byte{9, 9}
	b, err := d.MarshalBinary()
	require.NoError(t, err)
	return append(out, tzBlob{name: "custom", b: b})
}

func (c tzBlob) arena(a *Arena) (arenatest.Value, error) {
	if c.isStruct {
		return a.ParseTimeZoneStruct(c.b)
	}
	return a.Parse(c.b)
}

func (c tzBlob) heap() (arenatest.Value, error) {
	if c.isStruct {
		return ParseTimeZoneStruct(c.b)
	}
	return Parse(c.b)
}

func jsonOfValue(t *testing.T, v arenatest.Value) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// An arena's values decode as Parse's do and stay intact while it makes
// many more; after Reset, a key name read before is unchanged.
func TestArenaValuesMatchParseAndStayIntact(t *testing.T) {
	cases := arenaBlobs(t)
	var a Arena
	type made struct {
		c    tzBlob
		v    arenatest.Value
		json string
	}
	var all []made
	var keys []string
	for len(all) < 1000 {
		for _, c := range cases {
			v, err := c.arena(&a)
			require.NoError(t, err, c.name)
			want, err := c.heap()
			require.NoError(t, err, c.name)
			if d := cmp.Diff(jsonOfValue(t, want), jsonOfValue(t, v)); d != "" {
				t.Fatalf("%s: the arena's value differs from Parse's (-Parse +arena):\n%s", c.name, d)
			}
			all = append(all, made{c, v, jsonOfValue(t, v)})
			if d, ok := v.(*Definition); ok {
				keys = append(keys, d.KeyName)
			}
		}
	}
	wantKeys := fmt.Sprint(keys)
	for i, m := range all {
		out, err := m.v.MarshalBinary()
		require.NoError(t, err)
		if !bytes.Equal(out, m.c.b) {
			t.Fatalf("value %d (%s) no longer encodes to its blob", i, m.c.name)
		}
		require.Equal(t, m.json, jsonOfValue(t, m.v), "value %d (%s) changed", i, m.c.name)
	}
	a.Reset()
	for range 3 {
		for _, c := range cases {
			_, err := c.arena(&a)
			require.NoError(t, err)
		}
	}
	require.Equal(t, wantKeys, fmt.Sprint(keys), "a key name changed after Reset")

	// A key name no table knows, then Reset, then another of the same
	// length: were key names in the arena's storage, the first would
	// change into the second.
	custom := func(name string) []byte {
		d, _, err := FromZoneName("Eastern Standard Time", 2026, 2026)
		require.NoError(t, err)
		d.KeyName = name
		b, err := d.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	a.Reset()
	first, err := a.Parse(custom("Custom Zone AAAA"))
	require.NoError(t, err)
	keyA := first.KeyName
	a.Reset()
	_, err = a.Parse(custom("Custom Zone BBBB"))
	require.NoError(t, err)
	require.Equal(t, "Custom Zone AAAA", keyA, "a key name changed after Reset")
}

// A blob that does not decode gives Parse's error, and the value made next
// is intact.
func TestArenaErrors(t *testing.T) {
	var a Arena
	arenatest.Errors(t, arenaCases(arenaBlobs(t), &a))
}

// Once warm, a batch after Reset allocates nothing, but for the key names
// no table knows (a string each).
func TestArenaAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	cases := arenaBlobs(t)
	var a Arena
	arenatest.Allocations(t, a.Reset, arenaCases(cases[:len(cases)-1], &a)) // without the custom key name
}

// arenaCases are blobs for the arenatest checks, decoded by a.
func arenaCases(blobs []tzBlob, a *Arena) []arenatest.Case {
	var out []arenatest.Case
	for _, c := range blobs {
		out = append(out, arenatest.Case{Name: c.name, Blob: c.b,
			Arena: func(b []byte) (arenatest.Value, error) { return tzBlob{c.name, b, c.isStruct}.arena(a) },
			Heap:  func(b []byte) (arenatest.Value, error) { return tzBlob{c.name, b, c.isStruct}.heap() },
		})
	}
	return out
}
