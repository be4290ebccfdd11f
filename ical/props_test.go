package ical

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/proptag"
)

// Every property this package emits is in proptag's table (prop panics
// otherwise): the names are read from the source.
func TestPropertyNames(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	re := regexp.MustCompile(`prop\("(\w+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			p, ok := proptag.ByName(m[1])
			require.True(t, ok, m[1])
			require.Equal(t, m[1], p.Name, "canonical name")
			n++
		}
	}
	require.Greater(t, n, 20)
}

func TestPropertyBytes(t *testing.T) {
	for _, tc := range []struct {
		p    Property
		want []byte
	}{
		{prop("PidTagSubject", "Hé"), []byte{'H', 0, 0xE9, 0}},
		{prop("PidLidBusyStatus", int32(2)), []byte{2, 0, 0, 0}},
		{prop("PidLidRecurring", true), []byte{1, 0}},
		{prop("PidLidAppointmentStartWhole", time.Date(1601, 1, 1, 0, 0, 1, 0, time.UTC)), []byte{0x80, 0x96, 0x98, 0, 0, 0, 0, 0}},
	} {
		require.Equal(t, tc.want, tc.p.Bytes(), tc.p.Name)
	}
	require.Equal(t, "0x0037001F", prop("PidTagSubject", "").ID())
	require.Equal(t, "PSETID_Meeting:0x0003", prop("PidLidGlobalObjectId", []byte{}).ID())
}
