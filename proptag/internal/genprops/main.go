// Command genprops writes proptag's property table, zz_generated.go, from
// the facts table committed in proptag/internal/data. proptag runs it with
// `go generate ./proptag`:
//
//	go run ./internal/genprops -in internal/data/mapi-properties.tsv -o zz_generated.go
//
// The logic is propsgen.GenerateFrom, which proptag's TestGenerated runs too.
package main

import (
	"github.com/mapiblob/mapiblob/internal/gen"
	"github.com/mapiblob/mapiblob/proptag/internal/propsgen"
)

func main() { gen.Main("genprops", propsgen.GenerateFrom) }
