package rules

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

var (
	sinkValue  blob.Value
	sinkBytes  []byte
	sinkString string
)

// benchInputs are the inputs of MFCMAPI's cases of this package's parsers
// (those that decode), with their decoders, in name order.
func benchInputs(b *testing.B) (ins [][]byte, decs []func([]byte) (blob.Value, error), total int64) {
	dir := fixtures.Dir()
	if dir == "" {
		b.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout")
	}
	var names []string
	for p := range parsers {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		files, _ := filepath.Glob(filepath.Join(dir, p+"-*.hex"))
		sort.Strings(files)
		for _, f := range files {
			in := fixtures.Load(b, strings.TrimSuffix(filepath.Base(f), ".hex")).Blob
			if _, err := parsers[p](in); err != nil {
				continue
			}
			ins = append(ins, in)
			decs = append(decs, parsers[p])
			total += int64(len(in))
		}
	}
	return ins, decs, total
}

// BenchmarkMemcpyFloor is the floor the other figures are read against:
// copying every input into a buffer made once.
func BenchmarkMemcpyFloor(b *testing.B) {
	ins, _, total := benchInputs(b)
	dst := make([]byte, 0, total)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		dst = dst[:0]
		for _, in := range ins {
			dst = append(dst, in...)
		}
	}
	sinkBytes = dst
}

// BenchmarkParse decodes every input with its parser.
func BenchmarkParse(b *testing.B) {
	ins, decs, total := benchInputs(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for i, in := range ins {
			v, err := decs[i](in)
			if err != nil {
				b.Fatal(err)
			}
			sinkValue = v
		}
	}
}

// BenchmarkMarshal encodes every decoded input again.
func BenchmarkMarshal(b *testing.B) {
	ins, decs, total := benchInputs(b)
	vs := make([]blob.Value, len(ins))
	for i, in := range ins {
		vs[i], _ = decs[i](in)
	}
	buf := make([]byte, 0, total)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, v := range vs {
			buf, _ = v.AppendBinary(buf)
		}
	}
	sinkBytes = buf
}

// BenchmarkSmartView renders every decoded input as MFCMAPI's text.
func BenchmarkSmartView(b *testing.B) {
	ins, decs, total := benchInputs(b)
	vs := make([]blob.Value, len(ins))
	for i, in := range ins {
		vs[i], _ = decs[i](in)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vs {
			sinkString = v.SmartView()
		}
	}
}
