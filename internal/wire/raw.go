package wire

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
)

// Raw is what a decoded value keeps when it encodes by giving its bytes
// back: the bytes its structure took, and the bytes left after it. A value
// type embeds it (through an alias of its package's) for TrailingBytes,
// MarshalBinary and AppendBinary.
type Raw struct {
	raw      []byte
	Trailing []byte `json:"-"` // the bytes after the structure
}

// RawOf is a Raw whose structure took all of b.
func RawOf(b []byte) Raw { return Raw{raw: b} }

// TrailingBytes are the bytes after the structure.
func (r *Raw) TrailingBytes() []byte { return r.Trailing }

// MarshalBinary gives back the bytes the value was decoded from.
func (r *Raw) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// AppendBinary appends the bytes the value was decoded from.
func (r *Raw) AppendBinary(p []byte) ([]byte, error) {
	return append(append(p, r.raw...), r.Trailing...), nil
}

// Finish splits all, the value's input, at the cursor c reading it: what c
// has read is the structure, what is left the trailing bytes.
func (r *Raw) Finish(all []byte, c *Cursor) {
	r.Trailing = c.Rest()
	r.raw = all[:len(all)-len(r.Trailing)]
}

// SetStructure sets the bytes the structure took.
func (r *Raw) SetStructure(b []byte) { r.raw = b }

// StructureSize is the number of bytes the structure took.
func (r *Raw) StructureSize() int { return len(r.raw) }

// TrailingFinding is the warning code gives for bytes after a structure,
// or nil when there are none.
func TrailingFinding(code string, t []byte) []blob.Finding {
	if len(t) == 0 {
		return nil
	}
	return []blob.Finding{{Code: code, Severity: blob.Warning, Path: "Trailing",
		Message: strconv.Itoa(len(t)) + " bytes after the structure are not part of it"}}
}
