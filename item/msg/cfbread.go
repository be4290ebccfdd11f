package msg

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// readCFB reads a Compound File Binary file ([MS-CFB]) in one walk,
// checking each structure as it reads it, so that hostile input fails with
// an error that names the structure and the sector or directory entry
// where it breaks: a file shorter than its header, FAT or directory sectors
// beyond the end of the file, FAT and mini FAT chains that loop or leave
// the file, streams whose size is beyond their chain or the file, and
// directory trees that loop. It returns every storage and stream reached
// from the root, by path.
func readCFB(b []byte) (*cfbTree, error) {
	le := binary.LittleEndian
	if len(b) < 512 {
		return nil, fmt.Errorf("cfb: the file is %d bytes, shorter than the 512-byte header", len(b))
	}
	if le.Uint64(b) != 0xE11AB1A1E011CFD0 {
		return nil, fmt.Errorf("cfb: no Compound File signature at offset 0 (found % X)", b[:8])
	}
	shift := le.Uint16(b[30:])
	if shift != 9 && shift != 12 {
		return nil, fmt.Errorf("cfb: header sector shift %d at offset 0x1E: must be 9 (512-byte sectors) or 12 (4096)", shift)
	}
	ss := 1 << shift
	if len(b) < ss {
		return nil, fmt.Errorf("cfb: the file is %d bytes, shorter than its first %d-byte sector", len(b), ss)
	}
	nsect := (len(b) - ss + ss - 1) / ss // sectors after the header, the last possibly cut short
	sectorAt := func(n uint32, what string) ([]byte, error) {
		if int64(n) >= int64(nsect) {
			return nil, fmt.Errorf("cfb: %s: sector %d lies beyond the end of the file (%d sectors after the header)", what, n, nsect)
		}
		off := ss * (1 + int(n))
		if off+ss > len(b) {
			return nil, fmt.Errorf("cfb: %s: sector %d is cut short: the file ends %d bytes into it", what, n, len(b)-off)
		}
		return b[off : off+ss], nil
	}
	per := uint32(ss / 4)

	// The FAT's sectors: 109 in the header, then the DIFAT chain.
	numFAT := le.Uint32(b[44:])
	if int64(numFAT) > int64(nsect) {
		return nil, fmt.Errorf("cfb: the header says %d FAT sectors (offset 0x2C), more than the file's %d sectors", numFAT, nsect)
	}
	var fatSectors []uint32
	for i := 0; i < 109 && uint32(len(fatSectors)) < numFAT; i++ {
		fatSectors = append(fatSectors, le.Uint32(b[76+4*i:]))
	}
	difat := le.Uint32(b[68:])
	numDIFAT := le.Uint32(b[72:])
	seen := map[uint32]bool{}
	for i := uint32(0); uint32(len(fatSectors)) < numFAT && difat != cfbEndOfChain && difat != cfbFreeSect; i++ {
		if i >= numDIFAT || i > uint32(nsect) {
			return nil, fmt.Errorf("cfb: the DIFAT chain is longer than the %d sectors the header gives (offset 0x48)", numDIFAT)
		}
		if seen[difat] {
			return nil, fmt.Errorf("cfb: the DIFAT chain loops back to sector %d", difat)
		}
		seen[difat] = true
		s, err := sectorAt(difat, "DIFAT sector "+strconv.Itoa(int(i)))
		if err != nil {
			return nil, err
		}
		for j := uint32(0); j < per-1 && uint32(len(fatSectors)) < numFAT; j++ {
			fatSectors = append(fatSectors, le.Uint32(s[4*j:]))
		}
		difat = le.Uint32(s[ss-4:])
	}
	if uint32(len(fatSectors)) < numFAT {
		return nil, fmt.Errorf("cfb: the header says %d FAT sectors but the DIFAT lists %d", numFAT, len(fatSectors))
	}
	fat := make([]uint32, 0, len(fatSectors)*int(per))
	for i, n := range fatSectors {
		s, err := sectorAt(n, "FAT sector "+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		for j := 0; j < int(per); j++ {
			fat = append(fat, le.Uint32(s[4*j:]))
		}
	}
	// chain follows a FAT (or mini FAT) chain from start, at most limit
	// links, and returns its sectors (in a buffer reused by the next call).
	// Loops are found with marks stamped by a generation number, so that
	// following the chains of every stream costs no allocation.
	var marks []uint32
	gen := uint32(0)
	var out []uint32
	chain := func(table []uint32, start uint32, limit int, what func() string, unit string) ([]uint32, error) {
		out = out[:0]
		gen++
		if len(marks) < len(table) {
			marks = make([]uint32, len(table))
		}
		for s := start; s != cfbEndOfChain; {
			if int64(s) >= int64(limit) {
				return nil, fmt.Errorf("cfb: %s: %s %d lies beyond the end of the file (%d %ss)", what(), unit, s, limit, unit)
			}
			if int(s) >= len(table) {
				return nil, fmt.Errorf("cfb: %s: %s %d has no entry in the allocation table (%d entries)", what(), unit, s, len(table))
			}
			if marks[s] == gen {
				return nil, fmt.Errorf("cfb: %s: the chain loops back to %s %d after %s", what(), unit, s, count(len(out), unit))
			}
			marks[s] = gen
			out = append(out, s)
			next := table[s]
			if next > 0xFFFFFFFA && next != cfbEndOfChain {
				return nil, fmt.Errorf("cfb: %s: the allocation table entry of %s %d is 0x%08X, not the next %s", what(), unit, s, next, unit)
			}
			s = next
		}
		return out, nil
	}
	named := func(s string) func() string { return func() string { return s } }

	// The directory.
	dirSecs, err := chain(fat, le.Uint32(b[48:]), nsect, named("directory"), "sector")
	if err != nil {
		return nil, err
	}
	dirSecs = append([]uint32(nil), dirSecs...)
	type entry struct {
		raw                []byte // the 128-byte directory entry
		kind               byte
		left, right, child uint32
		start              uint32
		size               uint64
	}
	var dir []entry
	for _, n := range dirSecs {
		s, err := sectorAt(n, "directory")
		if err != nil {
			return nil, err
		}
		for i := 0; i+128 <= ss; i += 128 {
			e := s[i : i+128]
			size := le.Uint64(e[120:])
			if shift == 9 {
				size &= 0xFFFFFFFF
			}
			dir = append(dir, entry{e, e[66], le.Uint32(e[68:]), le.Uint32(e[72:]), le.Uint32(e[76:]), le.Uint32(e[116:]), size})
		}
	}
	if len(dir) == 0 || dir[0].kind != 5 {
		return nil, fmt.Errorf("cfb: directory entry 0 is not the root storage")
	}
	// The tree: every link in range, no entry reached twice.
	reached := make([]bool, len(dir))
	var stack []uint32
	stack = append(stack, 0)
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if reached[i] {
			return nil, fmt.Errorf("cfb: directory entry %d (%q) is reached twice: the directory tree loops", i, entryName(dir[i].raw))
		}
		reached[i] = true
		for _, l := range []uint32{dir[i].left, dir[i].right, dir[i].child} {
			if l == cfbNoStream {
				continue
			}
			if int64(l) >= int64(len(dir)) {
				return nil, fmt.Errorf("cfb: directory entry %d (%q) links to entry %d; the directory has %d", i, entryName(dir[i].raw), l, len(dir))
			}
			stack = append(stack, l)
		}
	}
	// The mini stream and its FAT.
	var miniFAT []uint32
	miniSecs, err := chain(fat, le.Uint32(b[60:]), nsect, named("mini FAT"), "sector")
	if err != nil {
		return nil, err
	}
	for _, n := range miniSecs {
		s, err := sectorAt(n, "mini FAT")
		if err != nil {
			return nil, err
		}
		for j := 0; j < int(per); j++ {
			miniFAT = append(miniFAT, le.Uint32(s[4*j:]))
		}
	}
	root := dir[0]
	var miniStream []uint32
	if root.start != cfbEndOfChain && root.size > 0 {
		if miniStream, err = chain(fat, root.start, nsect, named("the mini stream (root entry)"), "sector"); err != nil {
			return nil, err
		}
		miniStream = append([]uint32(nil), miniStream...)
		if uint64(len(miniStream))*uint64(ss) < root.size {
			return nil, fmt.Errorf("cfb: the mini stream says %d bytes but its chain holds %d sectors", root.size, len(miniStream))
		}
		for _, n := range miniStream {
			if _, err := sectorAt(n, "the mini stream"); err != nil {
				return nil, err
			}
		}
	}
	miniLimit := len(miniStream) * ss / cfbMiniSize
	for i, e := range dir {
		if !reached[i] || e.kind != 2 {
			continue
		}
		what := func() string { return fmt.Sprintf("stream %q (directory entry %d)", entryName(e.raw), i) }
		if e.size > uint64(len(b)) {
			return nil, fmt.Errorf("cfb: %s says %d bytes, more than the whole file (%d bytes)", what(), e.size, len(b))
		}
		if e.size == 0 {
			continue
		}
		if e.size < cfbMiniCutoff {
			secs, err := chain(miniFAT, e.start, miniLimit, what, "mini sector")
			if err != nil {
				return nil, err
			}
			if uint64(len(secs))*cfbMiniSize < e.size {
				return nil, fmt.Errorf("cfb: %s says %d bytes but its mini chain holds %d mini sectors of 64", what(), e.size, len(secs))
			}
			continue
		}
		secs, err := chain(fat, e.start, nsect, what, "sector")
		if err != nil {
			return nil, err
		}
		if uint64(len(secs))*uint64(ss) < e.size {
			return nil, fmt.Errorf("cfb: %s says %d bytes but its chain holds %d sectors of %d", what(), e.size, len(secs), ss)
		}
		if last := secs[len(secs)-1]; ss*(2+int(last)) > len(b) && uint64(len(secs)-1)*uint64(ss)+uint64(len(b)-ss*(1+int(last))) < e.size {
			return nil, fmt.Errorf("cfb: %s: its last sector %d is cut short by the end of the file", what(), last)
		}
	}

	// Every chain and link is checked: gather the storages and streams by
	// path. The mini stream is the root entry's stream, cut to its size.
	sectorBytes := func(n uint32) []byte {
		off := ss * (1 + int(n))
		return b[off:min(off+ss, len(b))]
	}
	var mini []byte
	for _, n := range miniStream {
		mini = append(mini, sectorBytes(n)...)
	}
	mini = mini[:min(uint64(len(mini)), root.size)]
	t := &cfbTree{streams: map[string][]byte{}, children: map[string][]string{}}
	streamData := func(e entry) ([]byte, error) {
		data := make([]byte, 0, e.size)
		if e.size < cfbMiniCutoff {
			secs, err := chain(miniFAT, e.start, miniLimit, named("stream"), "mini sector")
			if err != nil {
				return nil, err
			}
			for _, m := range secs {
				off := int(m) * cfbMiniSize
				data = append(data, mini[min(off, len(mini)):min(off+cfbMiniSize, len(mini))]...)
			}
		} else {
			secs, err := chain(fat, e.start, nsect, named("stream"), "sector")
			if err != nil {
				return nil, err
			}
			for _, n := range secs {
				data = append(data, sectorBytes(n)...)
			}
		}
		if uint64(len(data)) < e.size {
			return nil, fmt.Errorf("cfb: stream %q holds %d of its %d bytes", entryName(e.raw), len(data), e.size)
		}
		return data[:e.size], nil
	}
	// Visit each sibling tree with the path of the storage its entries lie
	// in (the directory has no loop: checked above); an explicit stack, as
	// a hostile file's tree may be as deep as its directory is long.
	type visit struct {
		i    uint32
		path string
	}
	todo := []visit{{dir[0].child, ""}}
	for len(todo) > 0 {
		v := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if v.i == cfbNoStream {
			continue
		}
		e := dir[v.i]
		todo = append(todo, visit{e.left, v.path}, visit{e.right, v.path})
		name := entryName(e.raw)
		full := name
		if v.path != "" {
			full = v.path + "/" + name
		}
		switch e.kind {
		case 1: // a storage
			t.children[v.path] = append(t.children[v.path], name)
			todo = append(todo, visit{e.child, full})
		case 2: // a stream
			data := []byte{}
			if e.size > 0 {
				var err error
				if data, err = streamData(e); err != nil {
					return nil, err
				}
			}
			t.streams[full] = data
		}
	}
	return t, nil
}

// count writes "1 sector", "3 sectors".
func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// entryName is the name of a 128-byte directory entry.
func entryName(e []byte) string {
	nl := int(binary.LittleEndian.Uint16(e[64:]))
	u := make([]uint16, 0, 32)
	for j := 0; j+1 < nl && j < 62; j += 2 {
		u = append(u, binary.LittleEndian.Uint16(e[j:]))
	}
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
	}
	return string(utf16.Decode(u))
}
