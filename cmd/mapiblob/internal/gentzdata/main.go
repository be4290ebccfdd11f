// Command gentzdata writes zz_tzdata.go, the IANA time-zone release that
// the Go toolchain embeds through time/tzdata. Its input is the toolchain
// ($GOROOT/lib/time/update.bash and $GOROOT/VERSION), read offline.
// cmd/mapiblob runs it with `go generate ./cmd/mapiblob`, which expands
// $GOROOT to the root of the toolchain that runs it:
//
//	go run ./internal/gentzdata -in $GOROOT -o zz_tzdata.go
//
// The logic is tzdatagen.GenerateFrom, which cmd/mapiblob's TestGenerated
// runs too.
package main

import (
	"github.com/mapiblob/mapiblob/cmd/mapiblob/internal/tzdatagen"
	"github.com/mapiblob/mapiblob/internal/gen"
)

func main() { gen.Main("gentzdata", tzdatagen.GenerateFrom) }
