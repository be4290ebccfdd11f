package tzdef

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/gen/gentest"
	"github.com/mapiblob/mapiblob/tzdef/internal/cldrgen"
)

// The committed zz_zones_cldr.go is what go generate makes from the facts
// table internal/data/windows-zones.tsv (read from CLDR's windowsZones.json).
func TestGenerated(t *testing.T) { gentest.Check(t, "gencldr", cldrgen.GenerateFrom) }
