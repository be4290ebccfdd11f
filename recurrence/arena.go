package recurrence

// An Arena makes decoded values out of storage it takes from the heap in
// large blocks, as a bump allocator does: decoding many blobs costs about
// what UnmarshalBinary into one reused value costs, while every value stays
// valid until Reset. It suits bulk work — reading a mailbox's calendar,
// an e-discovery export — where a batch of values is used and then
// dropped together.
//
// Values from an arena are ordinary values: their methods, UnmarshalBinary
// and the builders work on them as on any other. Two things differ. A
// value keeps alive the whole block it was carved from (64 KiB of
// storage, and a slab of 32 values). After Reset the arena hands the same
// storage out again, so the values made before must no longer be used:
// their strings and lists would change under them. The zero Arena is ready
// to use; an Arena must not be used by several goroutines at once.
type Arena struct {
	aps    slabs[AppointmentPattern]
	ps     slabs[Pattern]
	blocks [][]uint64 // storage; blocks[:blk] are full, blocks[blk][:used] handed out
	blk    int
	used   int
}

const (
	arenaBlockWords = 8 << 10 // 64 KiB
	arenaSlab       = 32
)

// slabs hands out values of type T from slabs of arenaSlab, keeping every
// slab for the next round after a reset.
type slabs[T any] struct {
	s    [][]T
	i, n int // s[i][:n] handed out in the current slab
}

// next is a zeroed value not handed out since the last reset.
func (l *slabs[T]) next() *T {
	if l.i < len(l.s) && l.n == arenaSlab {
		l.i, l.n = l.i+1, 0
	}
	if l.i == len(l.s) {
		l.s = append(l.s, make([]T, arenaSlab))
	}
	v := &l.s[l.i][l.n]
	var zero T
	*v = zero
	return v
}

// keep counts the value next returned as handed out.
func (l *slabs[T]) keep() { l.n++ }

func (l *slabs[T]) reset() { l.i, l.n = 0, 0 }

// Parse decodes an AppointmentRecurrencePattern as Parse does, into a
// value and storage taken from the arena. The errors are Parse's; after an
// error the arena has handed out nothing.
func (a *Arena) Parse(b []byte) (*AppointmentPattern, error) {
	ap := a.aps.next()
	ap.arena = a
	blk, used := a.blk, a.used
	if err := ap.UnmarshalBinary(b); err != nil {
		*ap = AppointmentPattern{}
		a.blk, a.used = blk, used
		return nil, err
	}
	a.aps.keep()
	return ap, nil
}

// ParsePattern decodes a RecurrencePattern as ParsePattern does, into a
// value and storage taken from the arena.
func (a *Arena) ParsePattern(b []byte) (*Pattern, error) {
	p := a.ps.next()
	p.arena = a
	blk, used := a.blk, a.used
	if err := p.UnmarshalBinary(b); err != nil {
		*p = Pattern{}
		a.blk, a.used = blk, used
		return nil, err
	}
	a.ps.keep()
	return p, nil
}

// Reset makes the arena hand out its slabs and blocks again, from the
// first. Values made before must not be used after it. The arena keeps
// the storage the largest batch so far needed.
func (a *Arena) Reset() {
	a.aps.reset()
	a.ps.reset()
	a.blk, a.used = 0, 0
}

// carve hands out n words: from the current block, or the next one when
// they do not fit in what is left; storage larger than half a block is a
// heap allocation of its own. The slice is clipped to n, so that decoding
// into the value again never writes into a neighbour's part.
func (a *Arena) carve(n int) []uint64 {
	if n > arenaBlockWords/2 {
		return make([]uint64, n)
	}
	if a.blk < len(a.blocks) && len(a.blocks[a.blk])-a.used < n {
		a.blk, a.used = a.blk+1, 0
	}
	if a.blk == len(a.blocks) {
		a.blocks = append(a.blocks, make([]uint64, arenaBlockWords))
	}
	s := a.blocks[a.blk][a.used : a.used+n : a.used+n]
	a.used += n
	return s
}
