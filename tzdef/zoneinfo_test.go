package tzdef

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	_ "time/tzdata" // a zone database inside the test binary, for hosts that have none
)

// TestMain pins time.LoadLocation to the Go toolchain's zone database — the
// one time/tzdata embeds — so that the goldens of FromLocation and the
// refused-zone count do not depend on the host's /usr/share/zoneinfo or on
// a ZONEINFO the caller set. Where the toolchain's copy cannot be found the
// host's database is used, and time/tzdata where the host has none.
func TestMain(m *testing.M) {
	os.Unsetenv("ZONEINFO")
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		zip := filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip")
		if _, err := os.Stat(zip); err == nil {
			os.Setenv("ZONEINFO", zip)
		}
	}
	os.Exit(m.Run())
}
