package syncstate_test

import (
	"encoding/hex"
	"fmt"

	"github.com/mapiblob/mapiblob/syncstate"
)

func ExampleParsePCL() {
	// Two SizedXids: a 6-byte and a 4-byte local id.
	b, _ := hex.DecodeString("16" + "000102030405060708090A0B0C0D0E0F" + "000000000102" +
		"14" + "101112131415161718191A1B1C1D1E1F" + "00000003")
	p, _ := syncstate.ParsePCL(b)
	for _, x := range p.XIDs {
		fmt.Println(x.NamespaceGUID, x.LocalID)
	}
	fmt.Println(len(p.Check()))
	// Output:
	// {03020100-0504-0706-0809-0A0B0C0D0E0F} 000000000102
	// {13121110-1514-1716-1819-1A1B1C1D1E1F} 00000003
	// 0
}
