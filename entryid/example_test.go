package entryid_test

import (
	"encoding/hex"
	"fmt"

	"github.com/mapiblob/mapiblob/entryid"
)

func Example() {
	// A one-off entry ID for bob@example.org, in 8-bit strings.
	b, _ := hex.DecodeString("00000000812B1FA4BEA310199D6E00DD010F540200000100" +
		"426F6200" + "534D545000" + "626F62406578616D706C652E6F726700")
	e, _ := entryid.Parse(b)
	fmt.Println(e.Form, e.OneOff.DisplayName, e.OneOff.AddressType, e.OneOff.EmailAddress, len(e.Check()))
	// Output:
	// OneOff Bob SMTP bob@example.org 0
}

func ExampleParseConversationIndex() {
	// A header block and one reply 2^18 × 100 ns (about 26 ms) later.
	b, _ := hex.DecodeString("01D9000000000102030405060708090A0B0C0D0E0F10" + "0000000150")
	ci, _ := entryid.ParseConversationIndex(b)
	r := ci.Responses[0]
	fmt.Println(ci.GUID, len(ci.Responses), r.TimeDelta, r.Random, r.Level)
	// Output:
	// {04030201-0605-0807-090A-0B0C0D0E0F10} 1 1 5 0
}
