package main

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// zoneSource names the zone database time.LoadLocation reads, in the order
// package time searches on Unix ($ZONEINFO, the system directories, the Go
// toolchain's zoneinfo.zip), with its IANA release when the database says
// it; it falls back to the copy embedded in the binary.
func zoneSource() string {
	if z := os.Getenv("ZONEINFO"); z != "" {
		return "$ZONEINFO " + z + release(z)
	}
	if runtime.GOOS != "windows" {
		for _, dir := range []string{"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/"} {
			if _, err := os.Stat(filepath.Join(dir, "UTC")); err == nil {
				return "the machine's " + dir + release(dir)
			}
		}
	}
	if zip := filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"); runtime.GOROOT() != "" {
		if _, err := os.Stat(zip); err == nil {
			return "the Go toolchain's " + zip
		}
	}
	return "the copy built into mapiblob (IANA " + tzdataRelease + ")"
}

// release reads the "# version 2025b" line of a zoneinfo directory's
// tzdata.zi, when it has one.
func release(dir string) string {
	f, err := os.Open(filepath.Join(dir, "tzdata.zi"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "# version "); ok {
			return " (IANA " + strings.TrimSpace(v) + ")"
		}
	}
	return ""
}
