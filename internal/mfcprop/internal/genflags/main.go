// Command genflags writes package mfcprop's flag tables of numeric
// properties, zz_flags.go, from the facts table property-flags.tsv
// committed in internal/mfcprop/data. mfcprop runs it with
// `go generate ./internal/mfcprop`:
//
//	go run ./internal/genflags -in data/property-flags.tsv -o zz_flags.go
//
// The logic is flagsgen.GenerateFrom, which mfcprop's TestGenerated runs
// too.
package main

import (
	"github.com/mapiblob/mapiblob/internal/gen"
	"github.com/mapiblob/mapiblob/internal/mfcprop/internal/flagsgen"
)

func main() { gen.Main("genflags", flagsgen.GenerateFrom) }
