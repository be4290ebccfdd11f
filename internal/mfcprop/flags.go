package mfcprop

//go:generate go run ./internal/genflags -in data/property-flags.tsv -o zz_flags.go

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
