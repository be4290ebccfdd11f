package mfcprop

import "github.com/mapiblob/mapiblob/guid"

//go:generate go run ./internal/genflags -in data -o zz_flags.go

// Flags names the value v of the numeric property with tag tag (by its id,
// whatever its type) as MFCMAPI does, and false when MFCMAPI has no flag
// table for it. The tables (flagsByID) are generated from
// data/property-flags.tsv into zz_flags.go.
func Flags(tag uint32, v uint32) (string, bool) {
	t, ok := flagsByID[uint16(tag>>16)]
	if !ok || uint16(tag>>16) >= 0x8000 {
		return "", false
	}
	return t.Interpret(v), true
}

// namedKey is a named property: its set and LID.
type namedKey struct {
	set guid.GUID
	lid uint32
}

// NamedFlags names the value v of the numeric named property (set, lid) as
// MFCMAPI does (PidLidBusyStatus 2: "olBusy"), and false when MFCMAPI has
// no flag table for it. The tables (namedFlags) are generated from
// data/named-flags.tsv into zz_flags.go.
func NamedFlags(set guid.GUID, lid uint32, v uint32) (string, bool) {
	t, ok := namedFlags[namedKey{set, lid}]
	if !ok {
		return "", false
	}
	return t.Interpret(v), true
}
