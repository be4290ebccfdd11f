package pst

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	_ "github.com/mapiblob/mapiblob/internal/testzone"
	"github.com/mapiblob/mapiblob/item"
)

// blockOffset finds where a node's data block lies in b.
func blockOffset(t *testing.T, b []byte, nid uint32) int64 {
	t.Helper()
	f, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.d.node(nid)
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.d.lookup(f.Header.BBT, ptypeBBT, n.data&^1)
	if err != nil || e == nil {
		t.Fatalf("block 0x%X: %v", n.data, err)
	}
	return int64(f.d.bref(e).IB)
}

type read struct {
	items map[string][]string // folder → subjects
	errs  []error
}

func readSubjects(t *testing.T, b []byte) read {
	t.Helper()
	f, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	r := read{items: map[string][]string{}}
	for fo := range f.Folders() {
		if fo.Err != nil {
			r.errs = append(r.errs, fo.Err)
		}
		for it, err := range fo.Messages() {
			if err != nil {
				r.errs = append(r.errs, err)
				continue
			}
			s := ""
			if p := it.Get("PidTagSubject"); p != nil {
				s = p.Value.Str
			}
			r.items[fo.Path] = append(r.items[fo.Path], s)
		}
	}
	return r
}

func corruptFile(t *testing.T) ([]byte, []uint32) {
	t.Helper()
	var ms []*item.Item
	for i := range 3 {
		it := itemtest.Meeting(itemtest.Options{Seed: i})
		ps := it.Properties[:0]
		for _, p := range it.Properties {
			if p.Info == nil || p.Info.Name != "PidTagMessageSizeExtended" {
				ps = append(ps, p)
			}
		}
		it.Properties = ps
		ms = append(ms, it)
	}
	b, err := Marshal(WriteOptions{CryptMethod: CryptPermute}, &Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: ms})
	if err != nil {
		t.Fatal(err)
	}
	// The writer numbers messages from 0x10001 in order.
	return b, []uint32{0x10001<<5 | 4, 0x10002<<5 | 4, 0x10003<<5 | 4}
}

const calendar = "/Top of Personal Folders/Calendar"

// A message whose data block fails its CRC is reported with its node id
// and folder; the other messages are read.
func TestCorruptBlockReported(t *testing.T) {
	b, nids := corruptFile(t)
	off := blockOffset(t, b, nids[1])
	b[off+40] ^= 0xFF
	r := readSubjects(t, b)
	if got := r.items[calendar]; len(got) != 2 || got[0] != "Weekly sync 0" || got[1] != "Weekly sync 2" {
		t.Fatalf("read %q, want the first and third meetings", got)
	}
	if len(r.errs) != 1 {
		t.Fatalf("want one error, got %v", r.errs)
	}
	var me *MessageError
	if !errors.As(r.errs[0], &me) || me.NID != nids[1] || me.Folder != calendar || !errors.Is(me, ErrCRC) {
		t.Fatalf("want a CRC MessageError for node 0x%X in %s, got %v", nids[1], calendar, r.errs[0])
	}
	var ce *CorruptError
	if !errors.As(r.errs[0], &ce) || ce.Structure != "block" || ce.Offset != off {
		t.Fatalf("want the block at 0x%X named, got %v", off, r.errs[0])
	}
	msg := r.errs[0].Error()
	for _, want := range []string{"nid 0x200044", calendar, "block", "offset 0x" + hex(uint64(off)), "CRC mismatch"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}

// A broken contents table is reported, and the folder's messages are
// still found through the node B-tree.
func TestCorruptContentsTable(t *testing.T) {
	b, _ := corruptFile(t)
	folder := uint32(0x401<<5 | 2) // Calendar: the writer numbers the IPM subtree 0x400, then its folders
	off := blockOffset(t, b, folder&^0x1F|nidTypeContents)
	b[off+2] ^= 0xFF
	r := readSubjects(t, b)
	if got := r.items[calendar]; len(got) != 3 {
		t.Fatalf("read %q, want the three meetings", got)
	}
	if len(r.errs) != 1 || !errors.Is(r.errs[0], ErrCRC) {
		t.Fatalf("want one CRC error for the contents table, got %v", r.errs)
	}
}

// A damaged NBT page is an error naming the page; reading does not panic
// or loop.
func TestCorruptNBTPage(t *testing.T) {
	b, _ := corruptFile(t)
	f, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	b[f.Header.NBT.IB+10] ^= 0x55
	r := readSubjects(t, b)
	if len(r.errs) == 0 {
		t.Fatal("no error for a damaged NBT page")
	}
	var ce *CorruptError
	if !errors.As(r.errs[0], &ce) || ce.Structure != "NBT page" || ce.Offset != int64(f.Header.NBT.IB) || !errors.Is(ce, ErrCRC) {
		t.Fatalf("want the NBT page at 0x%X named, got %v", f.Header.NBT.IB, r.errs[0])
	}
}

// A broken hierarchy table is reported, and the subfolders are still
// found through the node B-tree, with their messages.
func TestCorruptHierarchyTable(t *testing.T) {
	b, _ := corruptFile(t)
	ipm := uint32(0x400<<5 | 2) // Top of Personal Folders, the writer's first folder
	off := blockOffset(t, b, ipm&^0x1F|nidTypeHierarchy)
	b[off+2] ^= 0xFF
	r := readSubjects(t, b)
	if got := r.items[calendar]; len(got) != 3 {
		t.Fatalf("read %q, want the three meetings", got)
	}
	if len(r.errs) != 1 || !errors.Is(r.errs[0], ErrCRC) || !strings.Contains(r.errs[0].Error(), "/Top of Personal Folders") {
		t.Fatalf("want one CRC error for the hierarchy table, got %v", r.errs)
	}
}

// nbtEntryOffset finds the file offset of a node's NBT leaf entry.
func nbtEntryOffset(t *testing.T, b []byte, nid uint32) (page BREF, at int) {
	t.Helper()
	f, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	ref := f.Header.NBT
	for {
		p, err := f.d.btPage("NBT page", ref, ptypeNBT)
		if err != nil {
			t.Fatal(err)
		}
		if p.level == 0 {
			for i := range p.n {
				if binary.LittleEndian.Uint32(p.entry(i)) == nid {
					return ref, i * p.size
				}
			}
			t.Fatalf("node 0x%X not in its leaf", nid)
		}
		next := 0
		for i := range p.n {
			if f.d.uint(p.entry(i)) <= uint64(nid) {
				next = i
			}
		}
		ref = f.d.bref(p.entry(next)[8:])
	}
}

// A folder reached neither through a hierarchy table nor through its
// node's parent is still walked, as a top-level folder reported as
// unlinked, and its messages are read.
func TestOrphanFolder(t *testing.T) {
	b, _ := corruptFile(t)
	ipm, cal := uint32(0x400<<5|2), uint32(0x401<<5|2)
	off := blockOffset(t, b, ipm&^0x1F|nidTypeHierarchy)
	b[off+2] ^= 0xFF
	page, at := nbtEntryOffset(t, b, cal)
	binary.LittleEndian.PutUint32(b[page.IB+uint64(at)+24:], 0x7FF<<5|2) // nidParent: a folder that does not exist
	binary.LittleEndian.PutUint32(b[page.IB+500:], crc(b[page.IB:page.IB+496]))
	r := readSubjects(t, b)
	found := false
	for path, subjects := range r.items {
		if strings.HasSuffix(path, "/Calendar") && len(subjects) == 3 {
			found = true
		}
	}
	if !found {
		t.Fatalf("the calendar's meetings were not read: %v (errors %v)", r.items, r.errs)
	}
	var unlinked bool
	for _, err := range r.errs {
		if strings.Contains(err.Error(), "not reached from the root folder") || strings.Contains(err.Error(), "no such node") {
			unlinked = true
		}
	}
	if !unlinked {
		t.Fatalf("the unlinked folder is not reported: %v", r.errs)
	}
}
