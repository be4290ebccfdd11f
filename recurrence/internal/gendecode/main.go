// Command gendecode writes recurrence's specialised exception decoders,
// zz_decode_fields.go, from the field tables (infoFields, extFields) it
// reads in the package's committed source. recurrence runs it with
// `go generate ./recurrence`:
//
//	go run ./internal/gendecode -in . -o zz_decode_fields.go
//
// The logic is decodegen.GenerateFrom, which recurrence's TestGenerated
// runs too.
package main

import (
	"github.com/mapiblob/mapiblob/internal/gen"
	"github.com/mapiblob/mapiblob/recurrence/internal/decodegen"
)

func main() { gen.Main("gendecode", decodegen.GenerateFrom) }
