package tzdef

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// A key name of NUL characters is what Outlook reads as empty: the same
// crash case as cchKeyName 0, so the same finding.
func TestNULKeyNameIsEmpty(t *testing.T) {
	for _, name := range []string{"\x00", "\x00\x00\x00\x00"} {
		d := &Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, KeyName: name, Rules: []Rule{{
			MajorVersion: 2, MinorVersion: 1, Reserved: 0x3E, Flags: TZRULE_FLAG_EFFECTIVE_TZREG, Year: 2007, Bias: 300, DaylightBias: -60,
			StandardDate: SystemTime{Month: 11, Day: 1, Hour: 2}, DaylightDate: SystemTime{Month: 3, Day: 2, Hour: 2}}}}
		b, err := d.MarshalBinary()
		require.NoError(t, err)
		d2, err := Parse(b)
		require.NoError(t, err)
		require.Equal(t, name, d2.KeyName, "the NULs are kept")
		fs := d2.Check()
		require.Len(t, fs, 1, "findings %v", fs)
		require.Equal(t, CodeEmptyKeyName, fs[0].Code)
		require.Equal(t, blob.Error, fs[0].Severity)
		require.Equal(t, "KeyName", fs[0].Path)
		require.Contains(t, fs[0].Message, "NUL characters, which Outlook reads as an empty name")
		require.Contains(t, fs[0].Message, "KB 2553248")
	}
	// A real name with a trailing NUL is not empty.
	d := &Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, KeyName: "Eastern Standard Time\x00"}
	for _, f := range d.Check() {
		require.NotEqual(t, CodeEmptyKeyName, f.Code, f.Message)
	}
}

// keyNames' UTF-16 forms are made byte by byte: every Windows key name
// must be ASCII, and each form must decode back to its name.
func TestKeyNamesUTF16(t *testing.T) {
	for k, n := range keyNames {
		for i := range len(k) {
			if k[i] >= 0x80 {
				t.Fatalf("key name %q is not ASCII", k)
			}
		}
		if got, exact := wire.DecodeUTF16([]byte(n.utf16)); !exact || got != k || n.s != k {
			t.Fatalf("key name %q: UTF-16 form decodes to %q", k, got)
		}
	}
}
