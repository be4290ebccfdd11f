// Package fuzz holds the module's fuzz targets, one per decoder and parser,
// in the native testing.F form (which OSS-Fuzz and ClusterFuzzLite build
// with their Go tooling). Each target checks that nothing panics, that what
// decodes encodes back to the same bytes, and that Check and the renderers
// cope with whatever decoded.
package fuzz

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/input"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

func checkFindings(t *testing.T, fs []mapiblob.Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Code == "" || f.Path == "" || f.Message == "" {
			t.Fatalf("finding without code, path or message: %+v", f)
		}
	}
}

func roundTrip(t *testing.T, in []byte, m interface{ MarshalBinary() ([]byte, error) }) {
	t.Helper()
	out, err := m.MarshalBinary()
	if err != nil {
		t.Fatalf("decoded but does not encode: %v", err)
	}
	if !bytes.Equal(out, in) {
		t.Fatalf("encode round trip differs:\n in  %X\n out %X", in, out)
	}
}

func FuzzTZDefinition(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := tzdef.Parse(b)
		if err != nil {
			mustBeDecodeError(t, err)
			return
		}
		roundTrip(t, b, d)
		checkFindings(t, d.Check())
		_ = d.SmartView()
		_ = d.Text()
		_, _, _ = d.Offset(timeSample)
		_ = d.Transitions(2026)
		if _, err := json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzTimeZoneStruct(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		var tz tzdef.TimeZoneStruct
		if err := tz.UnmarshalBinary(b); err != nil {
			mustBeDecodeError(t, err)
			return
		}
		roundTrip(t, b, &tz)
		checkFindings(t, tz.Check())
		_ = tz.SmartView()
		_ = tz.Text()
		_, _ = tz.Offset(timeSample)
	})
}

func FuzzPattern(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := recurrence.ParsePattern(b)
		if err != nil {
			mustBeDecodeError(t, err)
			return
		}
		roundTrip(t, b, p)
		checkFindings(t, p.Check())
		_ = p.SmartView()
		_ = p.Text()
		if _, err := json.Marshal(p); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzAppointmentPattern(f *testing.F) {
	// One value reused across inputs: its storage must not leak into the next result.
	var reused recurrence.AppointmentPattern
	f.Fuzz(func(t *testing.T, b []byte) {
		if reused.UnmarshalBinary(b) == nil {
			roundTrip(t, b, &reused)
		}
		ap, err := recurrence.Parse(b)
		if err != nil {
			mustBeDecodeError(t, err)
			return
		}
		roundTrip(t, b, ap)
		checkFindings(t, ap.Check())
		_ = ap.SmartView()
		_ = ap.Text()
		if _, err := json.Marshal(ap); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzGUID(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		g, err := guid.Parse(s)
		if err != nil {
			return
		}
		for _, fm := range guid.Forms() {
			back, err := guid.ParseAs(g.Format(fm), fm)
			if err != nil || back != g {
				t.Fatalf("%v form of %v does not round-trip: %v %v", fm, g, back, err)
			}
		}
	})
}

func FuzzExMerge(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		if g, err := guid.ParseExMerge(s); err == nil {
			if back, err := guid.ParseExMerge(g.Format(guid.FormExMerge)); err != nil || back != g {
				t.Fatalf("ExMerge form of %v does not round-trip", g)
			}
		}
		line := "Error! Cannot identify the user with the msExchMailboxGuid " + s + ". The legacyExchangeDN is /O=X."
		for rec, err := range guid.ScanExMergeLog(strings.NewReader(s + "\n" + line)) {
			if err == nil && rec.Escaped == "" {
				t.Fatal("record without its escaped text")
			}
		}
	})
}

func FuzzInput(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		blobs, err := input.Parse(s)
		if err != nil {
			var ie *input.Error
			if !asInputError(err, &ie) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, b := range blobs {
			if b.Bytes == nil {
				t.Fatal("nil blob")
			}
			_, _ = b.Identity.Property()
		}
	})
}

func FuzzDetect(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := mapiblob.Decode(b, mapiblob.Options{})
		if err != nil {
			return
		}
		if r.Size != len(b) {
			t.Fatalf("size %d of %d bytes", r.Size, len(b))
		}
		checkFindings(t, r.Findings)
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
		_ = r.Text()
		_ = r.SmartView()
	})
}
