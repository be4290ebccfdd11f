package recurrence

import "github.com/mapiblob/mapiblob/internal/arena"

// An Arena makes decoded values out of storage it takes from the heap in
// large blocks, as a bump allocator does: decoding many blobs costs about
// what UnmarshalBinary into one reused value costs, while every value stays
// valid until Reset. It suits bulk work — reading a mailbox's calendar,
// an e-discovery export — where a batch of values is used and then
// dropped together.
//
// Values from an arena are ordinary values: their methods, UnmarshalBinary
// and the builders work on them as on any other (decoding one again takes
// heap storage when its own is too small, not the arena's). Two things differ. A
// value keeps alive the whole block it was carved from (64 KiB of
// storage, and a slab of 32 values). After Reset the arena hands the same
// storage out again, so the values made before must no longer be used:
// their lists, reserved blocks and exception texts would change under
// them. The zero Arena is ready to use; an Arena must not be used by
// several goroutines at once.
//
// Arena is outside the module's compatibility promise: it may change, or
// go, in any release. A value used after Reset is not detected — the slab
// slot it points to is the next value, so nothing marks the old one stale
// without a check on every access, which would cost what the arena saves
// — so Arena is kept for callers who own the whole batch's lifetime (a
// loop that decodes, uses and resets), and Parse and UnmarshalBinary are
// the stable ways to decode.
type Arena struct {
	aps    arena.Slabs[AppointmentPattern]
	ps     arena.Slabs[Pattern]
	blocks arena.Blocks
}

// Parse decodes an AppointmentRecurrencePattern as Parse does, into a
// value and storage taken from the arena. The errors are Parse's; after an
// error the arena has handed out nothing.
func (a *Arena) Parse(b []byte) (*AppointmentPattern, error) {
	ap, m := arena.Take(&a.aps, &a.blocks)
	ap.arena = a
	err := ap.UnmarshalBinary(b)
	ap.arena = nil // decoding the value again later takes heap storage
	return arena.Settle(&a.aps, &a.blocks, ap, m, err)
}

// ParsePattern decodes a RecurrencePattern as ParsePattern does, into a
// value and storage taken from the arena.
func (a *Arena) ParsePattern(b []byte) (*Pattern, error) {
	p, m := arena.Take(&a.ps, &a.blocks)
	p.arena = a
	err := p.UnmarshalBinary(b)
	p.arena = nil
	return arena.Settle(&a.ps, &a.blocks, p, m, err)
}

// Reset makes the arena hand out its slabs and blocks again, from the
// first. Values made before must not be used after it. The arena keeps
// the storage the largest batch so far needed.
func (a *Arena) Reset() {
	a.aps.Reset()
	a.ps.Reset()
	a.blocks.Reset()
}

// carve hands out n words of the arena's blocks (see arena.Blocks.Carve).
func (a *Arena) carve(n int) []uint64 { return a.blocks.Carve(n) }
