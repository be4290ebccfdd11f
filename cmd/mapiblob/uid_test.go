package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUID(t *testing.T) {
	// MFCMAPI's GLOBALOBJECTID-2: an exception of 2011-01-18.
	const ex = "040000008200E00074C5B7101A82E00807DB0112C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B"
	const uid = "040000008200E00074C5B7101A82E00800000000C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B"
	r := runBin(t, nil, "uid", ex)
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, uid+"\n", r.stdout)

	r = runBin(t, nil, "uid", "--to-goid", "--instance", "2011-01-18", strings.ToLower(uid))
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "PidLidGlobalObjectId:      "+ex+"\nPidLidCleanGlobalObjectId: "+uid+"\n", r.stdout)

	r = runBin(t, nil, "uid", "@testdata/goid/vcal-exception.goid.hex")
	require.Equal(t, "20260105T093000Z-4821@calendar.example.org\n", r.stdout)

	r = runBin(t, []byte("{81412D3C-2A24-4E9D-B20E-11F7BBE92799}\n"), "uid", "--to-goid")
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2)
	require.True(t, strings.HasSuffix(lines[0], "330000007643616C2D55696401000000"+
		"7B38313431324433432D324132342D344539442D423230452D3131463742424539323739397D00"), lines[0])

	// An MFCMAPI "cb: N lpb:" paste works as any other input.
	r = runBin(t, nil, "uid", "cb: 56 lpb: "+ex)
	require.Equal(t, uid+"\n", r.stdout)

	oneErrorLine(t, runBin(t, nil, "uid", ex[:70]), 1, "goid: X at offset 0x1c")
	oneErrorLine(t, runBin(t, nil, "uid", "--instance", "2011-01-18", ex), 2, "--instance goes with --to-goid")
	oneErrorLine(t, runBin(t, nil, "uid", "--to-goid", "--instance", "18/01/2011", "abc"), 2, "not a date")
	oneErrorLine(t, runBin(t, nil, "uid", "--to-goid", ""), 1, "the UID is empty")
}
