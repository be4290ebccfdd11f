package item_test

import (
	"sync"
	"testing"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/msg"
)

// benchItems are 10 000 generated .msg files: recurring meetings with a
// cancelled and a moved, retitled occurrence and its exception message
// (about 11 KB each).
var benchItems = sync.OnceValue(func() [][]byte { return itemtest.MSGs(10000) })

func totalBytes(files [][]byte) int64 {
	n := int64(0)
	for _, f := range files {
		n += int64(len(f))
	}
	return n
}

// BenchmarkDecode reads the 10 000 .msg files (every property, every blob
// decoded); items/s and MB/s per pass over them.
func BenchmarkDecode(b *testing.B) {
	files := benchItems()
	b.SetBytes(totalBytes(files))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := msg.Read(f, "bench.msg"); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkCheck checks the 10 000 items (read beforehand), embedded
// exception messages included, with the set checks.
func BenchmarkCheck(b *testing.B) {
	files := benchItems()
	items := make([]*item.Item, len(files))
	for i, f := range files {
		it, err := msg.Read(f, "bench.msg")
		if err != nil {
			b.Fatal(err)
		}
		items[i] = it
	}
	b.SetBytes(totalBytes(files))
	b.ReportAllocs()
	for b.Loop() {
		var s item.SetChecker
		for _, top := range items {
			for it := range top.All {
				it.Check()
				s.Add(it)
			}
		}
		_ = s.Findings()
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "items/s")
}
