package mfcprop

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/mapiblob/mapiblob/internal/sv"
)

//go:embed data/property-flags.tsv
var propertyFlagsTSV string

var (
	flagsOnce sync.Once
	flagsByID map[uint16]sv.FlagTable
)

var flagKinds = map[string]sv.FlagKind{
	"flagFLAG": sv.FlagBit, "flagVALUE": sv.FlagValue, "flagCLEARBITS": sv.FlagClear,
	"flagVALUE3RDBYTE": sv.FlagByte1, "flagVALUE4THBYTE": sv.FlagByte0,
	"flagVALUEHIGHBYTES": sv.FlagHigh16, "flagVALUELOWERNIBBLE": sv.FlagNibble,
}

func loadFlags() {
	flagsByID = map[uint16]sv.FlagTable{}
	for i, line := range strings.Split(propertyFlagsTSV, "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 5 {
			continue
		}
		id, err1 := strconv.ParseUint(strings.TrimPrefix(f[0], "0x"), 16, 16)
		v, err2 := strconv.ParseUint(strings.TrimPrefix(f[3], "0x"), 16, 32)
		k, ok := flagKinds[f[2]]
		if err1 != nil || err2 != nil || !ok {
			continue
		}
		flagsByID[uint16(id)] = append(flagsByID[uint16(id)], sv.FlagEntry{Kind: k, Value: uint32(v), Name: f[4]})
	}
}

// Flags names the value v of the numeric property with tag tag (by its id,
// whatever its type) as MFCMAPI does, and false when MFCMAPI has no flag
// table for it.
func Flags(tag uint32, v uint32) (string, bool) {
	flagsOnce.Do(loadFlags)
	t, ok := flagsByID[uint16(tag>>16)]
	if !ok || uint16(tag>>16) >= 0x8000 {
		return "", false
	}
	return t.Interpret(v), true
}
