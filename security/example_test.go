package security_test

import (
	"encoding/hex"
	"fmt"

	"github.com/mapiblob/mapiblob/security"
)

func ExampleParseSID() {
	b, _ := hex.DecodeString("010100000000000512000000") // S-1-5-18, LocalSystem
	s, _ := security.ParseSID(b)
	fmt.Println(s.String(), s.Account())
	// Output:
	// S-1-5-18 NT AUTHORITY\SYSTEM
}
