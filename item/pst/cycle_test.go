package pst

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/item"
)

// fixBlockCRC recomputes the trailer CRC of the unencoded block at ib.
func fixBlockCRC(b []byte, ib uint64, cb int) {
	total := uint64(cb+blockTrailerU+63) &^ 63
	binary.LittleEndian.PutUint32(b[ib+total-12:], crc(b[ib:ib+uint64(cb)]))
}

// A data tree whose XBLOCK lists itself is an error naming the block, not
// a loop.
func TestDataTreeCycle(t *testing.T) {
	body := strings.Repeat("a long body that spans blocks ", 1200)
	it := item.New(item.MustProp("PidTagSubject", item.Unicode("looped")), item.MustProp("PidTagBody", item.Unicode(body)))
	b, err := Marshal(WriteOptions{}, &Tree{Name: "Inbox", Messages: []*item.Item{it}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Open(bytes.NewReader(b), int64(len(b)))
	n, err := f.d.node(0x200024)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := f.d.subnodes(n.sub)
	if err != nil {
		t.Fatal(err)
	}
	var xbid uint64
	for _, s := range subs {
		if s.data&2 != 0 {
			xbid = s.data // the body's data tree
		}
	}
	if xbid == 0 {
		t.Fatal("no XBLOCK in the message's subnodes")
	}
	ref, cb, err := f.Block(xbid)
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint64(b[ref.IB+8+8:], xbid) // the second child is the XBLOCK itself
	fixBlockCRC(b, ref.IB, cb)
	f, _ = Open(bytes.NewReader(b), int64(len(b)))
	for fo := range f.Folders() {
		for it, err := range fo.Messages() {
			if err != nil {
				t.Fatalf("unexpected message error: %v", err)
			}
			p := it.Get("PidTagBody")
			if p == nil || p.Err == nil || !strings.Contains(p.Err.Error(), "reached twice") {
				t.Fatalf("want the body's error to name the cycle, got %+v", p)
			}
			if s := it.Get("PidTagSubject"); s == nil || s.Value.Str != "looped" {
				t.Fatal("the rest of the message is not read")
			}
		}
	}
}

// A node B-tree page that lists itself as its child is reported, not
// followed.
func TestBTreeCycle(t *testing.T) {
	var ms []*item.Item
	for range 40 { // enough nodes for a root page of level 1
		ms = append(ms, item.New(item.MustProp("PidTagSubject", item.Unicode("m"))))
	}
	b, err := Marshal(WriteOptions{}, &Tree{Name: "Inbox", Messages: ms})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Open(bytes.NewReader(b), int64(len(b)))
	root := f.Header.NBT
	p := b[root.IB : root.IB+512]
	if p[488+3] == 0 {
		t.Fatal("the root page is a leaf")
	}
	// The first entry's BREF now names the root page itself.
	binary.LittleEndian.PutUint64(p[8:], root.BID)
	binary.LittleEndian.PutUint64(p[16:], root.IB)
	binary.LittleEndian.PutUint32(p[500:], crc(p[:496]))
	f, _ = Open(bytes.NewReader(b), int64(len(b)))
	var errs []error
	for fo := range f.Folders() {
		if fo.Err != nil {
			errs = append(errs, fo.Err)
		}
		for _, err := range fo.Messages() {
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	var ce *CorruptError
	if len(errs) == 0 || !errors.As(errs[0], &ce) || ce.Structure != "NBT page" {
		t.Fatalf("want the NBT page named, got %v", errs)
	}
}
