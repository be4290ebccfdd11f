package fuzz

import (
	"encoding/binary"
	"strconv"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// decoders maps a sample suffix to the decoder that reads it; each returns
// the decode error (nil on success) and runs Check on success.
var decoders = map[string]func(b []byte) error{
	".tzdef.hex": func(b []byte) error {
		d, err := tzdef.Parse(b)
		if err == nil {
			d.Check()
		}
		return err
	},
	".tzstruct.hex": func(b []byte) error {
		var tz tzdef.TimeZoneStruct
		err := tz.UnmarshalBinary(b)
		if err == nil {
			tz.Check()
		}
		return err
	},
	".recur.hex": func(b []byte) error {
		p, err := recurrence.ParsePattern(b)
		if err == nil {
			p.Check()
		}
		return err
	},
	".apptrecur.hex": func(b []byte) error {
		ap, err := recurrence.Parse(b)
		if err == nil {
			ap.Check()
		}
		return err
	},
}

type goldenBlob struct {
	name   string
	b      []byte
	decode func([]byte) error
}

// goldens lists the project's samples and, where present, MFCMAPI's
// reference blobs, each with its decoder.
func goldens(t testing.TB) []goldenBlob {
	var out []goldenBlob
	for _, g := range samples(t) {
		for suffix, dec := range decoders {
			if strings.HasSuffix(g.Path, suffix) {
				out = append(out, goldenBlob{g.Name, g.Bytes, dec})
			}
		}
	}
	if fixtures.Dir() != "" {
		for _, f := range []struct{ name, suffix string }{
			{"TIMEZONE-1", ".tzstruct.hex"}, {"TIMEZONEDEFINITION-1", ".tzdef.hex"}, {"TIMEZONEDEFINITION-2", ".tzdef.hex"},
			{"RECURRENCEPATTERN-1", ".recur.hex"}, {"APPOINTMENTRECURRENCEPATTERN-3", ".apptrecur.hex"},
			{"APPOINTMENTRECURRENCEPATTERN-4", ".apptrecur.hex"},
		} {
			out = append(out, goldenBlob{f.name, fixtures.Load(t, f.name).Blob, decoders[f.suffix]})
		}
	}
	return out
}

// TestHostileInputs truncates every golden blob at every point, and sets
// every 2- and 4-byte field position to 0, all-ones and 0xFFFF, and every
// single byte (the version bytes among them) to another value. Each
// result must decode, or fail with a DecodeError naming a field and an
// offset inside the input; nothing may panic.
func TestHostileInputs(t *testing.T) {
	for _, g := range goldens(t) {
		t.Run(g.name, func(t *testing.T) {
			try := func(b []byte, what string) {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s: panic: %v", what, r)
					}
				}()
				if err := g.decode(b); err != nil {
					mustBeDecodeError(t, err)
					if off := decodeOffset(err); off > len(b) {
						t.Fatalf("%s: error offset %d beyond the %d-byte input: %v", what, off, len(b), err)
					}
				}
			}
			for n := 0; n < len(g.b); n++ {
				try(g.b[:n], "truncated")
			}
			mut := make([]byte, len(g.b))
			for i := 0; i < len(g.b); i++ {
				for _, w := range []int{1, 2, 4} {
					if i+w > len(g.b) {
						continue
					}
					for _, v := range []uint32{0, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF, 1} {
						copy(mut, g.b)
						switch w {
						case 1:
							mut[i] = byte(v) ^ 0x5A
						case 2:
							binary.LittleEndian.PutUint16(mut[i:], uint16(v))
						case 4:
							binary.LittleEndian.PutUint32(mut[i:], v)
						}
						try(mut, "mutated")
					}
				}
			}
		})
	}
}

// TestAllocationBound checks that one decode allocates less than
// 16 × input length + 4 KiB, for every seed and for hostile inputs whose
// count fields promise far more than the input holds.
func TestAllocationBound(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts; this test runs in the plain test pass")
	}
	check := func(name string, b []byte, dec func([]byte) error) {
		allocBound(t, name, b, 16, func(b []byte) { _ = dec(b) })
	}
	for i, g := range goldens(t) {
		check(g.name, g.b, g.decode)
		if len(g.b) > 1024 || i%4 != 0 {
			continue // every golden once; a quarter of them, and not the largest, field by field
		}
		mut := make([]byte, len(g.b))
		for i := 0; i+4 <= len(g.b); i++ {
			copy(mut, g.b)
			binary.LittleEndian.PutUint32(mut[i:], 0xFFFFFFFF)
			check(g.name+" with 0xFFFFFFFF at "+strconv.Itoa(i), mut, g.decode)
			copy(mut, g.b)
			binary.LittleEndian.PutUint16(mut[i:], 0xFFFF)
			check(g.name+" with 0xFFFF at "+strconv.Itoa(i), mut, g.decode)
		}
	}
}
