package mapiblob_test

import (
	"fmt"

	"github.com/mapiblob/mapiblob"
)

// Decode a pasted MFCMAPI value, letting the bytes tell which structure it is.
func Example() {
	rs, err := mapiblob.Decode("cb: 48 lpb: 2C01000000000000C4FFFFFF000000000B00000001000200000000000000000000000300000002000200000000000000")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rs[0].Kind)
	fmt.Println(rs[0].Text())
	// Output:
	// tzstruct
	// Time zone struct: DST starts second Sunday of March 02:00, ends first Sunday of November 02:00, UTC−5/−4
}
