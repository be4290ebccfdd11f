// Command genmfc writes package mfc's flag tables and GUID names,
// zz_tables.go, from the facts tables flags.tsv and guids.tsv committed in
// internal/mfc/data. mfc runs it with `go generate ./internal/mfc`:
//
//	go run ./internal/genmfc -in data -o zz_tables.go
//
// The logic is mfcgen.GenerateFrom, which mfc's TestGenerated runs too.
package main

import (
	"github.com/mapiblob/mapiblob/internal/gen"
	"github.com/mapiblob/mapiblob/internal/mfc/internal/mfcgen"
)

func main() { gen.Main("genmfc", mfcgen.GenerateFrom) }
