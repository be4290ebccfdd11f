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
