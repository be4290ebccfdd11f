package tzdef_test

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/mapiblob/mapiblob/tzdef"
)

func Example() {
	// PidLidTimeZoneStruct of a series in US Eastern time.
	b, _ := hex.DecodeString("2C01000000000000C4FFFFFF000000000B00000001000200000000000000000000000300000002000200000000000000")
	tz, err := tzdef.ParseTimeZoneStruct(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tr := range tz.Transitions(2026) {
		fmt.Println(tr.UTC, tzdef.FormatOffset(tr.OffsetTo))
	}
	off, dst := tz.Offset(time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(off/3600, dst)
	// Output:
	// 2026-03-08 07:00:00 +0000 UTC UTC−4
	// 2026-11-01 06:00:00 +0000 UTC UTC−5
	// -4 true
}

func ExampleDefinition_Check() {
	// A StartDisplay definition with an empty key name (cchKeyName 0).
	d := &tzdef.Definition{MajorVersion: 2, MinorVersion: 1, Reserved: 2, Rules: []tzdef.Rule{{
		MajorVersion: 2, MinorVersion: 1, Reserved: 0x3E, Flags: tzdef.TZRULE_FLAG_EFFECTIVE_TZREG,
		Year: 2007, Bias: 300, DaylightBias: -60,
		StandardDate: tzdef.SystemTime{Month: 11, Day: 1, Hour: 2},
		DaylightDate: tzdef.SystemTime{Month: 3, Day: 2, Hour: 2}}}}
	for _, f := range d.Check() {
		fmt.Println(f.Severity, f.Code, f.Path)
	}
	// Output:
	// error TZ_EMPTY_KEYNAME cchKeyName
}

func ExampleArena() {
	// Definitions of many items, decoded a batch at a time: the values of
	// a batch are used, then the arena hands their storage out again.
	d, _, _ := tzdef.FromZoneName("W. Europe Standard Time", 2026, 2026)
	blob, _ := d.MarshalBinary()
	batches := [][][]byte{{blob, blob, blob}, {blob}}

	var a tzdef.Arena
	for i, batch := range batches {
		zones := map[string]int{}
		for _, b := range batch {
			def, err := a.Parse(b)
			if err != nil {
				fmt.Println(err)
				continue
			}
			zones[def.KeyName]++
		}
		fmt.Println("batch", i, zones)
		a.Reset() // the batch's values are not used after this
	}
	// Output:
	// batch 0 map[W. Europe Standard Time:3]
	// batch 1 map[W. Europe Standard Time:1]
}
