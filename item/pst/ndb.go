package pst

import (
	"encoding/binary"
	"errors"
	"io"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// The node database layer ([MS-PST] 2.2): the header, the node and block
// B-trees, data trees and subnode trees.

// ErrCRC is the cause of a CorruptError whose stored CRC differs from the
// one computed over the structure's bytes.
var ErrCRC = errors.New("CRC mismatch")

// ErrNotPST is returned by Open for a file that is not a PST or OST.
var ErrNotPST = errors.New("not a PST or OST file (no !BDN signature)")

// CorruptError is a structure of the file that cannot be read: which one
// (its [MS-PST] name), where (its file offset, -1 when unknown) and which
// BID or NID it has, and why. errors.Is finds the cause: ErrCRC,
// blob.ErrTruncated, blob.ErrInvalid or blob.ErrUnsupportedVersion.
type CorruptError struct {
	Structure string // "HEADER", "NBT page", "BBT page", "block", "XBLOCK", "SLBLOCK", "HN", "BTH", "PC", "TC"…
	Offset    int64  // the structure's file offset, -1 when unknown
	BID       uint64 // the block or page id, 0 when none
	NID       uint32 // the node id, 0 when none
	Err       error
	Detail    string
}

func (e *CorruptError) Error() string {
	s := "pst: " + e.Structure
	if e.NID != 0 {
		s += " of node 0x" + hex(uint64(e.NID))
	}
	if e.BID != 0 {
		s += " BID 0x" + hex(e.BID)
	}
	if e.Offset >= 0 {
		s += " at offset 0x" + hex(uint64(e.Offset))
	}
	s += ": " + e.Err.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the cause.
func (e *CorruptError) Unwrap() error { return e.Err }

func corrupt(structure string, off int64, bid uint64, cause error, detail string) *CorruptError {
	return &CorruptError{Structure: structure, Offset: off, BID: bid, Err: cause, Detail: detail}
}

// withNID sets the node id of a CorruptError that lacks one.
func withNID(err error, nid uint32) error {
	var ce *CorruptError
	if errors.As(err, &ce) && ce.NID == 0 {
		ce.NID = nid
	}
	return err
}

// Format is the form of a PST file: ANSI (32-bit ids) or Unicode (64-bit).
type Format uint8

// The file forms of [MS-PST] 2.2.2.6 (wVer).
const (
	Unicode Format = iota // wVer 23: 64-bit BIDs and offsets, 512-byte pages
	ANSI                  // wVer 14 or 15: 32-bit BIDs and offsets
)

func (f Format) String() string {
	if f == ANSI {
		return "ANSI"
	}
	return "Unicode"
}

// BREF is a block reference ([MS-PST] 2.2.2.4): a BID and the file offset
// of the block or page.
type BREF struct {
	BID uint64 // bid
	IB  uint64 // ib
}

// Header is the file's HEADER ([MS-PST] 2.2.2.6) with its ROOT (2.2.2.5).
type Header struct {
	Format        Format
	Version       uint16 // wVer
	ClientVersion uint16 // wVerClient
	MagicClient   uint16 // wMagicClient: 0x4D53 ("SM") for a PST, 0x4F53 ("SO") for an OST
	CryptMethod   CryptMethod
	NextBID       uint64 // bidNextB
	NextPage      uint64 // bidNextP
	Unique        uint32 // dwUnique
	NIDs          [32]uint32
	FileEOF       uint64 // ROOT.ibFileEof
	AMapLast      uint64 // ROOT.ibAMapLast
	AMapFree      uint64 // ROOT.cbAMapFree
	PMapFree      uint64 // ROOT.cbPMapFree
	NBT           BREF   // ROOT.BREFNBT
	BBT           BREF   // ROOT.BREFBBT
	AMapValid     uint8  // ROOT.fAMapValid
}

const (
	magicPST       = 0x4E444221 // "!BDN"
	headerSizeU    = 564
	headerSizeA    = 512
	pageSize       = 512
	blockTrailerU  = 16
	blockTrailerA  = 12
	maxBlockData   = 8192 - blockTrailerU // 8176, the largest data block of a Unicode file
	ptypeBBT       = 0x80
	ptypeNBT       = 0x81
	ptypeFMap      = 0x82
	ptypePMap      = 0x83
	ptypeAMap      = 0x84
	maxBTreeLevels = 16
)

// parseHeader reads the HEADER from the file's first bytes.
func parseHeader(b []byte) (*Header, error) {
	c := wire.NewCursor(b)
	var magic, crcPartial uint32
	h := &Header{}
	if !c.U32(&magic) || magic != magicPST {
		return nil, ErrNotPST
	}
	if !c.U32(&crcPartial) || !c.U16(&h.MagicClient) || !c.U16(&h.Version) || !c.U16(&h.ClientVersion) {
		return nil, corrupt("HEADER", 0, 0, blob.ErrTruncated, "the file ends inside the header")
	}
	switch {
	case h.Version == 14 || h.Version == 15:
		h.Format = ANSI
	case h.Version >= 23 && h.Version < 36:
		h.Format = Unicode
	case h.Version == 36:
		return nil, corrupt("HEADER", 10, 0, blob.ErrUnsupportedVersion, "wVer 36: the 4 KiB-page OST form is not read yet")
	default:
		return nil, corrupt("HEADER", 10, 0, blob.ErrUnsupportedVersion, "wVer "+strconv.Itoa(int(h.Version))+" is neither ANSI (14, 15) nor Unicode (23)")
	}
	size := headerSizeU
	if h.Format == ANSI {
		size = headerSizeA
	}
	if len(b) < size {
		return nil, corrupt("HEADER", 0, 0, blob.ErrTruncated, "need "+strconv.Itoa(size)+" bytes, the file has "+strconv.Itoa(len(b)))
	}
	if got := crc(b[8 : 8+471]); got != crcPartial {
		return nil, corrupt("HEADER", 4, 0, ErrCRC, "dwCRCPartial is 0x"+hex(uint64(crcPartial))+", the header's bytes give 0x"+hex(uint64(got)))
	}
	le := binary.LittleEndian
	if h.Format == Unicode {
		if full, got := le.Uint32(b[524:]), crc(b[8:8+516]); full != got {
			return nil, corrupt("HEADER", 524, 0, ErrCRC, "dwCRCFull is 0x"+hex(uint64(full))+", the header's bytes give 0x"+hex(uint64(got)))
		}
		h.NextPage = le.Uint64(b[32:])
		h.Unique = le.Uint32(b[40:])
		for i := range h.NIDs {
			h.NIDs[i] = le.Uint32(b[44+4*i:])
		}
		r := b[180:]
		h.FileEOF = le.Uint64(r[4:])
		h.AMapLast = le.Uint64(r[12:])
		h.AMapFree = le.Uint64(r[20:])
		h.PMapFree = le.Uint64(r[28:])
		h.NBT = BREF{le.Uint64(r[36:]), le.Uint64(r[44:])}
		h.BBT = BREF{le.Uint64(r[52:]), le.Uint64(r[60:])}
		h.AMapValid = r[68]
		h.CryptMethod = CryptMethod(b[513])
		h.NextBID = le.Uint64(b[516:])
	} else {
		h.NextBID = uint64(le.Uint32(b[24:]))
		h.NextPage = uint64(le.Uint32(b[28:]))
		h.Unique = le.Uint32(b[32:])
		for i := range h.NIDs {
			h.NIDs[i] = le.Uint32(b[36+4*i:])
		}
		r := b[164:]
		h.FileEOF = uint64(le.Uint32(r[4:]))
		h.AMapLast = uint64(le.Uint32(r[8:]))
		h.AMapFree = uint64(le.Uint32(r[12:]))
		h.PMapFree = uint64(le.Uint32(r[16:]))
		h.NBT = BREF{uint64(le.Uint32(r[20:])), uint64(le.Uint32(r[24:]))}
		h.BBT = BREF{uint64(le.Uint32(r[28:])), uint64(le.Uint32(r[32:]))}
		h.AMapValid = r[36]
		h.CryptMethod = CryptMethod(b[461])
	}
	if h.CryptMethod > CryptCyclic {
		return nil, corrupt("HEADER", -1, 0, blob.ErrUnsupportedVersion, "bCryptMethod "+h.CryptMethod.String()+" is none of NONE, PERMUTE, CYCLIC")
	}
	return h, nil
}

// ndb reads pages and blocks of one file.
type ndb struct {
	r    io.ReaderAt
	size int64
	h    *Header
}

func (d *ndb) unicode() bool { return d.h.Format == Unicode }

// read reads n bytes at off, after checking that they lie in the file.
func (d *ndb) read(structure string, off int64, bid uint64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off > d.size || int64(n) > d.size-off {
		return nil, corrupt(structure, off, bid, blob.ErrTruncated, strconv.Itoa(n)+" bytes at this offset run past the end of the "+strconv.FormatInt(d.size, 10)+"-byte file")
	}
	b := make([]byte, n)
	if _, err := d.r.ReadAt(b, off); err != nil && !(errors.Is(err, io.EOF)) {
		return nil, corrupt(structure, off, bid, blob.ErrTruncated, "read: "+err.Error())
	}
	return b, nil
}

// page reads the 512-byte page ref points to and checks its trailer
// ([MS-PST] 2.2.2.7.1): the page type, its repeat, the CRC of the data
// and, for B-tree pages, the signature and the BID.
func (d *ndb) page(structure string, ref BREF, ptype byte) ([]byte, error) {
	b, err := d.read(structure, int64(ref.IB), ref.BID, pageSize)
	if err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	var (
		dataLen int
		t       []byte
		stored  uint32
		bid     uint64
		wsig    uint16
	)
	if d.unicode() {
		dataLen = 496
		t = b[496:]
		wsig, stored, bid = le.Uint16(t[2:]), le.Uint32(t[4:]), le.Uint64(t[8:])
	} else {
		dataLen = 500
		t = b[500:]
		wsig, bid, stored = le.Uint16(t[2:]), uint64(le.Uint32(t[4:])), le.Uint32(t[8:])
	}
	off := int64(ref.IB)
	if t[0] != ptype || t[1] != ptype {
		return nil, corrupt(structure, off, ref.BID, blob.ErrInvalid, "page type 0x"+hex(uint64(t[0]))+"/0x"+hex(uint64(t[1]))+", want 0x"+hex(uint64(ptype)))
	}
	if got := crc(b[:dataLen]); got != stored {
		return nil, corrupt(structure, off, ref.BID, ErrCRC, "the trailer says 0x"+hex(uint64(stored))+", the page's bytes give 0x"+hex(uint64(got)))
	}
	if bid != ref.BID {
		return nil, corrupt(structure, off, ref.BID, blob.ErrInvalid, "the trailer's BID is 0x"+hex(bid)+", the reference's 0x"+hex(ref.BID))
	}
	if (ptype == ptypeBBT || ptype == ptypeNBT) && wsig != sig(ref.IB, ref.BID) {
		return nil, corrupt(structure, off, ref.BID, blob.ErrInvalid, "signature 0x"+hex(uint64(wsig))+", want 0x"+hex(uint64(sig(ref.IB, ref.BID))))
	}
	return b[:dataLen], nil
}

// btPage is one B-tree page's entries ([MS-PST] 2.2.2.7.7).
type btPage struct {
	entries []byte
	n       int // cEnt
	size    int // cbEnt
	level   int // cLevel
}

func (p *btPage) entry(i int) []byte { return p.entries[i*p.size : (i+1)*p.size] }

func (d *ndb) btPage(structure string, ref BREF, ptype byte) (*btPage, error) {
	b, err := d.page(structure, ref, ptype)
	if err != nil {
		return nil, err
	}
	area := 488
	if !d.unicode() {
		area = 496
	}
	p := &btPage{n: int(b[area]), size: int(b[area+2]), level: int(b[area+3])}
	maxEnt := int(b[area+1])
	off := int64(ref.IB)
	want := d.leafSize(ptype)
	if p.level > 0 {
		want = d.keySize() + d.brefSize()
	}
	switch {
	case p.size < want:
		return nil, corrupt(structure, off, ref.BID, blob.ErrInvalid, "cbEnt "+strconv.Itoa(p.size)+" is below the "+strconv.Itoa(want)+" bytes of an entry at level "+strconv.Itoa(p.level))
	case p.n > maxEnt || p.n*p.size > area:
		return nil, corrupt(structure, off, ref.BID, blob.ErrInvalid, "cEnt "+strconv.Itoa(p.n)+" entries of "+strconv.Itoa(p.size)+" bytes do not fit (cEntMax "+strconv.Itoa(maxEnt)+")")
	case p.level >= maxBTreeLevels:
		return nil, corrupt(structure, off, ref.BID, blob.ErrInvalid, "cLevel "+strconv.Itoa(p.level)+" is deeper than any B-tree this reader follows")
	}
	p.entries = b[:p.n*p.size]
	return p, nil
}

func (d *ndb) keySize() int {
	if d.unicode() {
		return 8
	}
	return 4
}

func (d *ndb) brefSize() int { return 2 * d.keySize() }

func (d *ndb) leafSize(ptype byte) int {
	if ptype == ptypeNBT {
		if d.unicode() {
			return 32 // nid 8, bidData 8, bidSub 8, nidParent 4, padding 4
		}
		return 16
	}
	if d.unicode() {
		return 24 // BREF 16, cb 2, cRef 2, padding 4
	}
	return 12
}

func (d *ndb) uint(b []byte) uint64 {
	if d.unicode() {
		return binary.LittleEndian.Uint64(b)
	}
	return uint64(binary.LittleEndian.Uint32(b))
}

func (d *ndb) bref(b []byte) BREF {
	k := d.keySize()
	return BREF{d.uint(b), d.uint(b[k:])}
}

func btName(ptype byte) string {
	if ptype == ptypeNBT {
		return "NBT page"
	}
	return "BBT page"
}

// lookup finds the leaf entry with the given key in the B-tree at root
// ([MS-PST] 2.2.2.7.7): each level's child must sit one level lower, so
// a lookup reads at most maxBTreeLevels pages.
func (d *ndb) lookup(root BREF, ptype byte, key uint64) ([]byte, error) {
	ref := root
	level := -1
	for range maxBTreeLevels + 1 {
		p, err := d.btPage(btName(ptype), ref, ptype)
		if err != nil {
			return nil, err
		}
		if level >= 0 && p.level != level-1 {
			return nil, corrupt(btName(ptype), int64(ref.IB), ref.BID, blob.ErrInvalid, "cLevel "+strconv.Itoa(p.level)+" below a page of level "+strconv.Itoa(level))
		}
		level = p.level
		if p.level == 0 {
			for i := range p.n {
				e := p.entry(i)
				k := d.uint(e)
				if ptype == ptypeNBT && d.unicode() {
					k = uint64(binary.LittleEndian.Uint32(e))
				}
				if ptype == ptypeBBT {
					k &^= 1
				}
				if k == key {
					return e, nil
				}
			}
			return nil, nil
		}
		next := -1
		for i := range p.n {
			if k := d.uint(p.entry(i)); k <= key {
				next = i
			} else {
				break
			}
		}
		if next < 0 {
			return nil, nil
		}
		ref = d.bref(p.entry(next)[d.keySize():])
	}
	return nil, corrupt(btName(ptype), int64(ref.IB), ref.BID, blob.ErrInvalid, "the tree is deeper than "+strconv.Itoa(maxBTreeLevels)+" levels")
}

// walk calls fn with every leaf entry of the B-tree at root. A page that
// cannot be read is reported to bad and the walk goes on with the rest; a
// page reached twice (a cycle, or two parents) is reported and not
// followed again.
func (d *ndb) walk(root BREF, ptype byte, fn func(e []byte), bad func(error)) {
	seen := map[uint64]bool{}
	var visit func(ref BREF, level int)
	visit = func(ref BREF, level int) {
		if seen[ref.IB] {
			bad(corrupt(btName(ptype), int64(ref.IB), ref.BID, blob.ErrInvalid, "the page is reached twice in the tree"))
			return
		}
		seen[ref.IB] = true
		p, err := d.btPage(btName(ptype), ref, ptype)
		if err != nil {
			bad(err)
			return
		}
		if level >= 0 && p.level != level-1 {
			bad(corrupt(btName(ptype), int64(ref.IB), ref.BID, blob.ErrInvalid, "cLevel "+strconv.Itoa(p.level)+" below a page of level "+strconv.Itoa(level)))
			return
		}
		for i := range p.n {
			e := p.entry(i)
			if p.level == 0 {
				fn(e)
				continue
			}
			visit(d.bref(e[d.keySize():]), p.level)
		}
	}
	visit(root, -1)
}

// node is a node of the NBT ([MS-PST] 2.2.2.7.7.4) or of a subnode tree.
type node struct {
	nid    uint32
	data   uint64 // bidData
	sub    uint64 // bidSub
	parent uint32 // nidParent (NBT nodes only)
}

func (d *ndb) nbtEntry(e []byte) node {
	le := binary.LittleEndian
	if d.unicode() {
		return node{nid: le.Uint32(e), data: le.Uint64(e[8:]), sub: le.Uint64(e[16:]), parent: le.Uint32(e[24:])}
	}
	return node{nid: le.Uint32(e), data: uint64(le.Uint32(e[4:])), sub: uint64(le.Uint32(e[8:])), parent: le.Uint32(e[12:])}
}

// node finds a node of the NBT.
func (d *ndb) node(nid uint32) (node, error) {
	e, err := d.lookup(d.h.NBT, ptypeNBT, uint64(nid))
	if err != nil {
		return node{}, withNID(err, nid)
	}
	if e == nil {
		return node{}, &CorruptError{Structure: "NBT", Offset: -1, NID: nid, Err: blob.ErrInvalid, Detail: "no such node in the node B-tree"}
	}
	return d.nbtEntry(e), nil
}

// block reads one block ([MS-PST] 2.2.2.8) by its BID: the BBT gives its
// offset and size; the trailer's size, signature, BID and CRC are checked,
// and a data block is decoded with the file's encoding.
func (d *ndb) block(bid uint64) ([]byte, error) {
	bid &^= 1
	e, err := d.lookup(d.h.BBT, ptypeBBT, bid)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, corrupt("block", -1, bid, blob.ErrInvalid, "no such block in the block B-tree")
	}
	ref := d.bref(e)
	cb := int(binary.LittleEndian.Uint16(e[d.brefSize():]))
	trailer := blockTrailerU
	if !d.unicode() {
		trailer = blockTrailerA
	}
	if cb+trailer > 8192 {
		return nil, corrupt("block", int64(ref.IB), bid, blob.ErrInvalid, "cb "+strconv.Itoa(cb)+" is more than a block holds ("+strconv.Itoa(8192-trailer)+")")
	}
	total := (cb + trailer + 63) &^ 63
	off := int64(ref.IB)
	b, err := d.read("block", off, bid, total)
	if err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	t := b[total-trailer:]
	var (
		tcb    = int(le.Uint16(t))
		wsig   = le.Uint16(t[2:])
		stored uint32
		tbid   uint64
	)
	if d.unicode() {
		stored, tbid = le.Uint32(t[4:]), le.Uint64(t[8:])
	} else {
		tbid, stored = uint64(le.Uint32(t[4:])), le.Uint32(t[8:])
	}
	switch {
	case tcb != cb:
		return nil, corrupt("block", off, bid, blob.ErrInvalid, "the trailer's cb is "+strconv.Itoa(tcb)+", the BBT's "+strconv.Itoa(cb))
	case tbid&^1 != bid:
		return nil, corrupt("block", off, bid, blob.ErrInvalid, "the trailer's BID is 0x"+hex(tbid))
	case wsig != sig(ref.IB, tbid):
		return nil, corrupt("block", off, bid, blob.ErrInvalid, "signature 0x"+hex(uint64(wsig))+", want 0x"+hex(uint64(sig(ref.IB, tbid))))
	}
	data := b[:cb:cb]
	if got := crc(data); got != stored {
		return nil, corrupt("block", off, bid, ErrCRC, "the trailer says 0x"+hex(uint64(stored))+", the block's bytes give 0x"+hex(uint64(got)))
	}
	if bid&2 == 0 { // a data block; internal blocks are not encoded
		switch d.h.CryptMethod {
		case CryptPermute:
			permute(data, false)
		case CryptCyclic:
			cyclic(data, uint32(tbid))
		}
	}
	return data, nil
}

// dataTree reads the data of a node ([MS-PST] 2.2.2.8.3.2): one data
// block, or an XBLOCK or XXBLOCK listing them. It returns the data
// blocks in order, for the heap-on-node whose HIDs index blocks. A block
// met twice in the tree is an error (the tree would loop or repeat), and
// the total is capped by the file's size.
func (d *ndb) dataTree(bid uint64) ([][]byte, error) {
	if bid == 0 {
		return nil, nil
	}
	if bid&2 == 0 {
		b, err := d.block(bid)
		if err != nil {
			return nil, err
		}
		return [][]byte{b}, nil
	}
	seen := map[uint64]bool{}
	var out [][]byte
	total := int64(0)
	var visit func(bid uint64, level int) error
	visit = func(bid uint64, level int) error {
		if seen[bid&^1] {
			return corrupt("XBLOCK", -1, bid, blob.ErrInvalid, "the block is reached twice in the data tree")
		}
		seen[bid&^1] = true
		if bid&2 == 0 {
			if level != 0 {
				return corrupt("XBLOCK", -1, bid, blob.ErrInvalid, "a data block where an XBLOCK was due")
			}
			b, err := d.block(bid)
			if err != nil {
				return err
			}
			total += int64(len(b))
			if total > d.size {
				return corrupt("XBLOCK", -1, bid, blob.ErrInvalid, "the data tree holds more than the file's size")
			}
			out = append(out, b)
			return nil
		}
		b, err := d.block(bid)
		if err != nil {
			return err
		}
		name := "XBLOCK"
		c := wire.NewCursor(b)
		var btype, clevel uint8
		var cent uint16
		var lcb uint32
		if !c.U8(&btype) || !c.U8(&clevel) || !c.U16(&cent) || !c.U32(&lcb) {
			return corrupt(name, -1, bid, blob.ErrTruncated, "the block is shorter than an XBLOCK header")
		}
		if clevel == 2 {
			name = "XXBLOCK"
		}
		switch {
		case btype != 0x01:
			return corrupt(name, -1, bid, blob.ErrInvalid, "btype 0x"+hex(uint64(btype))+", want 0x01")
		case clevel != 1 && clevel != 2:
			return corrupt(name, -1, bid, blob.ErrInvalid, "cLevel "+strconv.Itoa(int(clevel)))
		case level >= 0 && int(clevel) != level:
			return corrupt(name, -1, bid, blob.ErrInvalid, "cLevel "+strconv.Itoa(int(clevel))+" where "+strconv.Itoa(level)+" was due")
		case int64(lcb) > d.size:
			return corrupt(name, -1, bid, blob.ErrInvalid, "lcbTotal "+strconv.FormatUint(uint64(lcb), 10)+" is more than the file holds")
		case !c.Fits(uint64(cent), d.keySize()):
			return corrupt(name, -1, bid, blob.ErrTruncated, strconv.Itoa(int(cent))+" BIDs do not fit in the block")
		}
		for range int(cent) {
			var child uint64
			if d.unicode() {
				c.U64(&child)
			} else {
				var v uint32
				c.U32(&v)
				child = uint64(v)
			}
			if err := visit(child, int(clevel)-1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := visit(bid, -1); err != nil {
		return nil, err
	}
	return out, nil
}

// subnodes reads a subnode tree ([MS-PST] 2.2.2.8.3.3): SLBLOCKs, or an
// SIBLOCK listing them, mapping each subnode's NID to its data and its own
// subnode tree.
func (d *ndb) subnodes(bid uint64) (map[uint32]node, error) {
	out := map[uint32]node{}
	if bid == 0 {
		return out, nil
	}
	seen := map[uint64]bool{}
	var visit func(bid uint64, level int) error
	visit = func(bid uint64, level int) error {
		if seen[bid&^1] {
			return corrupt("SIBLOCK", -1, bid, blob.ErrInvalid, "the block is reached twice in the subnode tree")
		}
		seen[bid&^1] = true
		b, err := d.block(bid)
		if err != nil {
			return err
		}
		c := wire.NewCursor(b)
		var btype, clevel uint8
		var cent uint16
		if !c.U8(&btype) || !c.U8(&clevel) || !c.U16(&cent) || d.unicode() && !c.Skip(4) {
			return corrupt("SLBLOCK", -1, bid, blob.ErrTruncated, "the block is shorter than an SLBLOCK header")
		}
		name := "SLBLOCK"
		if clevel == 1 {
			name = "SIBLOCK"
		}
		k := d.keySize()
		size := 3 * k
		if clevel == 1 {
			size = 2 * k
		}
		switch {
		case btype != 0x02:
			return corrupt(name, -1, bid, blob.ErrInvalid, "btype 0x"+hex(uint64(btype))+", want 0x02")
		case clevel > 1:
			return corrupt(name, -1, bid, blob.ErrInvalid, "cLevel "+strconv.Itoa(int(clevel)))
		case level >= 0 && int(clevel) != level:
			return corrupt(name, -1, bid, blob.ErrInvalid, "cLevel "+strconv.Itoa(int(clevel))+" where "+strconv.Itoa(level)+" was due")
		case !c.Fits(uint64(cent), size):
			return corrupt(name, -1, bid, blob.ErrTruncated, strconv.Itoa(int(cent))+" entries do not fit in the block")
		}
		for range int(cent) {
			e, _ := c.Fixed(size)
			nid := uint32(d.uint(e))
			if clevel == 1 {
				if err := visit(d.uint(e[k:]), 0); err != nil {
					return err
				}
				continue
			}
			out[nid] = node{nid: nid, data: d.uint(e[k:]), sub: d.uint(e[2*k:])}
		}
		return nil
	}
	if err := visit(bid, -1); err != nil {
		return nil, err
	}
	return out, nil
}
