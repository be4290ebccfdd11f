package msg

import (
	"encoding/binary"
	"errors"
	"sort"
	"strings"
	"unicode/utf16"
)

// A minimal Compound File Binary writer ([MS-CFB]), version 3 (512-byte
// sectors), for Write. Streams shorter than 4096 bytes live in the mini
// stream (64-byte mini sectors), longer ones in sectors of their own; the
// directory's sibling trees are balanced binary search trees in CFB's name
// order with every node black. The file must fit in the 109 FAT sectors the
// header lists (about 6.8 MiB): no DIFAT sectors are written.

const (
	cfbSectorSize   = 512
	cfbMiniSize     = 64
	cfbMiniCutoff   = 4096
	cfbFreeSect     = 0xFFFFFFFF
	cfbEndOfChain   = 0xFFFFFFFE
	cfbFATSect      = 0xFFFFFFFD
	cfbNoStream     = 0xFFFFFFFF
	cfbHeaderDIFATs = 109
)

// cfbNode is a storage (Children) or a stream (Data) of the file to write.
type cfbNode struct {
	Name     string
	Storage  bool
	Data     []byte
	Children []*cfbNode
}

func (n *cfbNode) stream(name string, data []byte) {
	n.Children = append(n.Children, &cfbNode{Name: name, Data: data})
}

func (n *cfbNode) storage(name string) *cfbNode {
	c := &cfbNode{Name: name, Storage: true}
	n.Children = append(n.Children, c)
	return c
}

// cfbLess is CFB's directory order: shorter names first, then by the
// upper-cased UTF-16 code units.
func cfbLess(a, b string) bool {
	ua, ub := utf16.Encode([]rune(strings.ToUpper(a))), utf16.Encode([]rune(strings.ToUpper(b)))
	if len(ua) != len(ub) {
		return len(ua) < len(ub)
	}
	for i := range ua {
		if ua[i] != ub[i] {
			return ua[i] < ub[i]
		}
	}
	return false
}

type cfbEntry struct {
	node               *cfbNode
	kind               byte // 1 storage, 2 stream, 5 root
	left, right, child uint32
	start              uint32
	size               uint32
}

var errCFBTooLarge = errors.New("cfb: the file would need more than 109 FAT sectors; the writer does not write DIFAT sectors")

// writeCFB lays out root and returns the file's bytes.
func writeCFB(root *cfbNode) ([]byte, error) {
	// Directory entries: root first, then each storage's children, with the
	// sibling tree of every storage built from its sorted children.
	entries := []*cfbEntry{{node: root, kind: 5, left: cfbNoStream, right: cfbNoStream, child: cfbNoStream}}
	var build func(parent *cfbEntry)
	build = func(parent *cfbEntry) {
		kids := append([]*cfbNode(nil), parent.node.Children...)
		sort.SliceStable(kids, func(i, j int) bool { return cfbLess(kids[i].Name, kids[j].Name) })
		ids := make([]uint32, len(kids))
		for i, k := range kids {
			e := &cfbEntry{node: k, kind: 2, left: cfbNoStream, right: cfbNoStream, child: cfbNoStream}
			if k.Storage {
				e.kind = 1
			}
			ids[i] = uint32(len(entries))
			entries = append(entries, e)
		}
		var tree func(lo, hi int) uint32
		tree = func(lo, hi int) uint32 {
			if lo >= hi {
				return cfbNoStream
			}
			mid := (lo + hi) / 2
			e := entries[ids[mid]]
			e.left, e.right = tree(lo, mid), tree(mid+1, hi)
			return ids[mid]
		}
		parent.child = tree(0, len(kids))
		for _, id := range ids {
			if entries[id].kind == 1 {
				build(entries[id])
			}
		}
	}
	build(entries[0])

	// The mini stream: small streams, each rounded up to 64 bytes.
	var mini []byte
	var miniFAT []uint32
	var big []*cfbEntry
	for _, e := range entries {
		if e.kind != 2 {
			continue
		}
		e.size = uint32(len(e.node.Data))
		switch {
		case len(e.node.Data) == 0:
			e.start = cfbEndOfChain
		case len(e.node.Data) < cfbMiniCutoff:
			e.start = uint32(len(mini) / cfbMiniSize)
			n := (len(e.node.Data) + cfbMiniSize - 1) / cfbMiniSize
			for i := 0; i < n; i++ {
				next := uint32(len(miniFAT) + 1)
				if i == n-1 {
					next = cfbEndOfChain
				}
				miniFAT = append(miniFAT, next)
			}
			mini = append(mini, e.node.Data...)
			mini = append(mini, make([]byte, n*cfbMiniSize-len(e.node.Data))...)
		default:
			big = append(big, e)
		}
	}
	sectors := func(n int) int { return (n + cfbSectorSize - 1) / cfbSectorSize }
	dirSectors := sectors(len(entries) * 128)
	miniFATSectors := sectors(len(miniFAT) * 4)
	miniSectors := sectors(len(mini))
	bigSectors := 0
	for _, e := range big {
		bigSectors += sectors(len(e.node.Data))
	}
	content := dirSectors + miniFATSectors + miniSectors + bigSectors
	fatSectors := 1
	for fatSectors*(cfbSectorSize/4) < content+fatSectors {
		fatSectors++
	}
	if fatSectors > cfbHeaderDIFATs {
		return nil, errCFBTooLarge
	}
	total := fatSectors + content
	fat := make([]uint32, fatSectors*(cfbSectorSize/4))
	for i := range fat {
		fat[i] = cfbFreeSect
	}
	next := uint32(0)
	chain := func(n int) uint32 {
		if n == 0 {
			return cfbEndOfChain
		}
		first := next
		for i := 0; i < n; i++ {
			if i == n-1 {
				fat[next] = cfbEndOfChain
			} else {
				fat[next] = next + 1
			}
			next++
		}
		return first
	}
	for i := 0; i < fatSectors; i++ {
		fat[next] = cfbFATSect
		next++
	}
	dirStart := chain(dirSectors)
	miniFATStart := chain(miniFATSectors)
	entries[0].start = chain(miniSectors)
	entries[0].size = uint32(len(mini))
	for _, e := range big {
		e.start = chain(sectors(len(e.node.Data)))
	}

	out := make([]byte, cfbSectorSize*(1+total))
	h := out[:cfbSectorSize]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x003E) // minor version
	le.PutUint16(h[26:], 3)      // major version
	le.PutUint16(h[28:], 0xFFFE) // byte order
	le.PutUint16(h[30:], 9)      // sector shift
	le.PutUint16(h[32:], 6)      // mini sector shift
	le.PutUint32(h[44:], uint32(fatSectors))
	le.PutUint32(h[48:], dirStart)
	le.PutUint32(h[56:], cfbMiniCutoff)
	le.PutUint32(h[60:], miniFATStart)
	le.PutUint32(h[64:], uint32(miniFATSectors))
	le.PutUint32(h[68:], cfbEndOfChain) // first DIFAT sector
	le.PutUint32(h[72:], 0)
	for i := 0; i < cfbHeaderDIFATs; i++ {
		v := uint32(cfbFreeSect)
		if i < fatSectors {
			v = uint32(i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
	sector := func(n uint32) []byte { return out[cfbSectorSize*(1+int(n)):] }
	for i, v := range fat {
		le.PutUint32(sector(0)[4*i:], v) // FAT sectors are 0..fatSectors-1, contiguous
	}
	if miniFATStart != cfbEndOfChain {
		m := sector(miniFATStart)[:miniFATSectors*cfbSectorSize]
		for i := range m {
			m[i] = 0xFF
		}
		for i, v := range miniFAT {
			le.PutUint32(m[4*i:], v)
		}
	}
	if len(mini) > 0 {
		copy(sector(entries[0].start), mini)
	}
	for _, e := range big {
		copy(sector(e.start), e.node.Data)
	}
	d := sector(dirStart)[:dirSectors*cfbSectorSize]
	for i := 0; i < dirSectors*cfbSectorSize/128; i++ {
		b := d[128*i : 128*i+128]
		if i >= len(entries) {
			le.PutUint32(b[68:], cfbNoStream)
			le.PutUint32(b[72:], cfbNoStream)
			le.PutUint32(b[76:], cfbNoStream)
			continue
		}
		e := entries[i]
		name := "Root Entry"
		if i > 0 {
			name = e.node.Name
		}
		u := utf16.Encode([]rune(name))
		if len(u) > 31 {
			return nil, errors.New("cfb: name " + name + " is longer than 31 characters")
		}
		for j, c := range u {
			le.PutUint16(b[2*j:], c)
		}
		le.PutUint16(b[64:], uint16(2*(len(u)+1)))
		b[66] = e.kind
		b[67] = 1 // black
		le.PutUint32(b[68:], e.left)
		le.PutUint32(b[72:], e.right)
		le.PutUint32(b[76:], e.child)
		if e.kind == 2 || e.kind == 5 {
			le.PutUint32(b[116:], e.start)
			le.PutUint32(b[120:], e.size)
		}
	}
	return out, nil
}
