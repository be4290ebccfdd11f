package msg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// Is reports whether b starts with the Compound File signature.
func Is(b []byte) bool {
	return len(b) >= 8 && binary.LittleEndian.Uint64(b) == 0xE11AB1A1E011CFD0
}

// sliceReader gives mscfb the file's bytes without copying them.
type sliceReader struct{ b []byte }

func (r sliceReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(r.b)) {
		return 0, io.EOF
	}
	n := copy(p, r.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (r sliceReader) Slice(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off > int64(len(r.b)) || int64(n) > int64(len(r.b))-off {
		return nil, io.ErrUnexpectedEOF
	}
	return r.b[off : off+int64(n)], nil
}

// cfbTree is the file's storages and streams by path ("" is the root,
// "__attach_version1.0_#00000000/__substg1.0_3701000D" an embedded message).
type cfbTree struct {
	streams  map[string][]byte
	children map[string][]string // storage path → names of its storages
}

// Read reads an Outlook .msg file: the message and every message
// embedded in its attachments (item.Item.All walks them). source names the file
// in the items.
func Read(b []byte, source string) (*item.Item, error) {
	t, err := readCFB(b)
	if err != nil {
		return nil, &item.ReadError{Format: "msg", Err: err}
	}
	names, err := t.nameMap()
	if err != nil {
		return nil, &item.ReadError{Format: "msg", Err: err}
	}
	if _, ok := t.streams["__properties_version1.0"]; !ok {
		return nil, &item.ReadError{Format: "msg", Err: errors.New("no __properties_version1.0 stream at the root: not an Outlook message")}
	}
	it, err := t.message("", names, source, 0)
	if err != nil {
		return nil, &item.ReadError{Format: "msg", Err: err}
	}
	it.Decode()
	return it, nil
}

// nameMap reads __nameid_version1.0: for property index p (id 0x8000+p),
// its name.
func (t *cfbTree) nameMap() ([]*item.Named, error) {
	const dir = "__nameid_version1.0/"
	guids := t.streams[dir+"__substg1.0_00020102"]
	entries := t.streams[dir+"__substg1.0_00030102"]
	strs := t.streams[dir+"__substg1.0_00040102"]
	if len(entries)%8 != 0 {
		return nil, fmt.Errorf("__nameid_version1.0: the entry stream is %d bytes, not a multiple of 8", len(entries))
	}
	if len(guids)%16 != 0 {
		return nil, fmt.Errorf("__nameid_version1.0: the GUID stream is %d bytes, not a multiple of 16", len(guids))
	}
	out := make([]*item.Named, 0, len(entries)/8)
	for i := 0; i+8 <= len(entries); i += 8 {
		e := entries[i:]
		first := binary.LittleEndian.Uint32(e)
		gk := binary.LittleEndian.Uint16(e[4:])
		idx := int(binary.LittleEndian.Uint16(e[6:]))
		where := "__nameid_version1.0 entry " + strconv.Itoa(i/8)
		n := &item.Named{}
		switch gi := int(gk >> 1); {
		case gi == 1:
			n.Set = psMAPI
		case gi == 2:
			n.Set = psPublicStrings
		case gi >= 3 && (gi-3)*16+16 <= len(guids):
			copy(n.Set[:], guids[(gi-3)*16:])
		default:
			return nil, fmt.Errorf("%s: GUID index %d, but the GUID stream holds %d GUIDs", where, gi, len(guids)/16)
		}
		if gk&1 == 1 {
			n.IsName = true
			if int64(first)+4 > int64(len(strs)) {
				return nil, fmt.Errorf("%s: string offset %d beyond the string stream's %d bytes", where, first, len(strs))
			}
			l := binary.LittleEndian.Uint32(strs[first:])
			if int64(first)+4+int64(l) > int64(len(strs)) {
				return nil, fmt.Errorf("%s: name of %d bytes at offset %d runs past the string stream's %d bytes", where, l, first, len(strs))
			}
			n.Name = item.DecodeUTF16(strs[first+4 : first+4+l])
		} else {
			n.LID = first
		}
		for len(out) <= idx {
			out = append(out, nil)
		}
		out[idx] = n
		if len(out) > len(entries)/8+1 {
			return nil, fmt.Errorf("%s: property index %d, but the map has %d entries", where, idx, len(entries)/8)
		}
	}
	return out, nil
}

// message reads the message stored at path.
func (t *cfbTree) message(path string, names []*item.Named, source string, depth int) (*item.Item, error) {
	if depth > item.MaxNesting {
		return nil, fmt.Errorf("%s: embedded messages nested deeper than %d", path, item.MaxNesting)
	}
	it := &item.Item{Source: source, Path: "/" + path, Format: "msg"}
	header := 32
	if path != "" {
		header = 24
	}
	props, err := t.props(path, header, names)
	if err != nil {
		return nil, err
	}
	it.Properties = props
	prefix := ""
	if path != "" {
		prefix = path + "/"
	}
	kids := append([]string(nil), t.children[path]...)
	sort.Strings(kids)
	for _, k := range kids {
		switch {
		case strings.HasPrefix(k, "__recip_version1.0_#"):
			row, err := t.props(prefix+k, 8, names)
			if err != nil {
				return nil, err
			}
			it.Recipients = append(it.Recipients, row)
		case strings.HasPrefix(k, "__attach_version1.0_#"):
			row, err := t.props(prefix+k, 8, names)
			if err != nil {
				return nil, err
			}
			a := item.Attachment{Properties: row}
			emb := prefix + k + "/__substg1.0_3701000D"
			if _, ok := t.streams[emb+"/__properties_version1.0"]; ok {
				e, err := t.message(emb, names, source, depth+1)
				if err != nil {
					return nil, err
				}
				e.Parent = it.Path
				a.Embedded = e
			}
			it.Attachments = append(it.Attachments, a)
		}
	}
	return it, nil
}

// props reads the properties of the storage at path: the entries of its
// __properties_version1.0 stream after a header of the given size, and
// the value streams.
func (t *cfbTree) props(path string, header int, names []*item.Named) ([]item.Property, error) {
	prefix := ""
	if path != "" {
		prefix = path + "/"
	}
	where := "/" + path
	ps, ok := t.streams[prefix+"__properties_version1.0"]
	if !ok {
		return nil, fmt.Errorf("%s: no __properties_version1.0 stream", where)
	}
	if len(ps) < header {
		return nil, fmt.Errorf("%s: __properties_version1.0 is %d bytes, shorter than its %d-byte header", where, len(ps), header)
	}
	body := ps[header:]
	out := make([]item.Property, 0, len(body)/16)
	for i := 0; i+16 <= len(body); i += 16 {
		e := body[i : i+16]
		tag := proptag.PropTag(binary.LittleEndian.Uint32(e))
		typ := tag.Type()
		var n *item.Named
		var perr error
		if tag.IsNamed() {
			idx := int(tag.ID() - 0x8000)
			if idx < len(names) && names[idx] != nil {
				n = names[idx]
			} else {
				perr = fmt.Errorf("named property id 0x%04X is not in the file's named-property map", tag.ID())
			}
		}
		if typ == proptag.PT_OBJECT {
			continue // an embedded message or storage: read as a storage
		}
		var v item.Value
		stream := substgName(prefix, tag)
		switch {
		case item.IsFixedType(typ):
			v = item.DecodeFixed(typ, e[8:])
		case typ&proptag.MV_FLAG != 0:
			v, perr = t.multi(stream, typ, perr)
		default:
			data, ok := t.streams[stream]
			if !ok {
				if perr == nil {
					perr = fmt.Errorf("%s: the value stream %s is missing", where, stream[len(prefix):])
				}
				break
			}
			v = item.DecodeVariable(typ, data)
		}
		p := item.NewProperty(tag, n, v)
		if perr != nil {
			p.Err = perr
		}
		out = append(out, p)
	}
	if len(body)%16 != 0 {
		return out, fmt.Errorf("%s: __properties_version1.0 ends with %d bytes that are not a whole entry", where, len(body)%16)
	}
	return out, nil
}

// multi reads a multi-valued property: fixed-size values concatenated in
// one stream, or one stream per value (name-00000000, …) for variable ones.
func (t *cfbTree) multi(stream string, typ proptag.PropType, perr error) (item.Value, error) {
	v := item.Value{Type: typ}
	base := typ &^ proptag.MV_FLAG
	data, ok := t.streams[stream]
	if !ok {
		if perr == nil {
			perr = fmt.Errorf("the value stream %s is missing", stream)
		}
		return v, perr
	}
	if size := item.FixedSize(base); size > 0 {
		for i := 0; i+size <= len(data); i += size {
			v.Multi = append(v.Multi, item.DecodeFixed(base, data[i:]))
		}
		return v, perr
	}
	for i := 0; ; i++ {
		d, ok := t.streams[fmt.Sprintf("%s-%08X", stream, i)]
		if !ok {
			break
		}
		x := item.DecodeVariable(base, d)
		if base == proptag.PT_STRING8 {
			x.Bytes = bytes.TrimRight(d, "\x00")
		}
		v.Multi = append(v.Multi, x)
	}
	return v, perr
}

// substgName is the stream of a property's value: prefix +
// "__substg1.0_" and the tag in 8 upper-case hex digits.
func substgName(prefix string, tag proptag.PropTag) string {
	const digits = "0123456789ABCDEF"
	b := make([]byte, 0, len(prefix)+20)
	b = append(b, prefix...)
	b = append(b, "__substg1.0_"...)
	for sh := 28; sh >= 0; sh -= 4 {
		b = append(b, digits[uint32(tag)>>uint(sh)&0xF])
	}
	return string(b)
}
