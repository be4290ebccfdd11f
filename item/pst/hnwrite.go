package pst

import (
	"encoding/binary"
	"errors"
	"sort"
	"strconv"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// Building heaps-on-node, BTHs, property contexts and table contexts.

// hnBuilder lays out the items of a heap-on-node in blocks of at most
// maxBlockData bytes ([MS-PST] 2.3.1).
type hnBuilder struct {
	client   byte
	full     int // the size of every block but the last
	userRoot uint32
	blocks   [][][]byte // items of each block
	used     []int      // bytes taken in each block: header, items, page map
}

// newHN starts a heap whose blocks but the last are written full-size
// (full bytes, the file's largest data block), their free space between
// the items and the page map, as readers that address a node's data as
// one stream of full blocks expect.
func newHN(client byte, full int) *hnBuilder { return &hnBuilder{client: client, full: full} }

func hnHeaderSize(i int) int {
	switch {
	case i == 0:
		return 12 // HNHDR
	case i%128 == 8:
		return 66 // HNBITMAPHDR
	}
	return 2 // HNPAGEHDR
}

// alloc adds an item (at most maxHeapItem bytes) and returns its HID.
func (h *hnBuilder) alloc(b []byte) uint32 {
	need := len(b) + 2 + 1 // the item, its rgibAlloc entry, alignment slack
	n := len(h.blocks)
	if n == 0 || h.used[n-1]+need > maxBlockData || len(h.blocks[n-1]) >= 2047 {
		h.blocks = append(h.blocks, nil)
		h.used = append(h.used, hnHeaderSize(n)+4+2)
		n++
	}
	h.blocks[n-1] = append(h.blocks[n-1], b)
	h.used[n-1] += len(b) + 2
	return uint32(n-1)<<16 | uint32(len(h.blocks[n-1]))<<5
}

// set replaces the item a HID names (for headers written before what
// they point to is known).
func (h *hnBuilder) set(hid uint32, b []byte) {
	blk, i := hid>>16, (hid>>5&0x7FF)-1
	h.used[blk] += len(b) - len(h.blocks[blk][i])
	h.blocks[blk][i] = b
}

func fillLevel(free int) byte {
	for i, min := range []int{3584, 2560, 2048, 1792, 1536, 1280, 1024, 768, 512, 256, 128, 64, 32, 16, 8} {
		if free >= min {
			return byte(i)
		}
	}
	return 0xF
}

// bytes serialises the heap's blocks.
func (h *hnBuilder) bytes() ([][]byte, error) {
	if len(h.blocks) == 0 {
		h.alloc(nil)
	}
	out := make([][]byte, len(h.blocks))
	for i, u := range h.used {
		if u > maxBlockData {
			return nil, errors.New("pst: heap block " + strconv.Itoa(i) + " would hold " + strconv.Itoa(u) + " bytes, more than a block")
		}
	}
	sizes := make([]int, len(h.blocks))
	for i, items := range h.blocks {
		hs := hnHeaderSize(i)
		b := make([]byte, hs, maxBlockData)
		offs := []uint16{uint16(hs)}
		for _, it := range items {
			b = append(b, it...)
			offs = append(offs, uint16(len(b)))
		}
		if len(b)%2 == 1 {
			b = append(b, 0)
		}
		if i < len(h.blocks)-1 {
			if pad := h.full - (len(b) + 4 + 2*len(offs)); pad > 0 {
				b = append(b, make([]byte, pad)...)
			}
		}
		binary.LittleEndian.PutUint16(b, uint16(len(b)))
		b = binary.LittleEndian.AppendUint16(b, uint16(len(items)))
		b = binary.LittleEndian.AppendUint16(b, 0)
		for _, o := range offs {
			b = binary.LittleEndian.AppendUint16(b, o)
		}
		out[i] = b
		sizes[i] = len(b)
	}
	b0 := out[0]
	b0[2], b0[3] = hnSig, h.client
	binary.LittleEndian.PutUint32(b0[4:], h.userRoot)
	for i := range out {
		lvl := fillLevel(maxBlockData - sizes[i])
		switch {
		case i < 8:
			b0[8+i/2] |= lvl << (4 * (i % 2))
		default:
			base := i - (i-8)%128
			j := i - base
			out[base][2+j/2] |= lvl << (4 * (j % 2))
		}
	}
	return out, nil
}

// bthRecord is one key and its data.
type bthRecord struct{ key, data []byte }

// bth writes a BTH ([MS-PST] 2.3.2) of the sorted records into the heap
// and returns the HID of its header.
func (h *hnBuilder) bth(cbKey, cbEnt int, recs []bthRecord) uint32 {
	return h.bthAt(h.alloc(make([]byte, 8)), cbKey, cbEnt, recs)
}

// bthAt is bth with its header at an item allocated before.
func (h *hnBuilder) bthAt(head uint32, cbKey, cbEnt int, recs []bthRecord) uint32 {
	var root uint32
	levels := 0
	if len(recs) > 0 {
		type ref struct {
			key []byte
			hid uint32
		}
		size := cbKey + cbEnt
		per := maxHeapItem / size
		var level []ref
		for i := 0; i < len(recs); i += per {
			end := min(i+per, len(recs))
			var b []byte
			for _, r := range recs[i:end] {
				b = append(b, r.key...)
				b = append(b, r.data...)
			}
			level = append(level, ref{recs[i].key, h.alloc(b)})
		}
		for len(level) > 1 {
			levels++
			per := maxHeapItem / (cbKey + 4)
			var up []ref
			for i := 0; i < len(level); i += per {
				end := min(i+per, len(level))
				var b []byte
				for _, r := range level[i:end] {
					b = append(b, r.key...)
					b = binary.LittleEndian.AppendUint32(b, r.hid)
				}
				up = append(up, ref{level[i].key, h.alloc(b)})
			}
			level = up
		}
		root = level[0].hid
	}
	hb := []byte{clientBTH, byte(cbKey), byte(cbEnt), byte(levels), 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(hb[4:], root)
	h.set(head, hb)
	return head
}

// wprop is a property to write: its tag (named ones numbered in the
// file's map) and its value's PST form.
type wprop struct {
	tag   proptag.PropTag
	data  []byte // the value's bytes (fixed values in their wire form)
	isObj bool   // a PtypObject: data is NID and size
}

// storeValue puts a value in the heap, or in a subnode when it is larger
// than a heap item, and returns its HNID.
func (h *hnBuilder) storeValue(data []byte, subs *subTree) uint32 {
	if len(data) > maxHeapItem {
		nid := subs.newNID(0x1F)
		subs.add(nid, subs.w.writeData(data), 0)
		return nid
	}
	return h.alloc(data)
}

// pc writes a property context ([MS-PST] 2.3.3).
func (w *writer) pc(props []wprop, subs *subTree) ([][]byte, error) {
	h := newHN(clientPC, w.maxData())
	sort.SliceStable(props, func(i, j int) bool { return props[i].tag.ID() < props[j].tag.ID() })
	for i := 1; i < len(props); i++ {
		if props[i].tag.ID() == props[i-1].tag.ID() {
			return nil, errors.New("two properties with id 0x" + hex(uint64(props[i].tag.ID())) + " in one property context")
		}
	}
	head := h.alloc(make([]byte, 8))
	recs := make([]bthRecord, 0, len(props))
	for _, p := range props {
		typ := p.tag.Type()
		var hnid uint32
		switch {
		case inPC(typ):
			var b [4]byte
			copy(b[:], p.data)
			hnid = binary.LittleEndian.Uint32(b[:])
		default:
			hnid = h.storeValue(p.data, subs)
		}
		k := binary.LittleEndian.AppendUint16(nil, p.tag.ID())
		d := binary.LittleEndian.AppendUint16(nil, uint16(typ))
		d = binary.LittleEndian.AppendUint32(d, hnid)
		recs = append(recs, bthRecord{k, d})
	}
	h.userRoot = h.bthAt(head, 2, 6, recs) // the BTH's header is the heap's first item
	return h.bytes()
}

// tcColumn is a column of a table to write.
type tcColumn struct {
	tag proptag.PropTag
	ib  int
	cb  int
	bit int
}

func cellSize(t proptag.PropType) int {
	switch t {
	case proptag.PT_BOOLEAN:
		return 1
	case proptag.PT_I2:
		return 2
	case proptag.PT_LONG, proptag.PT_R4, proptag.PT_ERROR:
		return 4
	case proptag.PT_DOUBLE, proptag.PT_CURRENCY, proptag.PT_APPTIME, proptag.PT_I8, proptag.PT_SYSTIME:
		return 8
	}
	return 4 // an HNID
}

// tcRow is a row to write: its id and its cells by tag.
type tcRow struct {
	id    uint32
	cells map[proptag.PropTag][]byte
}

// tc writes a table context ([MS-PST] 2.3.4) with the given columns (the
// row id and version columns are added) and rows.
func (w *writer) tc(tags []proptag.PropTag, rows []tcRow, subs *subTree) ([][]byte, error) {
	all := append([]proptag.PropTag{tagLtpRowID, tagLtpRowVer}, tags...)
	seen := map[uint16]proptag.PropTag{}
	var cols []tcColumn
	for _, t := range all {
		if old, ok := seen[t.ID()]; ok {
			if old != t {
				return nil, errors.New("table columns 0x" + hex(uint64(old)) + " and 0x" + hex(uint64(t)) + " share an id")
			}
			continue
		}
		seen[t.ID()] = t
		cols = append(cols, tcColumn{tag: t, cb: cellSize(t.Type()), bit: len(cols)})
	}
	// Cells: the row id and version first, then 8-, 4-, 2- and 1-byte cells.
	var rgib [4]int
	cols[1].ib = 4
	off := 8
	for _, want := range []int{8, 4, 2, 1} {
		for i := 2; i < len(cols); i++ {
			if cols[i].cb == want {
				cols[i].ib = off
				off += want
			}
		}
		switch want {
		case 4:
			rgib[0] = off
		case 2:
			rgib[1] = off
		case 1:
			rgib[2] = off
		}
	}
	rowSize := off + (len(cols)+7)/8
	rgib[3] = rowSize

	h := newHN(clientTC, w.maxData())
	head := h.alloc(make([]byte, 22+8*len(cols))) // the TCINFO, filled in below
	matrix := make([]byte, 0, len(rows)*rowSize)
	idx := make([]bthRecord, 0, len(rows))
	for ri, r := range rows {
		row := make([]byte, rowSize)
		binary.LittleEndian.PutUint32(row, r.id)
		binary.LittleEndian.PutUint32(row[4:], uint32(ri))
		for _, c := range cols {
			switch c.tag {
			case tagLtpRowID, tagLtpRowVer:
				row[rgib[2]+c.bit/8] |= 0x80 >> (c.bit % 8)
				continue
			}
			v, ok := r.cells[c.tag]
			if !ok {
				continue
			}
			row[rgib[2]+c.bit/8] |= 0x80 >> (c.bit % 8)
			if item.IsFixedType(c.tag.Type()) {
				copy(row[c.ib:c.ib+c.cb], v)
				continue
			}
			binary.LittleEndian.PutUint32(row[c.ib:], h.storeValue(v, subs))
		}
		matrix = append(matrix, row...)
		ix := binary.LittleEndian.AppendUint32(nil, uint32(ri))
		if w.ansi {
			ix = ix[:2] // dwRowIndex is a WORD in ANSI files
		}
		idx = append(idx, bthRecord{binary.LittleEndian.AppendUint32(nil, r.id), ix})
	}
	sort.Slice(idx, func(i, j int) bool {
		return binary.LittleEndian.Uint32(idx[i].key) < binary.LittleEndian.Uint32(idx[j].key)
	})
	cbIndex := 4
	if w.ansi {
		cbIndex = 2
	}
	rowIndex := h.bth(4, cbIndex, idx)
	var hnidRows uint32
	switch {
	case len(matrix) == 0:
	case len(matrix) <= maxHeapItem:
		hnidRows = h.alloc(matrix)
	default:
		// Rows do not span blocks: each block but the last holds as many
		// as fit, padded to the full block size.
		per := w.maxData() / rowSize * rowSize
		var blocks [][]byte
		for i := 0; i < len(matrix); i += per {
			blk := matrix[i:min(i+per, len(matrix))]
			if i+per < len(matrix) {
				blk = append(blk[:len(blk):len(blk)], make([]byte, w.maxData()-len(blk))...)
			}
			blocks = append(blocks, blk)
		}
		hnidRows = subs.newNID(0x1F)
		subs.add(hnidRows, w.writeBlocks(blocks), 0)
	}
	info := []byte{clientTC, byte(len(cols))}
	for _, v := range rgib {
		info = binary.LittleEndian.AppendUint16(info, uint16(v))
	}
	info = binary.LittleEndian.AppendUint32(info, rowIndex)
	info = binary.LittleEndian.AppendUint32(info, hnidRows)
	info = binary.LittleEndian.AppendUint32(info, 0)
	sorted := append([]tcColumn(nil), cols...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].tag < sorted[j].tag })
	for _, c := range sorted {
		info = binary.LittleEndian.AppendUint32(info, uint32(c.tag))
		info = binary.LittleEndian.AppendUint16(info, uint16(c.ib))
		info = append(info, byte(c.cb), byte(c.bit))
	}
	h.set(head, info)
	h.userRoot = head
	return h.bytes()
}
