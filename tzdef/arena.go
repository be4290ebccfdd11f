package tzdef

import "github.com/mapiblob/mapiblob/internal/arena"

// An Arena makes decoded values out of storage it takes from the heap in
// large blocks, as a bump allocator does: decoding many blobs costs about
// what UnmarshalBinary into one reused value costs, while every value stays
// valid until Reset. It suits bulk work, where a batch of values is used
// and then dropped together.
//
// Values from an arena are ordinary values. Two things differ. A value
// keeps alive the whole block it was carved from (64 KiB, and a slab of 32
// values). After Reset the arena hands the same storage out again, so the
// values made before must no longer be used: their rules and bytes would
// change under them (KeyName is never in the arena's storage: a string
// must not change). The zero Arena is ready to use; an Arena must not be
// used by several goroutines at once.
//
// Arena is outside the module's compatibility promise: it may change, or
// go, in any release. A value used after Reset is not detected — the slab
// slot it points to is the next value, so nothing marks the old one stale
// without a check on every access, which would cost what the arena saves
// — so Arena is kept for callers who own the whole batch's lifetime (a
// loop that decodes, uses and resets), and Parse and UnmarshalBinary are
// the stable ways to decode.
type Arena struct {
	defs   arena.Slabs[parsedDefinition]
	tzs    arena.Slabs[TimeZoneStruct]
	blocks arena.Blocks
}

// Parse decodes a TZDEFINITION as Parse does, into a value and storage
// taken from the arena. The errors are Parse's; after an error the arena
// has handed out nothing.
func (a *Arena) Parse(b []byte) (*Definition, error) {
	v, m := arena.Take(&a.defs, &a.blocks)
	d := &v.Definition
	d.Rules = v.rules[:0:len(v.rules)]
	d.fresh, d.arena = true, a
	err := d.UnmarshalBinary(b)
	d.fresh, d.arena = false, nil
	if _, err := arena.Settle(&a.defs, &a.blocks, v, m, err); err != nil {
		return nil, err
	}
	return d, nil
}

// ParseTimeZoneStruct decodes a PidLidTimeZoneStruct value as
// ParseTimeZoneStruct does, into a value taken from the arena (trailing
// bytes, which real blobs do not have, are a heap allocation).
func (a *Arena) ParseTimeZoneStruct(b []byte) (*TimeZoneStruct, error) {
	tz, m := arena.Take(&a.tzs, &a.blocks)
	return arena.Settle(&a.tzs, &a.blocks, tz, m, tz.UnmarshalBinary(b))
}

// Reset makes the arena hand out its slabs and blocks again, from the
// first. Values made before must not be used after it.
func (a *Arena) Reset() {
	a.defs.Reset()
	a.tzs.Reset()
	a.blocks.Reset()
}
