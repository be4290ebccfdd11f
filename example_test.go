package mapiblob_test

import (
	"fmt"

	"github.com/mapiblob/mapiblob"
)

// Decode a pasted MFCMAPI value, letting the bytes tell which structure it is.
func Example() {
	blobs, err := mapiblob.ReadInput("cb: 48 lpb: 2C01000000000000C4FFFFFF000000000B00000001000200000000000000000000000300000002000200000000000000")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := mapiblob.Decode(blobs[0].Bytes, mapiblob.Options{Property: blobs[0].Identity})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Kind)
	fmt.Println(r.Text())
	// Output:
	// tzstruct
	// Time zone struct: DST starts second Sunday of March 02:00, ends first Sunday of November 02:00, UTC−5/−4
}
