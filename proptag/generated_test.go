package proptag

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/proptag/internal/propsgen"
)

// The committed zz_generated.go is what go generate makes from the facts
// table in internal/data.
func TestGenerated(t *testing.T) { gentest.Check(t, "genprops", propsgen.GenerateFrom) }
