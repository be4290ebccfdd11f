package tzdef

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAllocations holds the decoders to their allocation budget for every
// blob: Parse at most two (the value and its rules; one for a
// TimeZoneStruct), UnmarshalBinary into a reused value none, also for the
// variants with extra header data, trailing bytes, no rules and odd key
// names. Timing lives in the benchmarks; this only counts.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own; allocation counts are meaningless under -race")
	}
	for _, tb := range allBlobs(t) {
		if tb.isStruct {
			if n := testing.AllocsPerRun(100, func() { sinkTZ, sinkErr = ParseTimeZoneStruct(tb.b) }); n > 1 {
				t.Errorf("%s: ParseTimeZoneStruct allocates %v times, want at most 1", tb.name, n)
			}
		} else if n := testing.AllocsPerRun(100, func() { sinkDef, sinkErr = Parse(tb.b) }); n > 2 {
			t.Errorf("%s: Parse allocates %v times, want at most 2", tb.name, n)
		}
	}
	for _, tb := range append(allBlobs(t), variants(t)...) {
		d, tz := new(Definition), new(TimeZoneStruct)
		if n := testing.AllocsPerRun(100, func() { sinkErr = decodeBlob(tb, tb.b, d, tz) }); n != 0 {
			t.Errorf("%s: UnmarshalBinary into a reused value allocates %v times, want 0", tb.name, n)
		}
		require.NoError(t, sinkErr, tb.name)
	}
	// Blobs of several zones in turn into one value: the key names are
	// interned, so switching zones allocates nothing either.
	blobs := allBlobs(t)
	d, tz := new(Definition), new(TimeZoneStruct)
	if n := testing.AllocsPerRun(20, func() {
		for _, tb := range blobs {
			sinkErr = decodeBlob(tb, tb.b, d, tz)
		}
	}); n != 0 {
		t.Errorf("decoding every blob in turn into one value allocates %v times per round, want 0", n)
	}
}
