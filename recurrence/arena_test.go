package recurrence

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/arena/arenatest"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// arenaBlobs are the project's blobs, and MFCMAPI's when present.
func arenaBlobs(t *testing.T) []blobCase {
	cases := testdataBlobs(t)
	if len(cases) == 0 {
		t.Fatal("no testdata blobs")
	}
	if fixtures.Dir() != "" {
		cases = append(cases, fixtureBlobs(t)...)
	}
	return cases
}

// value is what both pattern types are.
type value interface {
	MarshalBinary() ([]byte, error)
	MarshalJSON() ([]byte, error)
}

func jsonOf(v value) ([]byte, error) { return v.MarshalJSON() }

func (c blobCase) arenaParse(a *Arena) (value, error) {
	if c.appt {
		return a.Parse(c.b)
	}
	return a.ParsePattern(c.b)
}

func (c blobCase) heapParse() (value, error) {
	if c.appt {
		return Parse(c.b)
	}
	return ParsePattern(c.b)
}

// An arena's values decode as Parse's do, and stay intact while the arena
// makes many more: each still encodes to its blob and shows the same JSON
// after a thousand values (several blocks and slabs) were made after it.
func TestArenaValuesMatchParseAndStayIntact(t *testing.T) {
	cases := arenaBlobs(t)
	var a Arena
	type made struct {
		c    blobCase
		v    value
		json []byte
	}
	var all []made
	for round := 0; len(all) < 1000; round++ {
		for _, c := range cases {
			v, err := c.arenaParse(&a)
			want, werr := c.heapParse()
			require.Equal(t, werr == nil, err == nil, "%s: arena error %v, Parse error %v", c.name, err, werr)
			if err != nil {
				continue
			}
			got, err := jsonOf(v)
			require.NoError(t, err)
			w, err := jsonOf(want)
			require.NoError(t, err)
			if d := cmp.Diff(string(w), string(got)); d != "" {
				t.Fatalf("%s: the arena's value differs from Parse's (-Parse +arena):\n%s", c.name, d)
			}
			all = append(all, made{c, v, got})
		}
	}
	for i, m := range all {
		out, err := m.v.MarshalBinary()
		require.NoError(t, err)
		if !bytes.Equal(out, m.c.b) {
			t.Fatalf("value %d (%s) no longer encodes to its blob", i, m.c.name)
		}
		got, err := jsonOf(m.v)
		require.NoError(t, err)
		if d := cmp.Diff(string(m.json), string(got)); d != "" {
			t.Fatalf("value %d (%s) changed after later values were made:\n%s", i, m.c.name, d)
		}
	}
}

// Decoding into an arena's value again (UnmarshalBinary) takes storage of
// its own rather than writing over the value made after it.
func TestArenaValueReusedDoesNotWriteItsNeighbour(t *testing.T) {
	var big, small blobCase
	for _, c := range arenaBlobs(t) {
		if !c.appt {
			continue
		}
		if len(c.b) > len(big.b) {
			big = c
		}
		if small.b == nil || len(c.b) < len(small.b) {
			small = c
		}
	}
	require.Greater(t, len(big.b), len(small.b))
	var a Arena
	first, err := a.Parse(small.b)
	require.NoError(t, err)
	second, err := a.Parse(small.b)
	require.NoError(t, err)
	require.NoError(t, first.UnmarshalBinary(big.b))
	out, err := second.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, small.b, out, "the neighbour was overwritten")
	out, err = first.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, big.b, out)
}

// A blob that does not decode gives Parse's error and hands nothing out:
// the value made next is intact.
func TestArenaErrors(t *testing.T) {
	var a Arena
	arenatest.Errors(t, arenaCases(t, &a))
}

// After a warm-up, an arena reset between batches makes values without
// allocating.
func TestArenaAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	var a Arena
	arenatest.Allocations(t, a.Reset, arenaCases(t, &a))
}

// arenaCases are arenaBlobs for the arenatest checks, decoded by a.
func arenaCases(t *testing.T, a *Arena) []arenatest.Case {
	var out []arenatest.Case
	for _, c := range arenaBlobs(t) {
		out = append(out, arenatest.Case{Name: c.name, Blob: c.b,
			Arena: func(b []byte) (arenatest.Value, error) { return blobCase{c.name, b, c.appt}.arenaParse(a) },
			Heap:  func(b []byte) (arenatest.Value, error) { return blobCase{c.name, b, c.appt}.heapParse() },
		})
	}
	return out
}
