package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A binary on a machine without Go and without a zone database — as on
// Windows — still builds a time-zone definition: the zone rules are built
// in (time/tzdata). Simulated on Linux with an empty environment,
// ZONEINFO pointing nowhere, -trimpath (so no GOROOT to fall back on) and,
// where a mount namespace can be made, an empty /usr/share/zoneinfo.
func TestBinaryWithoutZoneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("simulates a machine without a zone database on Linux")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mapiblob")
	out, err := exec.Command("go", "build", "-trimpath", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)

	args := []string{"tz", "build", "--zone", "Atlantic Standard Time"}
	want := runBin(t, nil, args...)
	require.Equal(t, 0, want.code, want.stderr)
	require.True(t, strings.HasPrefix(want.stdout, "0201320002001600410074006C0061006E00740069006300"), want.stdout)

	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"ZONEINFO=/nonexistent"} // env -i ZONEINFO=/nonexistent
	cmd.Dir = t.TempDir()
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	require.NoError(t, cmd.Run(), se.String())
	require.Equal(t, want.stdout, so.String())

	// The same with the system's zone database hidden, when this user may
	// make a mount namespace (root in CI).
	if _, err := exec.LookPath("unshare"); err == nil && os.Geteuid() == 0 {
		script := `mount -t tmpfs none /usr/share/zoneinfo && test -z "$(ls /usr/share/zoneinfo)" && exec env -i ZONEINFO=/nonexistent "$0" "$@"`
		cmd := exec.Command("unshare", append([]string{"--mount", "sh", "-c", script, bin}, args...)...)
		cmd.Dir = t.TempDir()
		out, err := cmd.Output()
		if err != nil {
			t.Logf("no mount namespace here (%v): the hidden-database run is skipped", err)
		} else {
			require.Equal(t, want.stdout, string(out))
		}
	}

	// The Windows binary carries the zone rules too.
	win := filepath.Join(dir, "mapiblob.exe")
	build := exec.Command("go", "build", "-trimpath", "-o", win, ".")
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	out, err = build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	syms, err := exec.Command("go", "tool", "nm", win).Output()
	require.NoError(t, err)
	require.Contains(t, string(syms), "time/tzdata.", "time/tzdata is linked into the Windows binary")
}
