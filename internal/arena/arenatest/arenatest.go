// Package arenatest holds the checks every decoder's Arena must pass, for
// the tests of the packages that have one.
package arenatest

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// Value is what an arena makes: a decoded value that encodes back.
type Value interface {
	MarshalBinary() ([]byte, error)
}

// Case is one blob with its two decoders: Arena takes storage from the
// arena under test, Heap is the package's Parse.
type Case struct {
	Name  string
	Blob  []byte
	Arena func([]byte) (Value, error)
	Heap  func([]byte) (Value, error)
}

// Errors checks that every truncation of every blob gives Parse's error
// from the arena, and that the value the arena makes after them encodes
// to its blob (a failed decode handed nothing out that it later reuses).
func Errors(t *testing.T, cases []Case) {
	t.Helper()
	require.NotEmpty(t, cases)
	for _, c := range cases {
		for n := range len(c.Blob) {
			_, got := c.Arena(c.Blob[:n])
			_, want := c.Heap(c.Blob[:n])
			if d := cmp.Diff(fmt.Sprint(want), fmt.Sprint(got)); d != "" {
				t.Fatalf("%s truncated to %d bytes (-Parse +arena):\n%s", c.Name, n, d)
			}
		}
		v, err := c.Arena(c.Blob)
		require.NoError(t, err, c.Name)
		out, err := v.MarshalBinary()
		require.NoError(t, err, c.Name)
		require.Equal(t, c.Blob, out, c.Name)
	}
}

// Allocations checks that, once warm, a batch of every blob after reset
// allocates nothing.
func Allocations(t *testing.T, reset func(), cases []Case) {
	t.Helper()
	require.NotEmpty(t, cases)
	batch := func() {
		reset()
		for _, c := range cases {
			if _, err := c.Arena(c.Blob); err != nil {
				t.Fatal(c.Name, err)
			}
		}
	}
	batch()
	require.Zero(t, testing.AllocsPerRun(20, batch))
}
