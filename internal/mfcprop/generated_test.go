package mfcprop

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/internal/mfcprop/internal/flagsgen"
)

// The committed zz_flags.go is what go generate makes from the facts table
// data/property-flags.tsv.
func TestGenerated(t *testing.T) { gentest.Check(t, "genflags", flagsgen.GenerateFrom) }
