// Command gencldr writes tzdef's Windows ↔ IANA zone table,
// zz_zones_cldr.go, from the facts table windows-zones.tsv (read from CLDR's
// windowsZones.json) committed in tzdef/internal/data (see its README.md).
// tzdef runs it with
// `go generate ./tzdef`:
//
//	go run ./internal/gencldr -in internal/data -o zz_zones_cldr.go
//
// The logic is cldrgen.GenerateFrom, which tzdef's TestGenerated runs too.
package main

import (
	"github.com/mapiblob/mapiblob/internal/gen"
	"github.com/mapiblob/mapiblob/tzdef/internal/cldrgen"
)

func main() { gen.Main("gencldr", cldrgen.GenerateFrom) }
