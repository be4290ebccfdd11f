package goid

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/golden"
)

// goldenIDs are made by the builders: each form, for a series and for an
// exception, and ids imported from UIDs. They are change detectors made by
// this code, not independent checks (those are the MFCMAPI fixtures and the
// [MS-ASEMAIL] examples).
func goldenIDs(t testing.TB) map[string]*GlobalObjectID {
	created := time.Date(2026, 1, 5, 9, 30, 15, 123_456_700, time.UTC)
	data := unhex(t, "5A1C0B9E3D7F40E2A6C4B8D0F2E4A6C8")
	series, err := New(created, data)
	require.NoError(t, err)
	exception, err := series.Instance(date(2026, 3, 17))
	require.NoError(t, err)
	vcal, err := NewVCal("20260105T093000Z-4821@calendar.example.org")
	require.NoError(t, err)
	vcalEx, err := vcal.Instance(date(2026, 3, 17))
	require.NoError(t, err)
	utf8, err := NewVCal("réunion-été-42@example.fr")
	require.NoError(t, err)
	asemail, err := FromUID("{81412D3C-2A24-4E9D-B20E-11F7BBE92799}", time.Time{})
	require.NoError(t, err)
	imported, err := FromUID(strings.ToLower(series.UID()), date(2026, 12, 31))
	require.NoError(t, err)
	return map[string]*GlobalObjectID{
		"outlook-series":       series,
		"outlook-exception":    exception,
		"outlook-from-hex-uid": imported,
		"vcal-series":          vcal,
		"vcal-exception":       vcalEx,
		"vcal-utf8":            utf8,
		"vcal-asemail":         asemail,
	}
}

// envelope is the JSON form of a decoded blob (JSON.md), as the root
// package's Decode writes it.
type envelope struct {
	Kind     blob.Kind      `json:"kind"`
	Size     int            `json:"size"`
	Value    any            `json:"value"`
	Trailing string         `json:"trailing,omitempty"`
	Findings []blob.Finding `json:"findings,omitempty"`
}

func TestGoldenIDs(t *testing.T) {
	dir := filepath.Join("..", "testdata", "goid")
	ids := goldenIDs(t)
	names := slices.Sorted(maps.Keys(ids))
	for _, name := range names {
		g := ids[name]
		b := mustMarshal(t, g)
		base := filepath.Join(dir, name+".goid")
		golden.CheckHex(t, base+".hex", b)
		back, err := Parse(b)
		require.NoError(t, err, name)
		require.Empty(t, cmp.Diff(g, back, cmpID...), name)
		require.Empty(t, back.Check(), name)
		require.Equal(t, b, mustMarshal(t, back), name)
		require.Empty(t, back.Clean().CheckClean(), name)
		out, err := json.MarshalIndent(envelope{Kind: back.Kind(), Size: len(b), Value: back}, "", "  ")
		require.NoError(t, err)
		golden.Check(t, base+".json", append(out, '\n'))
	}
	// The files on disk are the ones made here.
	require.Len(t, fixtures.Goldens(t, filepath.Join(dir, "*.hex")), len(ids))
}
