package mfc

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/internal/mfc/internal/mfcgen"
)

// The committed zz_tables.go is what go generate makes from the facts
// tables in data.
func TestGenerated(t *testing.T) { gentest.Check(t, "genmfc", mfcgen.GenerateFrom) }
