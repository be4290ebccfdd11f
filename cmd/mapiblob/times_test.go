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

// A daily series (00:30–01:30 every day, 2008-12-30
// for 5 occurrences) in Buenos Aires.
const argentinaDaily = "043004300A200000000000000000A0050000000000002220000004000000000000000000000000000000A04CCA0C805DCA0C06300000093000001E0000005A00000000000000000000000000"

func tzBuild(t *testing.T, zone string) string {
	t.Helper()
	r := runBin(t, nil, "tz", "build", "--zone", zone)
	require.Equal(t, 0, r.code, r.stderr)
	return strings.TrimSpace(r.stdout)
}

// daylight time carried over New Year is no gap: the meeting of
// 1 January 2009 is at 00:30 −02:00 (02:30Z), as IANA's rules give, and
// 2009 has one change of offset.
func TestNewYearInDaylightTime(t *testing.T) {
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

// Bangladesh builds; its one daylight period of 2009 ends at
// 23:59:59.999 on 31 December, as Windows writes it.
func TestBangladesh2009Builds(t *testing.T) {
	tz := tzBuild(t, "Bangladesh Standard Time")
	r := runBin(t, nil, "decode", "--format", "json", tz)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, `"wYear":2009`)
	require.Contains(t, r.stdout, `"wMilliseconds":999`)
}

// `mapiblob version` names the IANA release built into the binary,
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

// tz drift: a weekly Monday 09:00 series in Mexico City stored with the
// rule Windows had before Mexico abolished daylight saving (October 2022):
// from April to October 2023 the stored rule puts it at 14:00Z, the
// current rules at 15:00Z. check reports the stored rule as out of date.
func TestTZDriftMexico2022(t *testing.T) {
	old := strings.TrimSpace(runBin(t, nil, "tz", "build", "--zone", "Central Standard Time (Mexico)", "--years", "2000-2021").stdout)
	const weeklyMonday = "043004300B2001000000C0210000010000000000000002000000232000000A000000000000000000000000000000A0B6320DDF80E95A06300000093000001C0200005802000000000000000000000000"
	r := runBin(t, nil, "tz", "drift", "--from", "2023-01-01", "--to", "2024-01-01", "--recur", weeklyMonday, "--tz", old)
	require.Equal(t, 1, r.code, r.stderr)
	require.Contains(t, r.stdout, "stored rule for Central Standard Time (Mexico) is out of date since 2023\n")
	require.Contains(t, r.stdout, "30 of 52 occurrences from 2023-01-01 to 2024-01-01 are at another instant")
	lines := strings.Split(r.stdout, "\n")
	var drifted []string
	for _, l := range lines {
		if strings.Contains(l, " stored ") && strings.Contains(l, "current rules") {
			drifted = append(drifted, strings.TrimSpace(l))
		}
	}
	require.Len(t, drifted, 30)
	require.Equal(t, "2023-04-03 09:00  stored 14:00Z (UTC−5), current rules 15:00Z (UTC−6); clients on the current rules show it at 08:00", drifted[0])
	require.True(t, strings.HasPrefix(drifted[29], "2023-10-23 09:00  stored 14:00Z"), drifted[29])

	r = runBin(t, nil, "check", old)
	require.Contains(t, r.stdout, "TZ_RULE_OUT_OF_DATE")
	require.Contains(t, r.stdout, "stored rule for Central Standard Time (Mexico) is out of date since 2023")

	// The current rule: nothing drifts, exit 0.
	cur := strings.TrimSpace(runBin(t, nil, "tz", "build", "--zone", "Central Standard Time (Mexico)").stdout)
	r = runBin(t, nil, "tz", "drift", "--from", "2023-01-01", "--to", "2024-01-01", "--recur", weeklyMonday, "--tz", cur)
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	require.Contains(t, r.stdout, "52 occurrences, none at another hour")
	require.NotContains(t, runBin(t, nil, "check", cur).stdout, "TZ_RULE_OUT_OF_DATE")
}
