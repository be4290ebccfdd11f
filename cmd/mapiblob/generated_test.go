package main

import (
	"testing"

	"github.com/mapiblob/mapiblob/cmd/mapiblob/internal/tzdatagen"
	"github.com/mapiblob/mapiblob/internal/gen/gentest"
)

// The committed zz_tzdata.go is what go generate makes from the toolchain
// that runs the test: after a Go update, run go generate ./cmd/mapiblob.
func TestGenerated(t *testing.T) { gentest.Check(t, "gentzdata", tzdatagen.GenerateFrom) }
