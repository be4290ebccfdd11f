package tzdef

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/fixtures"
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

// Parse makes at most two allocations whatever the blob holds: many rules,
// extra header data, trailing bytes and a key name CLDR does not know
// together still share one block beside the value.
func TestParseAllocationsAnyBlob(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own; allocation counts are meaningless under -race")
	}
	blobs := append(variants(t), testBlob{name: "Tehran, 23 rules, odd key, extra header, trailing", b: oddTehran(t)})
	for _, tb := range blobs {
		if n := testing.AllocsPerRun(100, func() { sinkDef, sinkErr = Parse(tb.b) }); n > 2 {
			t.Errorf("%s: Parse allocates %v times, want at most 2", tb.name, n)
		}
		require.NoError(t, sinkErr, tb.name)
	}
}

// oddTehran is Asia/Tehran's 23-rule definition with its key name changed
// to one CLDR does not know, three extra header bytes and five trailing
// bytes.
func oddTehran(t testing.TB) []byte {
	b := fixtures.Goldens(t, "../testdata/tz/Asia_Tehran.tzdef.hex")[0].Bytes
	cch := int(b[6]) | int(b[7])<<8
	hdrEnd := 10 + 2*cch
	out := append([]byte(nil), b[:hdrEnd]...)
	out[8] = 'Q'
	out[2] += 3
	out = append(out, 0xAA, 0xBB, 0xCC)
	out = append(out, b[hdrEnd:]...)
	return append(out, 1, 2, 3, 4, 5)
}

// A key name that Parse decoded into its block stays what it was when the
// value is reused for other blobs: strings do not change.
func TestParsedKeyNameSurvivesReuse(t *testing.T) {
	d, err := Parse(oddTehran(t))
	require.NoError(t, err)
	key := d.KeyName
	want := strings.Clone(key)
	for _, tb := range append(variants(t), allBlobs(t)...) {
		if !tb.isStruct {
			require.NoError(t, d.UnmarshalBinary(tb.b), tb.name)
		}
	}
	require.NoError(t, d.UnmarshalBinary(oddTehran(t)))
	require.Equal(t, want, key)
	require.Equal(t, want, d.KeyName)
	got, err := d.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, oddTehran(t), got)
}
