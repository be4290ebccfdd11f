package fuzz

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
	"testing"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

// pstSeed is a small PST made by the writer: a calendar folder with two
// recurring meetings (their exceptions embedded) and a task folder.
var pstSeed = sync.OnceValues(func() ([]byte, []byte) {
	var ms []*item.Item
	for i := range 2 {
		it := itemtest.Meeting(itemtest.Options{Seed: i, EmptyStartDisplayKeyName: i == 1})
		ps := it.Properties[:0]
		for _, p := range it.Properties {
			if p.Info == nil || p.Info.Name != "PidTagMessageSizeExtended" { // shares its id with PidTagMessageSize
				ps = append(ps, p)
			}
		}
		it.Properties = ps
		ms = append(ms, it)
	}
	task := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Task")), item.MustProp("PidTagSubject", item.Unicode("report")),
		item.MustProp("PidTagBody", item.Unicode(string(bytes.Repeat([]byte("body "), 900)))))
	tree := []*pst.Tree{
		{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: ms},
		{Name: "Tasks", ContainerClass: "IPF.Task", Messages: []*item.Item{task}},
	}
	plain, err := pst.Marshal(pst.WriteOptions{}, tree...)
	if err != nil {
		panic(err)
	}
	permuted, err := pst.Marshal(pst.WriteOptions{CryptMethod: pst.CryptPermute}, tree...)
	if err != nil {
		panic(err)
	}
	ansi, err := pst.Marshal(pst.WriteOptions{Format: pst.ANSI, CryptMethod: pst.CryptCyclic}, tree...)
	if err != nil {
		panic(err)
	}
	pstANSISeed = used(ansi)
	return used(plain), used(permuted)
})

// pstANSISeed is the seed's content in an ANSI file, NDB_CRYPT_CYCLIC.
var pstANSISeed []byte

// used cuts a file after its last page in use: the writer pads a file to
// the end of the region its allocation map covers, which the reader
// never reads, and a smaller input fuzzes faster.
func used(b []byte) []byte {
	end := len(b)
	for end > 0 && b[end-1] == 0 {
		end--
	}
	return b[:(end+511)&^511]
}

// readPST reads every folder and message of a file as the CLI would,
// checking the error contract: a message that cannot be read is a
// *pst.MessageError, a folder's error a *pst.FolderError.
func readPST(t *testing.T, b []byte) { readPSTItems(t, b, true) }

// readPSTItems is readPST; use says whether the items are checked and
// converted as well.
func readPSTItems(t *testing.T, b []byte, use bool) {
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		var ce *pst.CorruptError
		if !errors.As(err, &ce) && !errors.Is(err, pst.ErrNotPST) {
			t.Fatalf("Open: %T %v", err, err)
		}
		return
	}
	var items []*item.Item
	for fo := range f.Folders() {
		var fe *pst.FolderError
		if fo.Err != nil && !errors.As(fo.Err, &fe) {
			t.Fatalf("folder error is not a FolderError: %T %v", fo.Err, fo.Err)
		}
		for it, err := range fo.Messages() {
			if err != nil {
				var me *pst.MessageError
				if !errors.As(err, &me) || len(err.Error()) < 10 {
					t.Fatalf("message error: %T %v", err, err)
				}
				continue
			}
			items = append(items, it)
		}
	}
	if use {
		useItems(t, items)
	}
}

// quietRead is readPST without the checks, for the allocation count.
func quietRead(b []byte) {
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return
	}
	for fo := range f.Folders() {
		for range fo.Messages() {
		}
	}
}

// pstCRC is [MS-PST] 5.3's CRC (hash/crc32's table without its
// inversions), to keep a patched structure past its CRC check.
func pstCRC(b []byte) uint32 { return ^crc32.Update(^uint32(0), crc32.IEEETable, b) }

// patchPage puts data (cut or padded to 496 bytes) in the page at off and
// fixes the trailer's CRC, so that the page's content is what is tested.
func patchPage(file []byte, off int64, data []byte) []byte {
	out := bytes.Clone(file)
	p := out[off : off+512]
	clear(p[:496])
	copy(p[:496], data)
	binary.LittleEndian.PutUint32(p[500:], pstCRC(p[:496]))
	return out
}

// patchBlock puts data (cut or padded to the block's size) in the data
// block of node nid of an unencoded file and fixes its CRC.
func patchBlock(file []byte, nid uint32, data []byte) []byte {
	f, err := pst.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		panic(err)
	}
	n, err := f.Node(nid)
	if err != nil {
		panic(err)
	}
	ref, cb, err := f.Block(n.Data)
	if err != nil {
		panic(err)
	}
	out := bytes.Clone(file)
	blk := out[ref.IB : ref.IB+uint64(cb)]
	clear(blk)
	copy(blk, data)
	total := (uint64(cb) + 16 + 63) &^ 63
	binary.LittleEndian.PutUint32(out[ref.IB+total-12:], pstCRC(blk))
	return out
}

func blockOf(file []byte, nid uint32) []byte {
	f, _ := pst.Open(bytes.NewReader(file), int64(len(file)))
	n, _ := f.Node(nid)
	ref, cb, _ := f.Block(n.Data)
	return bytes.Clone(file[ref.IB : ref.IB+uint64(cb)])
}

const (
	pstTaskMessage   = 0x10003<<5 | 0x04 // the writer's third message: the task, whose body is in a subnode
	pstCalendarTable = 0x401<<5 | 0x0E   // the calendar folder's contents table (the IPM subtree is 0x400)
)

// pstAllocBound checks that reading a whole file allocates at most 16
// bytes per file byte plus 4 KiB, the bound of the other binary item
// formats (the seed's read takes about 6).
func pstAllocBound(t *testing.T, b []byte) {
	if len(b) < 1<<20 && measureAllocs(b) {
		allocBound(t, "pst", b, perByte("pst"), func(b []byte) { quietRead(b) })
	}
}

// FuzzPSTFile reads a whole small file: header, B-trees, blocks, heaps,
// tables, messages.
func FuzzPSTFile(f *testing.F) {
	plain, permuted := pstSeed()
	f.Add(plain)
	f.Add(permuted)
	f.Add(pstANSISeed)
	f.Add(plain[:0x4800])
	f.Fuzz(func(t *testing.T, b []byte) {
		readPST(t, b)
		pstAllocBound(t, b)
	})
}

// FuzzPSTBTree puts the input in the root page of the node B-tree (its
// CRC fixed): entries, counts, levels, references to other pages.
func FuzzPSTBTree(f *testing.F) {
	plain, _ := pstSeed()
	file, _ := pst.Open(bytes.NewReader(plain), int64(len(plain)))
	root := int64(file.Header.NBT.IB)
	f.Add(plain[root : root+496])
	bbt := int64(file.Header.BBT.IB)
	f.Add(plain[bbt : bbt+496])
	f.Fuzz(func(t *testing.T, b []byte) {
		b2 := patchPage(plain, root, b)
		readPST(t, b2)
		pstAllocBound(t, b2)
	})
}

// FuzzPSTHeap puts the input in a message's data block: its
// heap-on-node, the BTH of its property context and the values (the
// task's, whose values carry no calendar blobs, so that the fuzzer's time
// goes to the heap rather than to decoding time zones).
func FuzzPSTHeap(f *testing.F) {
	plain, _ := pstSeed()
	f.Add(blockOf(plain, pstTaskMessage))
	f.Fuzz(func(t *testing.T, b []byte) {
		b2 := patchBlock(plain, pstTaskMessage, b)
		readPSTItems(t, b2, false) // the layer, not the item checks FuzzPSTFile runs
		pstAllocBound(t, b2)
	})
}

// FuzzPSTTable puts the input in a contents table's data block: its
// TCINFO, column descriptions, row index and row matrix.
func FuzzPSTTable(f *testing.F) {
	plain, _ := pstSeed()
	f.Add(blockOf(plain, pstCalendarTable))
	f.Fuzz(func(t *testing.T, b []byte) {
		b2 := patchBlock(plain, pstCalendarTable, b)
		readPSTItems(t, b2, false) // the layer, not the item checks FuzzPSTFile runs
		pstAllocBound(t, b2)
	})
}

// TestPSTHostile cuts the seeds at every page of their used part and
// writes 0xFFFFFFFF over every 128 bytes of it: every read ends in items
// or reported errors, never a panic or a loop, within the allocation
// bound.
func TestPSTHostile(t *testing.T) {
	plain, permuted := pstSeed()
	for i, b := range [][]byte{plain, permuted, pstANSISeed} {
		end := len(b)
		for n := 0; n <= end; n += 512 {
			readPSTItems(t, b[:n], false)
		}
		if i == 0 {
			for off := 0; off < end; off += 128 {
				c := bytes.Clone(b)
				binary.LittleEndian.PutUint32(c[off:], 0xFFFFFFFF)
				readPSTItems(t, c, false)
			}
		}
		pstAllocBound(t, b)
	}
}
