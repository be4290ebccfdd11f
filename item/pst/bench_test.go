package pst_test

import (
	"bytes"
	"testing"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

var sink []*item.Item

// BenchmarkRead reads every folder and message of the large file (400
// meetings, a 9 MB attachment, a message with 400 attachments and 200
// recipients); BenchmarkMemcpy is the floor to read its figures against.
func BenchmarkRead(b *testing.B) {
	file, err := pst.Marshal(pst.WriteOptions{CryptMethod: pst.CryptPermute}, largeTree()...)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := pst.Open(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			b.Fatal(err)
		}
		sink = sink[:0]
		for fo := range f.Folders() {
			for it, err := range fo.Messages() {
				if err != nil {
					b.Fatal(err)
				}
				sink = append(sink, it)
			}
		}
	}
}

func BenchmarkMemcpy(b *testing.B) {
	file, err := pst.Marshal(pst.WriteOptions{}, largeTree()...)
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]byte, len(file))
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		copy(dst, file)
	}
}
