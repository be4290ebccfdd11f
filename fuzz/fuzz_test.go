// Package fuzz holds the module's fuzz targets, one per decoder and parser,
// in the native testing.F form (which OSS-Fuzz and ClusterFuzzLite build
// with their Go tooling). Each target checks that nothing panics, that what
// decodes encodes back to the same bytes, and that Check and the renderers
// cope with whatever decoded.
package fuzz

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

func checkFindings(t *testing.T, fs []blob.Finding) {
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
			var ie *blob.SyntaxError
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

// FuzzDetect checks Detect and the automatic Decode against each other:
// every kind Detect names decodes (tzdef and tzstruct are only named when
// they do; a recurrence signature may still be truncated, which must be a
// DecodeError), to a value of that kind that encodes back to the input;
// and Decode(KindAuto) succeeds exactly when one kind is named and decodes.
func FuzzDetect(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		kinds := smartview.Detect(b, nil)
		decoded := map[blob.Kind]bool{}
		for _, k := range kinds {
			r, err := smartview.Decode(b, smartview.Options{Kind: k})
			if err != nil {
				if k == blob.KindTZDef || k == blob.KindTZStruct {
					t.Fatalf("Detect names %s but it does not decode: %v", k, err)
				}
				mustBeDecodeError(t, err)
				continue
			}
			decoded[k] = true
			checkResult(t, b, k, r)
		}
		r, err := smartview.Decode(b, smartview.Options{})
		if err != nil {
			if len(kinds) == 1 && decoded[kinds[0]] {
				t.Fatalf("the one detected kind %s decodes, but Decode(auto) fails: %v", kinds[0], err)
			}
			if len(kinds) != 1 && !errors.Is(err, smartview.ErrUnknownKind) {
				t.Fatalf("%d kinds detected, error is not ErrUnknownKind: %v", len(kinds), err)
			}
			return
		}
		if len(kinds) != 1 || r.Kind != kinds[0] {
			t.Fatalf("Decode(auto) gave %s, Detect gave %v", r.Kind, kinds)
		}
		checkResult(t, b, r.Kind, r)
	})
}

// checkResult checks that r is b decoded as kind k.
func checkResult(t *testing.T, b []byte, k blob.Kind, r *smartview.Result) {
	t.Helper()
	if r.Kind != k || r.Size != len(b) {
		t.Fatalf("result kind %s size %d, want %s and %d", r.Kind, r.Size, k, len(b))
	}
	var ok bool
	switch k {
	case blob.KindTZDef:
		_, ok = r.Value.(*tzdef.Definition)
	case blob.KindTZStruct:
		_, ok = r.Value.(*tzdef.TimeZoneStruct)
	case blob.KindRecur:
		_, ok = r.Value.(*recurrence.Pattern)
	case blob.KindApptRecur:
		_, ok = r.Value.(*recurrence.AppointmentPattern)
	default:
		ok = r.Value != nil && r.Value.Kind() == k
	}
	if !ok {
		t.Fatalf("kind %s decoded to a %T", k, r.Value)
	}
	roundTrip(t, b, r.Value.(interface{ MarshalBinary() ([]byte, error) }))
	checkFindings(t, r.Findings)
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
	_ = r.Text()
	_ = r.SmartView()
}

// FuzzExMergeLog scans whole logs: every GUID reported is exactly 16 bytes
// escaped on its line, between the marker and the sentence's end; every
// other line with the marker is a *guid.LogLineError naming it.
func FuzzExMergeLog(f *testing.F) {
	f.Fuzz(func(t *testing.T, log []byte) {
		// Only a plain-text log is compared line by line; UTF-16 input is
		// converted by the scanner first.
		plain := !bytes.ContainsRune(log, 0) && !bytes.HasPrefix(log, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(log, []byte{0xFE, 0xFF})
		lines := strings.Split(string(log), "\n")
		last := 0
		for rec, err := range guid.ScanExMergeLog(bytes.NewReader(log)) {
			if rec.Line <= last {
				t.Fatalf("line %d after line %d", rec.Line, last)
			}
			last = rec.Line
			if err != nil {
				var le *guid.LogLineError
				if !errors.As(err, &le) {
					if errors.Is(err, bufio.ErrTooLong) {
						return
					}
					t.Fatalf("line %d: error of type %T: %v", rec.Line, err, err)
				}
				if le.Line != rec.Line || rec.GUID != guid.Nil {
					t.Fatalf("bad line %d reported as line %d with GUID %v", rec.Line, le.Line, rec.GUID)
				}
				if _, perr := guid.ParseExMerge(rec.Escaped); perr == nil {
					t.Fatalf("line %d: %q is a GUID but was reported bad: %v", rec.Line, rec.Escaped, err)
				}
				continue
			}
			g, perr := guid.ParseExMerge(rec.Escaped)
			if perr != nil || g != rec.GUID {
				t.Fatalf("line %d: GUID %v from %q, which is not exactly 16 escaped bytes: %v", rec.Line, rec.GUID, rec.Escaped, perr)
			}
			if plain {
				if rec.Line > len(lines) {
					t.Fatalf("record on line %d of %d", rec.Line, len(lines))
				}
				line := lines[rec.Line-1]
				if !strings.Contains(line, "msExchMailboxGuid "+rec.Escaped) {
					t.Fatalf("line %d %q does not hold the escape %q after the marker", rec.Line, line, rec.Escaped)
				}
			}
			if rec.LegacyExchangeDN != "" && (rec.PowerShell() == "" || rec.LDIF() == "") {
				t.Fatalf("line %d: no remediation for DN %q", rec.Line, rec.LegacyExchangeDN)
			}
		}
	})
}

// FuzzInputHex: whatever input.Parse reads as hex, printed as hex (compact
// and spaced) and read again, gives the same bytes; and ParseBytes in auto
// mode reads any input without panicking, as binary or text.
func FuzzInputHex(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := input.ParseBytes([]byte(s), input.ModeAuto); err != nil {
			var ie *blob.SyntaxError
			if !asInputError(err, &ie) {
				t.Fatalf("ParseBytes error of type %T: %v", err, err)
			}
		}
		blobs, err := input.Parse(s)
		if err != nil {
			return
		}
		for _, b := range blobs {
			if b.Form != input.FormHex && b.Form != input.FormMFCMAPI && b.Form != input.FormXML {
				continue
			}
			if len(b.Bytes) == 0 { // "cb: 0 lpb: NULL"
				continue
			}
			lower := hex.EncodeToString(b.Bytes)
			compact := strings.ToUpper(lower)
			var sb strings.Builder
			for i := 0; i < len(compact); i += 2 {
				if i > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(compact[i : i+2])
			}
			for _, text := range []string{compact, lower, sb.String()} {
				back, err := input.Parse(text)
				if err != nil || len(back) != 1 || back[0].Form != input.FormHex || !bytes.Equal(back[0].Bytes, b.Bytes) {
					t.Fatalf("%s form %X read back as %v, %v", b.Form, b.Bytes, back, err)
				}
				back, err = input.ParseBytes([]byte(text), input.ModeHex)
				if err != nil || !bytes.Equal(back[0].Bytes, b.Bytes) {
					t.Fatalf("ModeHex: %X read back as %v, %v", b.Bytes, back, err)
				}
			}
		}
	})
}
