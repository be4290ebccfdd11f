// Package testzone makes tests independent of the host's time-zone
// database: importing it (for its side effect, from a _test.go file) points
// ZONEINFO at the copy of the IANA database that ships with the Go
// toolchain, and links time/tzdata as the fallback when that copy is
// missing. Every result a test checks then comes from one known release.
package testzone

import (
	"os"
	"path/filepath"
	"runtime"
	_ "time/tzdata"
)

func init() {
	if os.Getenv("ZONEINFO") != "" {
		return
	}
	zip := filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip")
	if _, err := os.Stat(zip); err == nil {
		os.Setenv("ZONEINFO", zip)
	}
}
