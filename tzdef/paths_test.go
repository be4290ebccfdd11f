package tzdef

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
)

// span is a field of the expected layout: its path, offset and size.
type span struct {
	path      string
	off, size int
}

// definitionSpans is the layout of a well-formed TZDEFINITION up to its
// rules, written out from [MS-OXOCAL] 2.2.1.41 independently of the decoder.
func definitionSpans(b []byte) (spans []span, cRulesOff, rulesOff, end int) {
	cch := int(binary.LittleEndian.Uint16(b[6:]))
	extra := int(binary.LittleEndian.Uint16(b[2:])) - 6 - 2*cch
	cRulesOff = 8 + 2*cch
	spans = []span{
		{"bMajorVersion", 0, 1}, {"bMinorVersion", 1, 1}, {"cbHeader", 2, 2}, {"wReserved", 4, 2},
		{"cchKeyName", 6, 2}, {"KeyName", 8, 2 * cch}, {"cRules", cRulesOff, 2},
	}
	if extra > 0 {
		spans = append(spans, span{"ExtraHeaderData", cRulesOff + 2, extra})
	}
	rulesOff = cRulesOff + 2 + extra
	n := int(binary.LittleEndian.Uint16(b[cRulesOff:]))
	return spans, cRulesOff, rulesOff, rulesOff + RuleSize*n
}

// timeZoneStructSpans is the layout of PidLidTimeZoneStruct ([MS-OXOCAL]
// 2.2.1.39) with its SYSTEMTIMEs ([MS-DTYP] 2.3.13).
func timeZoneStructSpans() []span {
	spans := []span{{"lBias", 0, 4}, {"lStandardBias", 4, 4}, {"lDaylightBias", 8, 4}, {"wStandardYear", 12, 2}}
	st := []string{"wYear", "wMonth", "wDayOfWeek", "wDay", "wHour", "wMinute", "wSecond", "wMilliseconds"}
	for i, f := range st {
		spans = append(spans, span{"stStandardDate." + f, 14 + 2*i, 2})
	}
	spans = append(spans, span{"wDaylightYear", 30, 2})
	for i, f := range st {
		spans = append(spans, span{"stDaylightDate." + f, 32 + 2*i, 2})
	}
	return spans
}

// wantTruncated is the error a blob cut to n bytes must give: the first
// field that does not fit, named by its path at its offset, or the rule
// count when the rules do not fit; "" when b[:n] decodes.
func wantTruncated(tb testBlob, n int) (path string, off int, msg string) {
	spans := timeZoneStructSpans()
	end := TimeZoneStructSize
	if !tb.isStruct {
		var cRulesOff, rulesOff int
		spans, cRulesOff, rulesOff, end = definitionSpans(tb.b)
		if n >= rulesOff && n < end {
			count := (end - rulesOff) / RuleSize
			return "TZRules", cRulesOff, fmt.Sprintf("TZRules at offset 0x%x: %d elements of at least %d bytes need %d bytes, %d left",
				cRulesOff, count, RuleSize, count*RuleSize, n-rulesOff)
		}
	}
	for _, s := range spans {
		if n < s.off+s.size {
			return s.path, s.off, fmt.Sprintf("%s at offset 0x%x: need %d bytes, %d left", s.path, s.off, s.size, n-s.off)
		}
	}
	if n < end {
		panic("layout does not reach the end")
	}
	return "", 0, ""
}

func decodeBlob(tb testBlob, b []byte, d *Definition, tz *TimeZoneStruct) error {
	if tb.isStruct {
		return tz.UnmarshalBinary(b)
	}
	return d.UnmarshalBinary(b)
}

// TestTruncations cuts every blob at every length: each cut fails with an
// ErrTruncated DecodeError naming the field the layout says is missing, at
// its offset, with the same message into a fresh and into a reused value.
func TestTruncations(t *testing.T) {
	for _, tb := range append(allBlobs(t), variants(t)...) {
		t.Run(tb.name, func(t *testing.T) {
			reused, reusedTZ := new(Definition), new(TimeZoneStruct)
			for n := len(tb.b); n >= 0; n-- {
				path, off, msg := wantTruncated(tb, n)
				for _, fresh := range []bool{true, false} {
					d, tz := reused, reusedTZ
					if fresh {
						d, tz = new(Definition), new(TimeZoneStruct)
					} else {
						require.NoError(t, decodeBlob(tb, tb.b, d, tz)) // fill the value first
					}
					err := decodeBlob(tb, tb.b[:n], d, tz)
					if path == "" {
						require.NoError(t, err, "[:%d]", n)
						continue
					}
					var de *blob.DecodeError
					require.ErrorAs(t, err, &de, "[:%d]", n)
					require.ErrorIs(t, err, blob.ErrTruncated, "[:%d]", n)
					require.Equal(t, path, de.Path, "[:%d]", n)
					require.Equal(t, off, de.Offset, "[:%d]", n)
					require.Equal(t, msg, err.Error(), "[:%d]", n)
				}
			}
		})
	}
}

// js is the JSON form of v; a marshal error fails the test.
func js(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// cmpOpts compares decoded values: unexported fields (the raw key name)
// included, an empty slice equal to a nil one (a reused value keeps its
// storage where a fresh one has none).
var cmpOpts = cmp.Options{cmp.AllowUnexported(Definition{}), cmpopts.EquateEmpty()}

// TestDecodeIntoReusedValue decodes every blob, in two orders and after a
// failed decode, into one Definition and one TimeZoneStruct, and compares
// each result with a fresh Parse: the same value, JSON, SmartView and bytes.
func TestDecodeIntoReusedValue(t *testing.T) {
	blobs := append(allBlobs(t), variants(t)...)
	var seq []testBlob
	for i := range blobs {
		seq = append(seq, blobs[i], blobs[len(blobs)-1-i])
	}
	seq = append(seq, seq...)
	var d Definition
	var tz TimeZoneStruct
	for i, tb := range seq {
		if i%5 == 4 { // a failed decode leaves the value unspecified; the next one must not care
			require.Error(t, decodeBlob(tb, tb.b[:len(tb.b)/2], &d, &tz))
		}
		require.NoError(t, decodeBlob(tb, tb.b, &d, &tz), tb.name)
		var got interface {
			MarshalBinary() ([]byte, error)
			SmartView() string
		}
		var want any
		if tb.isStruct {
			fresh, err := ParseTimeZoneStruct(tb.b)
			require.NoError(t, err)
			if diff := cmp.Diff(fresh, &tz, cmpOpts); diff != "" {
				t.Fatalf("%s: reused value differs from a fresh one (-fresh +reused):\n%s", tb.name, diff)
			}
			got, want = &tz, fresh
		} else {
			fresh, err := Parse(tb.b)
			require.NoError(t, err)
			if diff := cmp.Diff(fresh, &d, cmpOpts); diff != "" {
				t.Fatalf("%s: reused value differs from a fresh one (-fresh +reused):\n%s", tb.name, diff)
			}
			got, want = &d, fresh
		}
		require.Equal(t, js(t, want), js(t, got), tb.name)
		require.Equal(t, want.(interface{ SmartView() string }).SmartView(), got.SmartView(), tb.name)
		out, err := got.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, tb.b, out, "%s: round trip", tb.name)
	}
}

// TestDecodeErrorsInReusedValue: the header and rule errors do not depend
// on what the value held before.
func TestDecodeErrorsInReusedValue(t *testing.T) {
	for _, tb := range allBlobs(t) {
		if tb.isStruct {
			continue
		}
		_, _, rulesOff, end := definitionSpans(tb.b)
		bad := func(i int, v byte) []byte { b := append([]byte(nil), tb.b...); b[i] = v; return b }
		cases := []struct {
			b    []byte
			is   error
			path string
			off  int
		}{
			{bad(0, 3), blob.ErrUnsupportedVersion, "bMajorVersion", 0},
			{bad(1, 0), blob.ErrUnsupportedVersion, "bMajorVersion", 0},
			{bad(2, 0), blob.ErrInvalid, "cbHeader", 2},
		}
		for i := 0; rulesOff+RuleSize*i < end; i++ {
			cases = append(cases, struct {
				b    []byte
				is   error
				path string
				off  int
			}{bad(rulesOff+RuleSize*i, 1), blob.ErrUnsupportedVersion, fmt.Sprintf("TZRules[%d].bMajorVersion", i), rulesOff + RuleSize*i})
		}
		var d Definition
		for _, c := range cases {
			for range 2 {
				require.NoError(t, d.UnmarshalBinary(tb.b))
				err := d.UnmarshalBinary(c.b)
				var de *blob.DecodeError
				require.ErrorAs(t, err, &de, tb.name)
				require.True(t, errors.Is(err, c.is), "%s: %v", tb.name, err)
				require.Equal(t, c.path, de.Path, tb.name)
				require.Equal(t, c.off, de.Offset, tb.name)
			}
		}
	}
}
