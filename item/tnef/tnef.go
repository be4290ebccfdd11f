package tnef

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// TNEF ([MS-OXTNEF]) attributes this package reads and writes.
const (
	tnefSignature      = 0x223E9F78
	lvlMessage         = 1
	lvlAttachment      = 2
	attTnefVersion     = 0x00089006
	attOemCodepage     = 0x00069007
	attMessageClass    = 0x00078008
	attMAPIProps       = 0x00069003
	attRecipTable      = 0x00069004
	attAttachRendData  = 0x00069002
	attAttachment      = 0x00069005
	tagAttachDataObjID = 0x3701
)

// iidIMessage is IID_IMessage, {00020307-0000-0000-C000-000000000046}: the
// interface of a PT_OBJECT value that is an embedded message.
var iidIMessage = guid.MustParse("{00020307-0000-0000-C000-000000000046}")

// Is reports whether b starts with the TNEF signature.
func Is(b []byte) bool {
	return len(b) >= 4 && binary.LittleEndian.Uint32(b) == tnefSignature
}

// Read reads a TNEF stream (winmail.dat): the message's attMAPIProps
// (with the message class of attMessageClass when the properties lack it),
// its recipient table, and its attachments, each attachment's embedded
// message an Item of its own.
func Read(b []byte, source string) (*item.Item, error) {
	it, err := readTNEF(b, source, "/", 0)
	if err != nil {
		return nil, &item.ReadError{Format: "tnef", Err: err}
	}
	it.Decode()
	return it, nil
}

func readTNEF(b []byte, source, path string, depth int) (*item.Item, error) {
	at := "" // where, in an embedded message
	if path != "/" {
		at = path + ": "
	}
	if depth > item.MaxNesting {
		return nil, fmt.Errorf(at+"embedded messages nested deeper than %d", item.MaxNesting)
	}
	if len(b) < 6 {
		return nil, fmt.Errorf(at+"%d bytes, shorter than the 6-byte TNEF header", len(b))
	}
	if binary.LittleEndian.Uint32(b) != tnefSignature {
		return nil, fmt.Errorf(at+"no TNEF signature at offset 0 (found % X, want 78 9F 3E 22)", b[:4])
	}
	it := &item.Item{Source: source, Path: path, Format: "tnef"}
	var msgClass string
	var cur *item.Attachment
	for off := 6; off < len(b); {
		if len(b)-off < 11 {
			return nil, fmt.Errorf(at+"%d bytes at offset %d, too few for an attribute (11 at least)", len(b)-off, off)
		}
		level := b[off]
		id := binary.LittleEndian.Uint32(b[off+1:])
		n := binary.LittleEndian.Uint32(b[off+5:])
		if int64(n) > int64(len(b)-off-11) {
			return nil, fmt.Errorf(at+"attribute 0x%08X at offset %d says %d bytes, but %d are left", id, off, n, len(b)-off-11)
		}
		data := b[off+9 : off+9+int(n)]
		sum := binary.LittleEndian.Uint16(b[off+9+int(n):])
		if want := checksum(data); sum != want {
			return nil, fmt.Errorf(at+"attribute 0x%08X at offset %d: checksum 0x%04X, the data sums to 0x%04X", id, off, sum, want)
		}
		where := func() string { return fmt.Sprintf(at+"attribute 0x%08X at offset %d", id, off) }
		switch {
		case level == lvlMessage && id == attMessageClass:
			msgClass = string(trimNUL(data))
		case level == lvlMessage && id == attOemCodepage && len(data) >= 4:
			it.OEMCodePage = blob.CodePage(binary.LittleEndian.Uint32(data))
		case level == lvlMessage && id == attMAPIProps:
			props, _, _, err := readPropList(data, source, path, depth, nil)
			if err != nil {
				return nil, fmt.Errorf("%s (attMAPIProps): %w", where(), err)
			}
			if it.Properties == nil {
				it.Properties = props
			} else {
				it.Properties = append(it.Properties, props...)
			}
		case level == lvlMessage && id == attRecipTable:
			if len(data) < 4 {
				return nil, fmt.Errorf("%s (attRecipTable): too short for the row count", where())
			}
			rows := binary.LittleEndian.Uint32(data)
			rest := data[4:]
			if int64(rows) > int64(len(rest)/4) {
				return nil, fmt.Errorf("%s (attRecipTable): %d rows cannot fit in %d bytes", where(), rows, len(rest))
			}
			for r := uint32(0); r < rows; r++ {
				row, used, _, err := readPropList(rest, source, path, depth, nil)
				if err != nil {
					return nil, fmt.Errorf("%s (attRecipTable row %d): %w", where(), r, err)
				}
				it.Recipients = append(it.Recipients, row)
				rest = rest[used:]
			}
		case level == lvlAttachment && id == attAttachRendData:
			it.Attachments = append(it.Attachments, item.Attachment{})
			cur = &it.Attachments[len(it.Attachments)-1]
		case level == lvlAttachment && id == attAttachment:
			if cur == nil {
				it.Attachments = append(it.Attachments, item.Attachment{})
				cur = &it.Attachments[len(it.Attachments)-1]
			}
			ai := len(it.Attachments) - 1
			embPath := fmt.Sprintf("%sattachment[%d]", item.Slash(path), ai)
			props, _, emb, err := readPropList(data, source, embPath, depth, &embPath)
			if err != nil {
				return nil, fmt.Errorf("%s (attAttachment %d): %w", where(), ai, err)
			}
			cur.Properties = append(cur.Properties, props...)
			if emb != nil {
				emb.Parent = path
				cur.Embedded = emb
			}
		}
		off += 11 + int(n)
	}
	if msgClass != "" && it.Get(item.PidTagMessageClass) == nil {
		it.Properties = append(it.Properties, item.MustProp(item.PidTagMessageClass, item.Unicode(msgClass)))
	}
	return it, nil
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

func checksum(b []byte) uint16 {
	var s uint16
	for _, c := range b {
		s += uint16(c)
	}
	return s
}

var errShort = errors.New("truncated")

// lazyWhat names what is being read, for errors only: the message is
// built when one is returned.
type lazyWhat struct {
	i     int
	tag   proptag.PropTag
	start int
	field string
}

func (w lazyWhat) String() string {
	if w.i < 0 {
		return w.field
	}
	s := fmt.Sprintf("property %d (tag %s at offset %d)", w.i, w.tag, w.start)
	if w.field != "" {
		s += " " + w.field
	}
	return s
}

func (w lazyWhat) with(f string) lazyWhat { w.field = f; return w }

// tnefCursor reads a MAPI property list.
type tnefCursor struct {
	b   []byte
	off int
}

func (c *tnefCursor) u32(what lazyWhat) (uint32, error) {
	if len(c.b)-c.off < 4 {
		return 0, fmt.Errorf("%s at offset %d: need 4 bytes, %d left", what, c.off, len(c.b)-c.off)
	}
	v := binary.LittleEndian.Uint32(c.b[c.off:])
	c.off += 4
	return v, nil
}

func (c *tnefCursor) bytes(n uint32, what lazyWhat) ([]byte, error) {
	if int64(n) > int64(len(c.b)-c.off) {
		return nil, fmt.Errorf("%s at offset %d: says %d bytes, %d left", what, c.off, n, len(c.b)-c.off)
	}
	v := c.b[c.off : c.off+int(n)]
	c.off += int(n)
	// Values are padded to a multiple of 4 bytes.
	if pad := (4 - int(n)%4) % 4; pad > 0 {
		c.off = min(c.off+pad, len(c.b))
	}
	return v, nil
}

// readPropList reads a counted MAPI property list; it returns the
// properties, the bytes used, and the embedded message of a
// PidTagAttachDataObject holding one (embPath names it).
func readPropList(b []byte, source, path string, depth int, embPath *string) ([]item.Property, int, *item.Item, error) {
	c := &tnefCursor{b: b}
	count, err := c.u32(lazyWhat{i: -1, field: "property count"})
	if err != nil {
		return nil, 0, nil, err
	}
	if int64(count) > int64(len(b)/8) {
		return nil, 0, nil, fmt.Errorf("property count %d cannot fit in %d bytes", count, len(b))
	}
	out := make([]item.Property, 0, count)
	var emb *item.Item
	for i := uint32(0); i < count; i++ {
		start := c.off
		tag32, err := c.u32(lazyWhat{i: -1, field: "property tag"})
		if err != nil {
			return nil, 0, nil, err
		}
		tag := proptag.PropTag(tag32)
		what := lazyWhat{int(i), tag, start, ""}
		var n *item.Named
		if tag.IsNamed() {
			g, err := c.bytes(16, what.with("name GUID"))
			if err != nil {
				return nil, 0, nil, err
			}
			n = &item.Named{}
			copy(n.Set[:], g)
			kind, err := c.u32(what.with("name kind"))
			if err != nil {
				return nil, 0, nil, err
			}
			switch kind {
			case 0:
				if n.LID, err = c.u32(what.with("LID")); err != nil {
					return nil, 0, nil, err
				}
			case 1:
				l, err := c.u32(what.with("name length"))
				if err != nil {
					return nil, 0, nil, err
				}
				s, err := c.bytes(l, what.with("name"))
				if err != nil {
					return nil, 0, nil, err
				}
				n.IsName, n.Name = true, item.DecodeUTF16(s)
			default:
				return nil, 0, nil, fmt.Errorf("%s: name kind %d (want 0 for a LID or 1 for a string)", what, kind)
			}
		}
		t := tag.Type()
		var v item.Value
		switch {
		case t&proptag.MV_FLAG == 0 && item.IsFixedType(t):
			v, err = fixedTNEF(c, t, what)
		case t&proptag.MV_FLAG == 0 && t == proptag.PT_CLSID:
			var g []byte
			if g, err = c.bytes(16, what); err == nil {
				v = item.Value{Type: t, Bytes: g}
			}
		case t&proptag.MV_FLAG != 0 && (item.IsFixedType(t&^proptag.MV_FLAG) || t == proptag.PT_MV_CLSID):
			var cnt uint32
			if cnt, err = c.u32(what.with("value count")); err != nil {
				return nil, 0, nil, err
			}
			if int64(cnt) > int64(len(b)-c.off)/4 {
				return nil, 0, nil, fmt.Errorf("%s: %d values cannot fit in %d bytes", what, cnt, len(b)-c.off)
			}
			v = item.Value{Type: t, Multi: make([]item.Value, 0, cnt)}
			for j := uint32(0); j < cnt && err == nil; j++ {
				var x item.Value
				if t == proptag.PT_MV_CLSID {
					var g []byte
					g, err = c.bytes(16, what)
					x = item.Value{Type: proptag.PT_CLSID, Bytes: g}
				} else {
					x, err = fixedTNEF(c, t&^proptag.MV_FLAG, what)
				}
				v.Multi = append(v.Multi, x)
			}
		default: // variable: a value count, then length, bytes, padding each
			var cnt uint32
			if cnt, err = c.u32(what.with("value count")); err != nil {
				return nil, 0, nil, err
			}
			if int64(cnt) > int64(len(b)-c.off)/4 {
				return nil, 0, nil, fmt.Errorf("%s: %d values cannot fit in %d bytes", what, cnt, len(b)-c.off)
			}
			base := t &^ proptag.MV_FLAG
			vals := make([]item.Value, 0, cnt)
			for j := uint32(0); j < cnt && err == nil; j++ {
				var l uint32
				if l, err = c.u32(what.with("value length")); err != nil {
					break
				}
				var d []byte
				if d, err = c.bytes(l, what.with("value")); err != nil {
					break
				}
				if base == proptag.PT_OBJECT {
					if len(d) >= 16 && guid.GUID(d[:16]) == iidIMessage && embPath != nil && tag.ID() == tagAttachDataObjID {
						e, eerr := readTNEF(d[16:], source, *embPath, depth+1)
						if eerr != nil {
							return nil, 0, nil, fmt.Errorf("%s: embedded message: %w", what, eerr)
						}
						emb = e
					}
					vals = append(vals, item.Value{Type: base, Bytes: d})
					continue
				}
				vals = append(vals, item.DecodeVariable(base, d))
			}
			if t&proptag.MV_FLAG != 0 {
				v = item.Value{Type: t, Multi: vals}
			} else if len(vals) > 0 {
				v = vals[0]
			}
		}
		if err != nil {
			return nil, 0, nil, err
		}
		if t == proptag.PT_OBJECT {
			continue // the embedded message is read as an item of its own
		}
		out = append(out, item.NewProperty(tag, n, v))
	}
	return out, c.off, emb, nil
}

// fixedTNEF reads a fixed-size value, padded to 4 bytes.
func fixedTNEF(c *tnefCursor, t proptag.PropType, what lazyWhat) (item.Value, error) {
	size := item.FixedSize(t)
	d, err := c.bytes(uint32(size), what)
	if err != nil {
		return item.Value{}, err
	}
	if size == 2 { // PT_I2, PT_BOOLEAN: stored in 4 bytes
		d = append(d[:2:2], 0, 0)
	}
	return item.DecodeFixed(t, d), nil
}

// Marshal writes it as a TNEF stream: attTnefVersion, attOemCodepage,
// attMessageClass, attMAPIProps, attRecipTable, and for each attachment
// attAttachRendData and attAttachment, an embedded message as a TNEF stream
// of its own inside PidTagAttachDataObject.
func Marshal(it *item.Item) ([]byte, error) {
	return marshalTNEF(it, 0)
}

func marshalTNEF(it *item.Item, depth int) ([]byte, error) {
	if depth > item.MaxNesting {
		return nil, fmt.Errorf("tnef: embedded messages nested deeper than %d", item.MaxNesting)
	}
	cp := it.CodePage()
	b := binary.LittleEndian.AppendUint32(nil, tnefSignature)
	b = binary.LittleEndian.AppendUint16(b, 1)
	attr := func(level byte, id uint32, data []byte) {
		b = append(b, level)
		b = binary.LittleEndian.AppendUint32(b, id)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
		b = append(b, data...)
		b = binary.LittleEndian.AppendUint16(b, checksum(data))
	}
	attr(lvlMessage, attTnefVersion, []byte{0, 0, 1, 0})
	attr(lvlMessage, attOemCodepage, binary.LittleEndian.AppendUint64(nil, uint64(cp)))
	if c := it.MessageClass(); c != "" {
		attr(lvlMessage, attMessageClass, append([]byte(c), 0))
	}
	props, err := appendPropList(nil, it.Properties, nil, cp, depth)
	if err != nil {
		return nil, err
	}
	attr(lvlMessage, attMAPIProps, props)
	if len(it.Recipients) > 0 {
		rt := binary.LittleEndian.AppendUint32(nil, uint32(len(it.Recipients)))
		for _, row := range it.Recipients {
			if rt, err = appendPropList(rt, row, nil, cp, depth); err != nil {
				return nil, err
			}
		}
		attr(lvlMessage, attRecipTable, rt)
	}
	for _, a := range it.Attachments {
		rend := make([]byte, 14)
		binary.LittleEndian.PutUint16(rend, 1)              // atyp: file
		binary.LittleEndian.PutUint32(rend[2:], 0xFFFFFFFF) // ulPosition
		attr(lvlAttachment, attAttachRendData, rend)
		ap, err := appendPropList(nil, a.Properties, a.Embedded, cp, depth)
		if err != nil {
			return nil, err
		}
		attr(lvlAttachment, attAttachment, ap)
	}
	return b, nil
}

// appendPropList appends a counted property list; emb, when not nil, is
// written as PidTagAttachDataObject.
func appendPropList(b []byte, props []item.Property, emb *item.Item, cp blob.CodePage, depth int) ([]byte, error) {
	n := len(props)
	if emb != nil {
		n++
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	pad := func() {
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	nextID := uint16(0x8000)
	for i := range props {
		p := &props[i]
		t := p.Tag.Type()
		tag := p.Tag
		if p.Named != nil {
			tag = proptag.NewTag(nextID, t)
			nextID++
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(tag))
		if p.Named != nil {
			b = append(b, p.Named.Set[:]...)
			if p.Named.IsName {
				u := append(item.EncodeUTF16(p.Named.Name), 0, 0)
				b = binary.LittleEndian.AppendUint32(b, 1)
				b = binary.LittleEndian.AppendUint32(b, uint32(len(u)))
				b = append(b, u...)
				pad()
			} else {
				b = binary.LittleEndian.AppendUint32(b, 0)
				b = binary.LittleEndian.AppendUint32(b, p.Named.LID)
			}
		}
		v := &p.Value
		switch {
		case t&proptag.MV_FLAG == 0 && item.IsFixedType(t):
			b = v.AppendFixed(b)
			pad()
		case t == proptag.PT_CLSID:
			b = v.AppendFixed(b)
		case t&proptag.MV_FLAG != 0 && (item.IsFixedType(t&^proptag.MV_FLAG) || t == proptag.PT_MV_CLSID):
			b = binary.LittleEndian.AppendUint32(b, uint32(len(v.Multi)))
			for j := range v.Multi {
				x := v.Multi[j]
				x.Type = t &^ proptag.MV_FLAG
				b = x.AppendFixed(b)
				pad()
			}
		default:
			vals := []item.Value{*v}
			if t&proptag.MV_FLAG != 0 {
				vals = v.Multi
			}
			if len(vals) > math.MaxInt32 {
				return nil, errors.New("tnef: too many values")
			}
			b = binary.LittleEndian.AppendUint32(b, uint32(len(vals)))
			base := t &^ proptag.MV_FLAG
			for j := range vals {
				x := vals[j]
				x.Type = base
				d := x.WireBytes(cp)
				switch base {
				case proptag.PT_UNICODE:
					d = append(d, 0, 0)
				case proptag.PT_STRING8:
					d = append(d, 0)
				}
				b = binary.LittleEndian.AppendUint32(b, uint32(len(d)))
				b = append(b, d...)
				pad()
			}
		}
	}
	if emb != nil {
		inner, err := marshalTNEF(emb, depth+1)
		if err != nil {
			return nil, err
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(proptag.NewTag(tagAttachDataObjID, proptag.PT_OBJECT)))
		b = binary.LittleEndian.AppendUint32(b, 1)
		b = binary.LittleEndian.AppendUint32(b, uint32(16+len(inner)))
		b = append(b, iidIMessage[:]...)
		b = append(b, inner...)
		pad()
	}
	return b, nil
}
