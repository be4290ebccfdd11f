package fuzz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/golden"
)

// goidSamples are the golden ids of testdata/goid and, where present,
// MFCMAPI's two reference ids.
func goidSamples(t testing.TB) [][]byte {
	var out [][]byte
	for _, g := range fixtures.Goldens(t, "../testdata/goid/*.hex") {
		out = append(out, g.Bytes)
	}
	return out
}

// FuzzGlobalObjectID: nothing panics; what decodes encodes back; decoding
// into a reused value agrees with a fresh one; Check, the renderers and
// JSON cope; the UID survives FromUID, which gives back the clean id for
// every id the UID fully describes; and FromUID copes with any text.
func FuzzGlobalObjectID(f *testing.F) {
	var reused goid.GlobalObjectID
	f.Fuzz(func(t *testing.T, b []byte) {
		if g, err := goid.FromUID(string(b), time.Time{}); err == nil {
			out, err := g.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, out, mustParseGOID(t, out))
		}
		g, err := goid.Parse(b)
		if err != nil {
			mustBeDecodeError(t, err)
			if reused.UnmarshalBinary(b) == nil {
				t.Fatal("reused value decodes what Parse refuses")
			}
			return
		}
		roundTrip(t, b, g)
		if err := reused.UnmarshalBinary(b); err != nil || !reused.Equal(g) {
			t.Fatalf("reused value differs: %v", err)
		}
		checkFindings(t, g.Check())
		checkFindings(t, g.CheckClean())
		_ = g.SmartView()
		_ = g.Text()
		if _, err := json.Marshal(g); err != nil {
			t.Fatal(err)
		}
		if g.IsInstance() && !g.IsInstanceOf(g.Clean()) {
			t.Fatal("an instance is not an instance of its clean id")
		}
		uid := g.UID()
		back, err := goid.FromUID(uid, time.Time{})
		if err != nil {
			t.Fatalf("FromUID(%q): %v", uid, err)
		}
		text, wraps := g.VCalUID()
		if wraps && strings.HasPrefix(strings.ToUpper(text), strings.ToUpper(hex.EncodeToString(goid.ByteArrayID[:]))) {
			return // a wrapped UID that is itself a hex id: the spec's mapping is ambiguous here
		}
		if back.UID() != uid {
			t.Fatalf("UID %q comes back as %q", uid, back.UID())
		}
		described := g.ByteArrayID == goid.ByteArrayID &&
			(!wraps || g.CreationTime == 0 && g.X == [8]byte{} && len(g.Trailing) == 0)
		if described && !back.Equal(g.Clean()) {
			t.Fatalf("FromUID(UID()) is not Clean():\n in  %X\n out %X", b, mustMarshalGOID(t, back))
		}
	})
}

func mustParseGOID(t *testing.T, b []byte) *goid.GlobalObjectID {
	t.Helper()
	g, err := goid.Parse(b)
	if err != nil {
		t.Fatalf("an id FromUID made does not decode: %v", err)
	}
	if !bytes.Equal(mustMarshalGOID(t, g), b) {
		t.Fatal("round trip")
	}
	return g
}

func mustMarshalGOID(t *testing.T, g *goid.GlobalObjectID) []byte {
	t.Helper()
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGOIDSeedCorpus keeps testdata/fuzz/FuzzGlobalObjectID/ in step with
// testdata/goid (-update writes the seeds).
func TestGOIDSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzGlobalObjectID")
	for _, b := range goidSamples(t) {
		data := encodeSeed(b)
		sum := sha256.Sum256(data)
		golden.Check(t, filepath.Join(dir, "seed-"+hex.EncodeToString(sum[:8])), data)
	}
}

// TestGOIDHostileInputs: every truncation of every golden and reference id,
// and every byte set to 0x00 and 0xFF, decodes or fails with a DecodeError
// naming a field inside the input; a decode allocates less than 16 × input
// + 4 KiB.
func TestGOIDHostileInputs(t *testing.T) {
	blobs := goidSamples(t)
	if fixtures.Dir() != "" {
		blobs = append(blobs, fixtures.Load(t, "GLOBALOBJECTID-1").Blob, fixtures.Load(t, "GLOBALOBJECTID-2").Blob)
	}
	try := func(b []byte) {
		g, err := goid.Parse(b)
		if err != nil {
			mustBeDecodeError(t, err)
			return
		}
		roundTrip(t, b, g)
		g.Check()
	}
	for _, b := range blobs {
		for n := 0; n <= len(b); n++ {
			try(b[:n])
		}
		for i := range b {
			for _, v := range []byte{0x00, 0xFF} {
				m := bytes.Clone(b)
				m[i] = v
				try(m)
			}
		}
		if n := testing.AllocsPerRun(10, func() { goid.Parse(b) }); n > 2 {
			t.Errorf("Parse allocates %v times", n)
		}
	}
}
