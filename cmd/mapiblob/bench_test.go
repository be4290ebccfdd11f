package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mapiblob/mapiblob/internal/itemtest"
)

// BenchmarkCLICheck10k runs `mapiblob check --format json DIR` (and decode)
// over a directory of 10 000 generated .msg files — recurring meetings with
// exceptions — end to end: walking, reading on all cores, checking, NDJSON
// in order.
func BenchmarkCLICheck10k(b *testing.B) {
	dir := b.TempDir()
	files := itemtest.MSGs(10000)
	var total int64
	for i, f := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("m%05d.msg", i)), f, 0o644); err != nil {
			b.Fatal(err)
		}
		total += int64(len(f))
	}
	for _, cmd := range []string{"check", "decode"} {
		b.Run(cmd, func(b *testing.B) {
			b.SetBytes(total)
			for b.Loop() {
				code := run([]string{cmd, "--format", "json", dir}, &env{stdout: io.Discard, stderr: io.Discard})
				if code != 0 && cmd == "decode" {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}
