package blob

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A FILETIME and the instant it is, both ways, at the ends of its range.
func TestFileTime(t *testing.T) {
	ft := FileTime(0x01CAE532F509DBF0)
	require.Equal(t, ft, FileTimeOf(ft.Time()))
	require.Equal(t, time.Date(2010, 4, 26, 11, 23, 55, 567_000_000, time.UTC), ft.Time().Truncate(time.Millisecond))
	require.Equal(t, time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC), FileTime(0).Time())
	require.Zero(t, FileTimeOf(time.Time{}))
	require.Zero(t, FileTimeOf(time.Date(1600, 12, 31, 0, 0, 0, 0, time.UTC)))
	max := FileTime(1<<64 - 1)
	require.Equal(t, max, FileTimeOf(max.Time()))
	require.Zero(t, FileTimeOf(max.Time().Add(100*time.Nanosecond)))
}
