package tzdef

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/tzdef/internal/cldrgen"
)

// The committed zz_zones_cldr.go is what go generate makes from the copy
// of CLDR's windowsZones.json in internal/data.
func TestGenerated(t *testing.T) { gentest.Check(t, "gencldr", cldrgen.GenerateFrom) }
