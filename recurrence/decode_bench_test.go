package recurrence

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// Sinks: every benchmark stores its result here, so the compiler can
// neither drop the work nor keep the result on the stack.
var (
	sinkAppt    *AppointmentPattern
	sinkPattern *Pattern
	sinkErr     error
	sinkBytes   []byte
)

// blobCase is one blob and the decoder that reads it.
type blobCase struct {
	name string
	b    []byte
	appt bool // AppointmentRecurrencePattern (Parse), else RecurrencePattern (ParsePattern)
}

// fixtureBlobs are MFCMAPI's reference blobs; the caller is skipped, with a
// message, when ../shared/fixtures is absent.
func fixtureBlobs(tb testing.TB) []blobCase {
	tb.Helper()
	if fixtures.Dir() == "" {
		tb.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout; skipping")
	}
	var out []blobCase
	for _, n := range apptFixtures {
		out = append(out, blobCase{n, fixtures.Load(tb, n).Blob, true})
	}
	for _, n := range patternFixtures {
		out = append(out, blobCase{n, fixtures.Load(tb, n).Blob, false})
	}
	return out
}

// testdataBlobs are the project's own recurrence blobs (testdata/recur and
// the README samples); they are always present.
func testdataBlobs(tb testing.TB) []blobCase {
	tb.Helper()
	var out []blobCase
	for _, g := range fixtures.Goldens(tb, "../testdata/recur/*.hex", "../testdata/samples/*recur.hex") {
		out = append(out, blobCase{g.Name, g.Bytes, strings.HasSuffix(g.Name, ".apptrecur")})
	}
	return out
}

func (c blobCase) parse() error {
	if c.appt {
		ap, err := Parse(c.b)
		sinkAppt, sinkErr = ap, err
		return err
	}
	p, err := ParsePattern(c.b)
	sinkPattern, sinkErr = p, err
	return err
}

// floors holds the memcpy floor of each blob in ns/op, from
// BenchmarkMemcpyFloor's final run when it ran, else measured once by
// floorNs; the multiples are read against the floor of the same run.
var floors sync.Map

func memcpyLoop(b *testing.B, c blobCase) {
	dst := make([]byte, len(c.b))
	b.SetBytes(int64(len(c.b)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		copy(dst, c.b)
	}
	b.StopTimer()
	sinkBytes = dst
	floors.Store(c.name, float64(b.Elapsed().Nanoseconds())/float64(b.N))
}

func floorNs(c blobCase) float64 {
	if v, ok := floors.Load(c.name); ok {
		return v.(float64)
	}
	// The same loop as BenchmarkMemcpyFloor, timed by hand for at least
	// 100 ms (testing.Benchmark cannot run inside a benchmark).
	dst := make([]byte, len(c.b))
	n := 1000
	for {
		start := time.Now()
		for i := 0; i < n; i++ {
			copy(dst, c.b)
		}
		if d := time.Since(start); d >= 100*time.Millisecond {
			sinkBytes = dst
			ns := float64(d.Nanoseconds()) / float64(n)
			floors.Store(c.name, ns)
			return ns
		}
		n *= 4
	}
}

// reportFloor adds the multiple of the memcpy floor (measured in this run,
// outside the timer) to a benchmark's figures.
func reportFloor(b *testing.B, c blobCase) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/floorNs(c), "x-floor")
}

// begin readies the benchmark of fixture c: its floor measured first
// (outside the timer), bytes and allocations reported.
func begin(b *testing.B, c blobCase) {
	floorNs(c)
	b.SetBytes(int64(len(c.b)))
	b.ReportAllocs()
	b.ResetTimer()
}

// end stops the timer and reports the multiple of the floor.
func end(b *testing.B, c blobCase) {
	b.StopTimer()
	reportFloor(b, c)
}

// BenchmarkMemcpyFloor copies each fixture into a preallocated buffer: the
// least any decoder that keeps a copy of its input can cost.
func BenchmarkMemcpyFloor(b *testing.B) {
	for _, c := range fixtureBlobs(b) {
		b.Run(c.name, func(b *testing.B) { memcpyLoop(b, c) })
	}
}

// BenchmarkAllocFloor times the least a fresh value that keeps a copy of
// its input can cost, whatever its decoder: one heap allocation of the
// blob's size, the blob copied into it and kept in a package-level sink
// (as Parse's result is). Its x-floor says how close to a C++ arena's
// multiple such a Parse can come on the machine.
func BenchmarkAllocFloor(b *testing.B) {
	for _, c := range fixtureBlobs(b) {
		b.Run(c.name, func(b *testing.B) {
			begin(b, c)
			for i := 0; i < b.N; i++ {
				dst := make([]byte, len(c.b))
				copy(dst, c.b)
				sinkBytes = dst
			}
			end(b, c)
		})
	}
}

// BenchmarkParse times a fresh decode of each fixture: Parse for the
// appointment patterns, ParsePattern for the task patterns.
func BenchmarkParse(b *testing.B) {
	for _, c := range fixtureBlobs(b) {
		b.Run(c.name, func(b *testing.B) {
			begin(b, c)
			for i := 0; i < b.N; i++ {
				if c.parse() != nil {
					b.Fatal(sinkErr)
				}
			}
			end(b, c)
		})
	}
}

// BenchmarkArena times Arena.Parse (or Arena.ParsePattern) of each
// fixture, in batches of 256 values with a Reset after each batch: bulk
// decoding whose values live until the batch is done.
func BenchmarkArena(b *testing.B) {
	for _, c := range fixtureBlobs(b) {
		b.Run(c.name, func(b *testing.B) {
			var a Arena
			begin(b, c)
			for i := 0; i < b.N; i++ {
				if i%256 == 0 {
					a.Reset()
				}
				if c.appt {
					sinkAppt, sinkErr = a.Parse(c.b)
				} else {
					sinkPattern, sinkErr = a.ParsePattern(c.b)
				}
				if sinkErr != nil {
					b.Fatal(sinkErr)
				}
			}
			end(b, c)
		})
	}
}

// BenchmarkUnmarshalReuse times UnmarshalBinary of each fixture into one
// value reused across iterations.
func BenchmarkUnmarshalReuse(b *testing.B) {
	for _, c := range fixtureBlobs(b) {
		b.Run(c.name, func(b *testing.B) {
			ap, p := new(AppointmentPattern), new(Pattern)
			begin(b, c)
			for i := 0; i < b.N; i++ {
				if c.appt {
					sinkErr = ap.UnmarshalBinary(c.b)
				} else {
					sinkErr = p.UnmarshalBinary(c.b)
				}
				if sinkErr != nil {
					b.Fatal(sinkErr)
				}
			}
			end(b, c)
			sinkAppt, sinkPattern = ap, p
		})
	}
}

// BenchmarkBulk decodes every fixture (when present) and every blob of
// testdata/recur once per iteration, fresh and into reused values; MB/s is
// the throughput over all of them.
func BenchmarkBulk(b *testing.B) {
	cases := testdataBlobs(b)
	if fixtures.Dir() != "" {
		cases = append(cases, fixtureBlobs(b)...)
	}
	total := 0
	for _, c := range cases {
		total += len(c.b)
	}
	b.Run("Parse", func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, c := range cases {
				if c.parse() != nil {
					b.Fatal(sinkErr)
				}
			}
		}
	})
	b.Run("UnmarshalReuse", func(b *testing.B) {
		ap, p := new(AppointmentPattern), new(Pattern)
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, c := range cases {
				if c.appt {
					sinkErr = ap.UnmarshalBinary(c.b)
				} else {
					sinkErr = p.UnmarshalBinary(c.b)
				}
				if sinkErr != nil {
					b.Fatal(sinkErr)
				}
			}
		}
		sinkAppt, sinkPattern = ap, p
	})
}

// BenchmarkExceptionRecords times the one split of the decoders: the
// ExceptionInfo records of each appointment fixture read by the generated
// code, with plain indexes after one check of the bytes left (what Parse
// does), against the same records read field by field through the cursor
// by the table interpreter (what Parse does only to name the field of a
// record that does not fit).
func BenchmarkExceptionRecords(b *testing.B) {
	for _, c := range fixtureBlobs(b) {
		if !c.appt {
			continue
		}
		ap, err := Parse(c.b)
		if err != nil {
			b.Fatal(err)
		}
		n := len(ap.Exceptions)
		if n == 0 {
			continue
		}
		q := ap.RecurrencePattern.Size() + 18
		highlight := ap.WriterVersion2 >= ChangeHighlightVersion
		es := make([]Exception, n)
		b.Run(c.name+"/generated", func(b *testing.B) {
			b.SetBytes(int64(len(c.b)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				clear(es)
				if _, done := decodeInfos(c.b, q, es, highlight); done != n {
					b.Fatal("generated decoder stopped early")
				}
			}
			sinkAppt = ap
		})
		b.Run(c.name+"/cursor", func(b *testing.B) {
			b.SetBytes(int64(len(c.b)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				clear(es)
				if _, err := decodeRest(c.b, q, es, &infoMasks[b2i(highlight)], 0); err != nil {
					b.Fatal(err)
				}
			}
			sinkAppt = ap
		})
	}
}
