// Command genmappings writes package smartview's table of the single-valued
// tag rows of MFCMAPI's property → parser table, zz_mappings.go, from the
// facts table smartview-mappings.tsv committed in smartview/internal/data.
// smartview runs it with `go generate ./smartview`:
//
//	go run ./internal/genmappings -in internal/data/smartview-mappings.tsv -o zz_mappings.go
//
// The logic is mappingsgen.GenerateFrom, which smartview's TestGenerated
// runs too.
package main

import (
	"github.com/mapiblob/mapiblob/internal/gen"
	"github.com/mapiblob/mapiblob/smartview/internal/mappingsgen"
)

func main() { gen.Main("genmappings", mappingsgen.GenerateFrom) }
