package msg

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// Write writes it as an Outlook .msg file ([MS-OXMSG]): its properties,
// its recipient rows, and its attachments with their embedded messages.
// Named properties are numbered afresh (0x8000 onwards, in order of first
// use) in the file's named-property map. The map's hash-bucket streams,
// which serve only lookups, are not written.
func Write(w io.Writer, it *item.Item) error {
	b, err := Marshal(it)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal is Write into a byte slice.
func Marshal(it *item.Item) ([]byte, error) {
	nm := &nameMap{index: map[item.Named]uint16{}}
	root := &cfbNode{Storage: true}
	if err := writeMessage(root, it, nm, true); err != nil {
		return nil, err
	}
	nm.write(root.storage("__nameid_version1.0"))
	return writeCFB(root)
}

// nameMap numbers the named properties of a file.
type nameMap struct {
	names []item.Named
	index map[item.Named]uint16
	guids []guid.GUID
}

var (
	psMAPI          = guid.MustParse("{00020328-0000-0000-C000-000000000046}")
	psPublicStrings = guid.MustParse("{00020329-0000-0000-C000-000000000046}")
)

func (m *nameMap) id(n item.Named) (uint16, error) {
	if i, ok := m.index[n]; ok {
		return 0x8000 + i, nil
	}
	if len(m.names) >= 0x7FFF {
		return 0, fmt.Errorf("msg: more than %d named properties", 0x7FFF)
	}
	i := uint16(len(m.names))
	m.names = append(m.names, n)
	m.index[n] = i
	return 0x8000 + i, nil
}

func (m *nameMap) guidIndex(g guid.GUID) uint16 {
	switch g {
	case psMAPI:
		return 1
	case psPublicStrings:
		return 2
	}
	for i, x := range m.guids {
		if x == g {
			return uint16(3 + i)
		}
	}
	m.guids = append(m.guids, g)
	return uint16(3 + len(m.guids) - 1)
}

func (m *nameMap) write(st *cfbNode) {
	var guids, entries, strs []byte
	for i, n := range m.names {
		gi := m.guidIndex(n.Set)
		var first uint32
		kind := uint16(0)
		if n.IsName {
			kind = 1
			first = uint32(len(strs))
			u := item.EncodeUTF16(n.Name)
			strs = binary.LittleEndian.AppendUint32(strs, uint32(len(u)))
			strs = append(strs, u...)
			for len(strs)%4 != 0 {
				strs = append(strs, 0)
			}
		} else {
			first = n.LID
		}
		entries = binary.LittleEndian.AppendUint32(entries, first)
		entries = binary.LittleEndian.AppendUint16(entries, gi<<1|kind)
		entries = binary.LittleEndian.AppendUint16(entries, uint16(i))
	}
	for _, g := range m.guids {
		guids = append(guids, g[:]...)
	}
	st.stream("__substg1.0_00020102", guids)
	st.stream("__substg1.0_00030102", entries)
	st.stream("__substg1.0_00040102", strs)
}

// writeMessage writes a message's streams into st (the root, or an
// embedded message's storage).
func writeMessage(st *cfbNode, it *item.Item, nm *nameMap, top bool) error {
	cp := it.CodePage()
	header := make([]byte, 24, 32)
	binary.LittleEndian.PutUint32(header[8:], uint32(len(it.Recipients)))   // NextRecipientID
	binary.LittleEndian.PutUint32(header[12:], uint32(len(it.Attachments))) // NextAttachmentID
	binary.LittleEndian.PutUint32(header[16:], uint32(len(it.Recipients)))
	binary.LittleEndian.PutUint32(header[20:], uint32(len(it.Attachments)))
	if top {
		header = header[:32]
	}
	if err := writeProps(st, header, it.Properties, nm, cp); err != nil {
		return err
	}
	for i, row := range it.Recipients {
		r := st.storage(fmt.Sprintf("__recip_version1.0_#%08X", i))
		if err := writeProps(r, make([]byte, 8), row, nm, cp); err != nil {
			return err
		}
	}
	for i, a := range it.Attachments {
		s := st.storage(fmt.Sprintf("__attach_version1.0_#%08X", i))
		props := a.Properties
		if a.Embedded != nil {
			props = append(append([]item.Property(nil), props...), item.Property{Tag: proptag.NewTag(0x3701, proptag.PT_OBJECT), Value: item.Value{Type: proptag.PT_OBJECT}})
		}
		if err := writeProps(s, make([]byte, 8), props, nm, cp); err != nil {
			return err
		}
		if a.Embedded != nil {
			if err := writeMessage(s.storage("__substg1.0_3701000D"), a.Embedded, nm, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// isFixed reports whether a type's value is stored in the property stream
// itself.

func writeProps(st *cfbNode, header []byte, props []item.Property, nm *nameMap, cp blob.CodePage) error {
	out := header
	for i := range props {
		p := &props[i]
		tag := p.Tag
		if p.Named != nil {
			id, err := nm.id(*p.Named)
			if err != nil {
				return err
			}
			tag = proptag.NewTag(id, p.Tag.Type())
		}
		t := tag.Type()
		v := &p.Value
		entry := binary.LittleEndian.AppendUint32(nil, uint32(tag))
		entry = binary.LittleEndian.AppendUint32(entry, 6) // readable, writable
		name := fmt.Sprintf("__substg1.0_%08X", uint32(tag))
		switch {
		case item.IsFixedType(t):
			val := v.AppendFixed(nil)
			entry = append(entry, val...)
			entry = append(entry, make([]byte, 8-len(val))...)
		case t == proptag.PT_OBJECT:
			entry = binary.LittleEndian.AppendUint32(entry, 0xFFFFFFFF)
			entry = binary.LittleEndian.AppendUint32(entry, 0)
		case t&proptag.MV_FLAG != 0 && item.IsFixedType(t&^proptag.MV_FLAG) || t == proptag.PT_MV_CLSID:
			var data []byte
			for j := range v.Multi {
				data = v.Multi[j].AppendFixed(data)
			}
			st.stream(name, data)
			entry = binary.LittleEndian.AppendUint32(entry, uint32(len(data)))
			entry = binary.LittleEndian.AppendUint32(entry, 0)
		case t&proptag.MV_FLAG != 0:
			base := t &^ proptag.MV_FLAG
			var lengths []byte
			for j := range v.Multi {
				data := v.Multi[j].WireBytes(cp)
				switch base {
				case proptag.PT_UNICODE:
					data = append(data, 0, 0)
				case proptag.PT_STRING8:
					data = append(data, 0)
				}
				st.stream(fmt.Sprintf("%s-%08X", name, j), data)
				lengths = binary.LittleEndian.AppendUint32(lengths, uint32(len(data)))
				if base != proptag.PT_UNICODE && base != proptag.PT_STRING8 {
					lengths = binary.LittleEndian.AppendUint32(lengths, 0)
				}
			}
			st.stream(name, lengths)
			entry = binary.LittleEndian.AppendUint32(entry, uint32(len(lengths)))
			entry = binary.LittleEndian.AppendUint32(entry, 0)
		default:
			data := v.WireBytes(cp)
			if t == proptag.PT_CLSID {
				data = v.AppendFixed(nil)
			}
			st.stream(name, data)
			size := uint32(len(data))
			switch t {
			case proptag.PT_UNICODE:
				size += 2
			case proptag.PT_STRING8:
				size++
			}
			entry = binary.LittleEndian.AppendUint32(entry, size)
			entry = binary.LittleEndian.AppendUint32(entry, 0)
		}
		out = append(out, entry...)
	}
	st.stream("__properties_version1.0", out)
	return nil
}
