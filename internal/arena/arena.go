// Package arena holds the storage of the decoders' Arena types: slabs of
// values and blocks of pointer-free words, handed out in order and handed
// out again, from the first, after a reset.
package arena

// SlabSize is how many values a slab holds.
const SlabSize = 32

// BlockWords is the size of a block, in 8-byte words (64 KiB).
const BlockWords = 8 << 10

// Slabs hands out values of type T from slabs of SlabSize, keeping every
// slab for the next round after Reset. The zero value is ready to use.
type Slabs[T any] struct {
	s    [][]T
	i, n int // s[i][:n] handed out in the current slab
}

// Next is a zeroed value not handed out since the last Reset. It counts as
// handed out once Keep is called; until then the next call returns it
// again.
func (l *Slabs[T]) Next() *T {
	if l.i < len(l.s) && l.n < SlabSize {
		v := &l.s[l.i][l.n]
		var zero T
		*v = zero
		return v
	}
	return l.nextSlab()
}

// nextSlab moves to the next slab, making it when there is none, and
// returns its first value.
func (l *Slabs[T]) nextSlab() *T {
	if l.i < len(l.s) {
		l.i, l.n = l.i+1, 0
	}
	if l.i == len(l.s) {
		l.s = append(l.s, make([]T, SlabSize))
	}
	v := &l.s[l.i][0]
	var zero T
	*v = zero
	return v
}

// Keep counts the value Next returned as handed out.
func (l *Slabs[T]) Keep() { l.n++ }

// Reset hands the slabs out again from the first.
func (l *Slabs[T]) Reset() { l.i, l.n = 0, 0 }

// Blocks hands out runs of words from blocks of BlockWords, keeping every
// block for the next round after Reset. The zero value is ready to use.
type Blocks struct {
	b    [][]uint64 // b[:i] are full, b[i][:used] handed out
	i    int
	used int
}

// Mark is a position of Blocks, to go back to with Restore.
type Mark struct{ i, used int }

// Mark returns the current position.
func (bl *Blocks) Mark() Mark { return Mark{bl.i, bl.used} }

// Restore goes back to m: what was carved after it is handed out again.
func (bl *Blocks) Restore(m Mark) { bl.i, bl.used = m.i, m.used }

// Carve hands out n words: from the current block, or the next one when
// they do not fit in what is left; a run longer than half a block is a
// heap allocation of its own. The slice's capacity is n, so appending to
// it never writes into a neighbour's run.
func (bl *Blocks) Carve(n int) []uint64 {
	if bl.i < len(bl.b) {
		if b := bl.b[bl.i]; n <= len(b)-bl.used {
			s := b[bl.used : bl.used+n : bl.used+n]
			bl.used += n
			return s
		}
	}
	return bl.carveSlow(n)
}

// carveSlow is Carve when the run does not fit in the current block.
func (bl *Blocks) carveSlow(n int) []uint64 {
	if n > BlockWords/2 {
		return make([]uint64, n)
	}
	if bl.i < len(bl.b) {
		bl.i, bl.used = bl.i+1, 0
	}
	if bl.i == len(bl.b) {
		bl.b = append(bl.b, make([]uint64, BlockWords))
	}
	s := bl.b[bl.i][:n:n]
	bl.used = n
	return s
}

// Reset hands the blocks out again from the first.
func (bl *Blocks) Reset() { bl.i, bl.used = 0, 0 }

// Take hands out a value of s to decode into, with the position of bl
// before it; Settle ends the decode. (Two inlinable halves rather than one
// function taking the decode as a closure, which costs the arenas' fastest
// decodes a fifth more.)
func Take[T any](s *Slabs[T], bl *Blocks) (*T, Mark) { return s.Next(), bl.Mark() }

// Settle ends a decode into v that Take began at m: when err is nil v is
// kept; else v is zeroed, v and the words carved from bl since m are
// handed out again, and err is returned.
func Settle[T any](s *Slabs[T], bl *Blocks, v *T, m Mark, err error) (*T, error) {
	if err != nil {
		var zero T
		*v = zero
		bl.Restore(m)
		return nil, err
	}
	s.Keep()
	return v, nil
}
