package recurrence_test

import (
	"encoding/hex"
	"fmt"

	"github.com/mapiblob/mapiblob/recurrence"
)

func Example() {
	// PidLidTaskRecurrence: every month on the 15th from 2026-01-15, no end.
	b, _ := hex.DecodeString("043004300C20020000000000000001000000000000000F000000232000000A0000000000000000000000000000004014530DDF80E95A")
	p, err := recurrence.ParsePattern(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Text())
	fmt.Println(p.RecurFrequency, p.PatternType, p.EndType, p.StartDate)
	// Output:
	// every month on day 15, from 2026-01-15, no end
	// Monthly Month NeverEnd 2026-01-15T00:00
}
