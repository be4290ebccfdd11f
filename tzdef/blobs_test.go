package tzdef

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// testBlob is one time-zone blob a test runs over, with its structure.
type testBlob struct {
	name     string
	b        []byte
	isStruct bool // PidLidTimeZoneStruct rather than TZDEFINITION
}

// allBlobs lists the project's own blobs (testdata/tz and the samples),
// which every test can rely on, and then MFCMAPI's reference blobs when
// ../shared/fixtures/mfcmapi is there (said in the log when it is not).
func allBlobs(t testing.TB) []testBlob {
	t.Helper()
	var out []testBlob
	for _, g := range fixtures.Goldens(t, "../testdata/tz/*.tzdef.hex", "../testdata/samples/*.tz*.hex") {
		out = append(out, testBlob{g.Name, g.Bytes, isStructBlob(g.Name)})
	}
	if fixtures.Dir() == "" {
		t.Log("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout; testing the project's blobs only")
		return out
	}
	for _, fx := range benchFixtures {
		out = append(out, testBlob{fx.name, fixtures.Load(t, fx.name).Blob, fx.isStruct})
	}
	return out
}

// variants are definitions built from a project blob to reach the
// decoder's rarer paths: extra header data, trailing bytes, no rules, a
// key name that is not a Windows one, a non-ASCII one and one that is not
// valid UTF-16.
func variants(t testing.TB) []testBlob {
	t.Helper()
	base := fixtures.Goldens(t, "../testdata/samples/eastern.tzdef.hex")[0].Bytes
	cch := int(base[6]) | int(base[7])<<8
	hdrEnd := 10 + 2*cch
	mk := func(name string, f func(b []byte) []byte) testBlob {
		return testBlob{name: name, b: f(append([]byte(nil), base...))}
	}
	return []testBlob{
		mk("extra-header+trailing", func(b []byte) []byte {
			out := append([]byte(nil), b[:hdrEnd]...)
			out[2] += 3
			out = append(out, 0xAA, 0xBB, 0xCC)
			out = append(out, b[hdrEnd:]...)
			return append(out, 1, 2, 3, 4, 5)
		}),
		mk("no-rules+trailing", func(b []byte) []byte {
			b[hdrEnd-2], b[hdrEnd-1] = 0, 0
			return b
		}),
		mk("unknown-key", func(b []byte) []byte { b[8] = 'Q'; return b }),
		mk("non-ascii-key", func(b []byte) []byte { b[8], b[9] = 0xE9, 0x00; return b }),
		mk("astral-key", func(b []byte) []byte { b[8], b[9], b[10], b[11] = 0x3D, 0xD8, 0x00, 0xDE; return b }),
		mk("lone-surrogate-key", func(b []byte) []byte { b[8], b[9] = 0x00, 0xD8; return b }),
		mk("empty-key", func(b []byte) []byte {
			out := []byte{b[0], b[1], 6, 0, b[4], b[5], 0, 0}
			return append(out, b[hdrEnd-2:]...)
		}),
	}
}
