package arena

import (
	"errors"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

func TestCarveClipsAndMovesOn(t *testing.T) {
	var bl Blocks
	a := bl.Carve(10)
	require.Equal(t, 10, len(a))
	require.Equal(t, 10, cap(a), "a run's capacity is its length")
	b := bl.Carve(BlockWords / 2)
	require.Equal(t, unsafe.SliceData(bl.b[0][10:]), unsafe.SliceData(b), "runs follow each other in a block")
	bl.Carve(BlockWords/2 - 20) // BlockWords/2 - 10 are left
	require.Equal(t, 0, bl.i, "a run that fits in what is left is carved there")
	d := bl.Carve(BlockWords / 4)
	require.Equal(t, 1, bl.i, "a run that does not fit goes to the next block")
	require.Equal(t, unsafe.SliceData(bl.b[1]), unsafe.SliceData(d))
	big := bl.Carve(BlockWords/2 + 1)
	require.Len(t, big, BlockWords/2+1)
	require.Len(t, bl.b, 2, "a large run is not carved from a block")

	m := bl.Mark()
	e := bl.Carve(3)
	bl.Restore(m)
	f := bl.Carve(3)
	require.Equal(t, unsafe.SliceData(e), unsafe.SliceData(f), "Restore hands the same words out again")

	bl.Reset()
	g := bl.Carve(10)
	require.Equal(t, unsafe.SliceData(a), unsafe.SliceData(g), "Reset hands the first block out again")
	require.Len(t, bl.b, 2, "and keeps the blocks")
}

func TestSlabs(t *testing.T) {
	var l Slabs[[4]int]
	var got []*[4]int
	for i := range 2*SlabSize + 1 {
		v := l.Next()
		require.Equal(t, [4]int{}, *v, "a value handed out is zero")
		v[0] = i + 1
		if i%2 == 0 {
			again := l.Next()
			require.Same(t, v, again, "without Keep the same value comes again")
			again[0] = i + 1
		}
		l.Keep()
		got = append(got, v)
	}
	for i, v := range got {
		require.Equal(t, i+1, v[0], "value %d was handed out twice", i)
	}
	require.Len(t, l.s, 3)
	l.Reset()
	require.Same(t, got[0], l.Next())
	require.Len(t, l.s, 3)
}

// Settle keeps the value and words of a decode that succeeds, and hands
// those of one that fails out again, zeroed.
func TestTakeSettle(t *testing.T) {
	var l Slabs[[2]uint64]
	var bl Blocks
	fail := errors.New("bad blob")
	v, m := Take(&l, &bl)
	v[0] = 7
	carved := bl.Carve(4)
	got, err := Settle(&l, &bl, v, m, fail)
	require.Nil(t, got)
	require.Same(t, fail, err)
	w, m := Take(&l, &bl)
	require.Same(t, v, w, "the failed value comes back")
	require.Equal(t, [2]uint64{}, *w, "zeroed")
	require.Equal(t, unsafe.SliceData(carved), unsafe.SliceData(bl.Carve(4)), "and its words too")
	w[1] = 9
	kept, err := Settle(&l, &bl, w, m, nil)
	require.NoError(t, err)
	require.Same(t, w, kept)
	x, _ := Take(&l, &bl)
	require.NotSame(t, w, x, "a kept value is not handed out again")
	require.Equal(t, [2]uint64{0, 9}, *w)
}
