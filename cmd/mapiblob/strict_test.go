package main

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

// A line whose GUID is not 16 bytes is reported with its number and the
// exit code is 1; the good lines are still listed.
func TestExMergeLogBadLines(t *testing.T) {
	log := "1/15/2007 10:02:12 AM  Error! Cannot identify the user with the msExchMailboxGuid C\\03\\96. The legacyExchangeDN is /O=X/CN=SHORT.\r\n" +
		"1/15/2007 10:02:13 AM  Error! Cannot identify the user with the msExchMailboxGuid C\\03\\96f\\5D\\B1\\3BD\\81\\99\\1F\\91C2\\5B7. The legacyExchangeDN is /O=X/CN=GOOD.\r\n"
	r := runBin(t, nil, "guid", "--exmerge-log", writeTemp(t, "ExMerge.log", []byte(log)))
	require.Equal(t, 1, r.code, r.stderr)
	require.Contains(t, r.stderr, "line 1: msExchMailboxGuid \"C\\\\03\\\\96\" is not a GUID: came to 3 bytes")
	require.Contains(t, r.stderr, "1 line(s) name a msExchMailboxGuid that is not exactly 16 bytes")
	require.NotContains(t, r.stdout, "2E 20 54 68", "the bytes of \". Th\" are never a GUID")
	require.NotContains(t, r.stdout, "CN=SHORT")
	require.Contains(t, r.stdout, "line 2: /O=X/CN=GOOD")
	require.NotContains(t, r.stdout, "Set-ADUser -Identity")
}

// A log re-saved as UTF-16 is read.
func TestExMergeLogUTF16(t *testing.T) {
	orig, err := os.ReadFile("../../testdata/exmerge/ExMerge.log")
	require.NoError(t, err)
	u := utf16.Encode([]rune(string(orig)))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	for _, in := range [][]byte{b, b[2:]} {
		r := runBin(t, nil, "guid", "--exmerge-log", writeTemp(t, "ExMerge.log", in))
		require.Equal(t, 0, r.code, r.stderr)
		require.Equal(t, 4, strings.Count(r.stdout, "set with:   Get-ADUser -LDAPFilter '(legacyExchangeDN="), r.stdout)
		require.NotContains(t, r.stdout, "no unidentified mailboxes")
	}
}

// Bare 32 hex digits are ambiguous: the output says which reading was used.
func TestGUIDReadingLine(t *testing.T) {
	r := runBin(t, nil, "guid", "66960343b15d443b81991f9143325b37")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "read as:    32 hex digits without dashes, read as 16 bytes in wire order")
	require.Contains(t, r.stdout, "{66960343-B15D-443B-8199-1F9143325B37} (--as string for that)")
	r = runBin(t, nil, "guid", "--to", "string", "[guid]'66960343b15d443b81991f9143325b37'")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "{66960343-B15D-443B-8199-1F9143325B37}\n", r.stdout)
	r = runBin(t, []byte("67\n3\n150\n102\n93\n177\n59\n68\n129\n153\n31\n145\n67\n50\n91\n55\n"), "guid", "--to", "string")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "{66960343-B15D-443B-8199-1F9143325B37}\n", r.stdout)
}

// A .bin file of the blob's bytes decodes as its hex does.
func TestBinaryInput(t *testing.T) {
	hexText, err := os.ReadFile("../../testdata/samples/weekly-standup.apptrecur.hex")
	require.NoError(t, err)
	fromHex := runBin(t, nil, "decode", "--format", "json", "@testdata/samples/weekly-standup.apptrecur.hex")
	require.Equal(t, 0, fromHex.code, fromHex.stderr)
	blob := decodeHexForTest(t, string(hexText))
	bin := writeTemp(t, "blob.bin", blob)
	for _, args := range [][]string{
		{"decode", "--format", "json", "@" + bin},
		{"decode", "--format", "json", "--input", "binary", "@" + bin},
	} {
		r := runBin(t, nil, args...)
		require.Equal(t, 0, r.code, r.stderr)
		require.Equal(t, fromHex.stdout, r.stdout)
	}
	r := runBin(t, blob, "check", "--input", "binary")
	require.Equal(t, 0, r.code, r.stderr)
	// Forcing a text reading of hex text works; forcing base64 on it does not decode a blob.
	r = runBin(t, nil, "decode", "--format", "json", "--input", "hex", "@testdata/samples/weekly-standup.apptrecur.hex")
	require.Equal(t, fromHex.stdout, r.stdout)
	// A hex typo is the hex error with its position, not base64.
	r = runBin(t, nil, "decode", "0201300002001500450061007300740Z")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "stray character 'Z' at position 32")
}

func decodeHexForTest(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimSpace(s))
	require.NoError(t, err)
	return b
}

// --tz takes a Windows or IANA zone name as well as a blob.
func TestOccurrencesZoneByName(t *testing.T) {
	for _, zone := range []string{"Eastern Standard Time", "America/New_York"} {
		r := runBin(t, nil, "occurrences", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex", "--tz", zone, "--limit", "1")
		require.Equal(t, 0, r.code, r.stderr)
		require.Equal(t, "2026-01-06 09:30–10:00 -05:00  (14:30Z)  normal\n", r.stdout, zone)
	}
	r := runBin(t, nil, "occurrences", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex", "--tz", "Nowhere Standard Time")
	oneErrorLine(t, r, 1, "neither a Windows time-zone key name nor an IANA zone")
}

// Reaching the expansion cap prints what was found and says how to raise
// the cap; a bound far in the future is a bound.
func TestOccurrencesCapReached(t *testing.T) {
	r := runBin(t, nil, "occurrences", "--recur", "@testdata/recur/daily-noend.apptrecur.hex", "--tz", "UTC", "--to", "9999-12-31", "--max", "30")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, 30, strings.Count(r.stdout, "\n"))
	require.Contains(t, r.stderr, "stopped after 30 pattern dates")
	require.Contains(t, r.stderr, "--max 300")
}
