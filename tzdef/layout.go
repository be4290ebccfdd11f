package tzdef

import "github.com/mapiblob/mapiblob/internal/wire"

// field is one field of a fixed-size block: its name in the
// specification, its offset in the block and its size. The tables of them
// serve only to name the field a truncated block lacks; decoding reads a
// whole block after one length check.
type field struct {
	name      string
	off, size int
}

// truncatedIn is the ErrTruncated error for a fixed-size block at offset
// base of which only left bytes are there: it names the first field that
// does not fit (prefix.name) at that field's offset.
func truncatedIn(prefix string, base int, layout []field, left int) error {
	for _, f := range layout {
		if f.off+f.size > left {
			return wire.TruncatedAt(wire.Path(prefix, -1, f.name), base+f.off, f.size, left-f.off)
		}
	}
	// Not reached: callers pass a block that is short.
	end := layout[len(layout)-1].off + layout[len(layout)-1].size
	return wire.TruncatedAt(prefix, base, end, left)
}
