package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The daily series of issue 13's bug 1 (00:30–01:30 every day, 2008-12-30
// for 5 occurrences) in Buenos Aires.
const argentinaDaily = "043004300A200000000000000000A0050000000000002220000004000000000000000000000000000000A04CCA0C805DCA0C06300000093000001E0000005A00000000000000000000000000"

func tzBuild(t *testing.T, zone string) string {
	t.Helper()
	r := runBin(t, nil, "tz", "build", "--zone", zone)
	require.Equal(t, 0, r.code, r.stderr)
	return strings.TrimSpace(r.stdout)
}

// Bug 1: daylight time carried over New Year is no gap: the meeting of
// 1 January 2009 is at 00:30 −02:00 (02:30Z), as IANA's rules give, and
// 2009 has one change of offset.
func TestIssue13Bug1(t *testing.T) {
	tz := tzBuild(t, "Argentina Standard Time")
	r := runBin(t, nil, "occurrences", "--recur", argentinaDaily, "--tz", tz, "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	var occ []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &occ))
	var starts []string
	for _, o := range occ {
		starts = append(starts, o["start"].(string)+" "+o["startUTC"].(string))
	}
	require.Contains(t, starts, "2009-01-01T00:30:00-02:00 2009-01-01T02:30:00Z")

	r = runBin(t, nil, "tz", "transitions", "--year", "2009", tz)
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2, r.stdout)
	require.Contains(t, lines[1], "2009-03-15 02:00Z  to standard time")
}

// Bug 4: Bangladesh builds; its one daylight period of 2009 ends at
// 23:59:59.999 on 31 December, as Windows writes it.
func TestIssue13Bug4(t *testing.T) {
	tz := tzBuild(t, "Bangladesh Standard Time")
	r := runBin(t, nil, "decode", "--format", "json", tz)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, `"wYear":2009`)
	require.Contains(t, r.stdout, `"wMilliseconds":999`)
}

// Bug 8: `mapiblob version` names the IANA release built into the binary,
// which must be the release of the toolchain that builds it (run go
// generate ./cmd/mapiblob after a Go update), and where zones are read from.
func TestVersionNamesTZRelease(t *testing.T) {
	r := runBin(t, nil, "version")
	require.Equal(t, 0, r.code)
	require.Contains(t, r.stdout, "time zones built in: IANA "+tzdataRelease)
	require.Contains(t, r.stdout, "time zones read from: ")
	b, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "time", "update.bash"))
	if err != nil {
		t.Skipf("no update.bash in GOROOT: %v", err)
	}
	require.Contains(t, string(b), "\nCODE="+tzdataRelease+"\n", "zz_tzdata.go is stale: run go generate ./cmd/mapiblob")
}
