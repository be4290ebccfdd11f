package smartview

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/smartview/internal/mappingsgen"
)

// The committed zz_mappings.go is what go generate makes from the facts
// table internal/data/smartview-mappings.tsv.
func TestGenerated(t *testing.T) { gentest.Check(t, "genmappings", mappingsgen.GenerateFrom) }
