package item

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/proptag"
	"golang.org/x/text/encoding/charmap"
)

// ReadXML reads an MFCMAPI XML export: a message file (<message> with
// <properties listtype="FullPropList">, <recipients> and <attachments>),
// a contents table (one <message num="…"> per row: several items), or
// bare <property> elements (one item). Every property type is read: the
// value from <Value> (binary as "cb: N lpb: HEX" or with a cb attribute,
// multi-valued as <row> elements), times from <AltValue>'s "Low: 0x…
// High: 0x…". A property whose value cannot be read keeps its error and
// the rest go on. An <attachment> may hold a nested <message>: this
// package's writer puts an embedded message there (MFCMAPI writes it to a
// file of its own and leaves an <embeddedmessage path="…"/>).
func ReadXML(b []byte, source string) ([]*Item, error) {
	items, err := readXML(b, source)
	if err != nil {
		return nil, &ReadError{"xml", err}
	}
	for _, it := range items {
		it.Decode()
	}
	return items, nil
}

// xmlProp is a <property> as read.
type xmlProp struct {
	tag      proptag.PropTag
	hasTag   bool
	typ      string
	setText  string
	nameText string
	value    *xmlValue
	alt      string
	hasAlt   bool
	line     int
}

type xmlValue struct {
	text  string
	attrs map[string]string
	rows  []xmlRow
}

type xmlRow struct {
	value, alt string
	attrs      map[string]string
}

// knownElements are the element names the reader acts on, lower-cased.
var knownElements = []string{"message", "properties", "property", "recipient", "attachment", "getprops", "tableprops",
	"value", "altvalue", "row", "namedpropguid", "namedpropname"}

// elementName is the lower-cased name of a known element (without
// allocating), or the name as it is.
func elementName(s string) string {
	for _, k := range knownElements {
		if strings.EqualFold(s, k) {
			return k
		}
	}
	return s
}

type openAtt struct {
	a     *Attachment
	depth int // len(msgs) when it opened
}

// xmlMsg collects one message's properties while reading.
type xmlMsg struct {
	it          *Item
	summary     []Property
	full        []Property
	hasFull     bool
	recips      [][]Property
	attachments []Attachment
}

func readXML(b []byte, source string) ([]*Item, error) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return r, nil
		case "iso-8859-1", "latin1", "windows-1252", "cp1252":
			// MFCMAPI labels its exports ISO-8859-1 whatever it writes:
			// take valid UTF-8 as it is, anything else as windows-1252.
			all, err := io.ReadAll(r)
			if err != nil {
				return nil, err
			}
			if utf8.Valid(all) {
				return bytes.NewReader(all), nil
			}
			return charmap.Windows1252.NewDecoder().Reader(bytes.NewReader(all)), nil
		case "utf-16", "utf-16le", "unicode":
			return r, nil // converted to UTF-8 before reading
		}
		return nil, errors.New("encoding " + strconv.Quote(label) + " is not supported; save the export as UTF-8")
	}
	var (
		items    []*Item
		stack    []string
		msgs     []*xmlMsg // open <message> elements, innermost last
		bare     *xmlMsg   // properties outside any <message>
		cur      *xmlProp
		curVal   *xmlValue
		curRow   *xmlRow
		field    string
		text     strings.Builder
		listType string
		recip    []Property
		inRecip  bool
		atts     []openAtt // open <attachment> elements, innermost last
		seen     int
	)
	inside := func(name string) bool {
		for _, s := range stack {
			if s == name {
				return true
			}
		}
		return false
	}
	topMsg := func() *xmlMsg {
		if len(msgs) > 0 {
			return msgs[len(msgs)-1]
		}
		if bare == nil {
			bare = &xmlMsg{it: &Item{Source: source, Path: "/", Format: "xml"}}
		}
		return bare
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := elementName(t.Name.Local)
			stack = append(stack, name)
			if len(stack) > 64 {
				return nil, errors.New("elements nested deeper than 64")
			}
			switch {
			case name == "message" && cur == nil:
				m := &xmlMsg{it: &Item{Source: source, Format: "xml"}}
				msgs = append(msgs, m)
			case name == "properties" && cur == nil:
				listType = strings.ToLower(attr(t, "listtype"))
				if listType == "fullproplist" {
					topMsg().hasFull = true
				}
			case name == "recipient" && cur == nil:
				inRecip, recip = true, nil
			case name == "attachment" && cur == nil:
				atts = append(atts, openAtt{a: &Attachment{}, depth: len(msgs)})
			case name == "property":
				seen++
				line, _ := d.InputPos()
				cur = &xmlProp{typ: strings.TrimSpace(attr(t, "type")), line: line}
				if s := strings.TrimSpace(attr(t, "tag")); s != "" {
					if v, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"), 16, 32); err == nil {
						cur.tag, cur.hasTag = proptag.PropTag(v), true
					}
				}
			case cur != nil && name == "value" && curVal == nil:
				curVal = &xmlValue{attrs: attrs(t)}
				field = "value"
				text.Reset()
			case cur != nil && name == "row" && curVal != nil:
				curRow = &xmlRow{}
			case cur != nil && curRow != nil && name == "value":
				curRow.attrs = attrs(t)
				field = "rowvalue"
				text.Reset()
			case cur != nil && curRow != nil && name == "altvalue":
				field = "rowalt"
				text.Reset()
			case cur != nil && name == "altvalue":
				field = "alt"
				text.Reset()
			case cur != nil && (name == "namedpropguid" || name == "namedpropname"):
				field = name
				text.Reset()
			}
		case xml.CharData:
			if cur != nil && field != "" {
				if text.Len()+len(t) > len(b) {
					return nil, errors.New("element text larger than the file")
				}
				text.Write(t)
			}
		case xml.EndElement:
			name := elementName(t.Name.Local)
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch {
			case cur != nil && name == "property":
				p := cur.property()
				inAtt := len(atts) > 0 && atts[len(atts)-1].depth == len(msgs)
				switch {
				case inRecip:
					recip = append(recip, p)
				case inAtt && !inside("tableprops"):
					a := atts[len(atts)-1].a
					a.Properties = append(a.Properties, p)
				case inAtt:
					// tableprops: the attachment table's row, which getprops repeats
				default:
					m := topMsg()
					if listType == "summary" {
						m.summary = append(m.summary, p)
					} else {
						m.full = append(m.full, p)
					}
				}
				cur, curVal, curRow, field = nil, nil, nil, ""
			case cur != nil && field == "value" && name == "value":
				curVal.text = text.String()
				cur.value = curVal
				field = ""
			case cur != nil && curRow != nil && name == "row":
				curVal.rows = append(curVal.rows, *curRow)
				curRow = nil
			case cur != nil && field == "rowvalue" && name == "value":
				curRow.value = text.String()
				field = ""
			case cur != nil && field == "rowalt" && name == "altvalue":
				curRow.alt = text.String()
				field = ""
			case cur != nil && name == "value" && curVal != nil && curRow == nil:
				cur.value = curVal // an MV <Value> closing after its rows
			case cur != nil && field == "alt" && name == "altvalue":
				cur.alt, cur.hasAlt = text.String(), true
				field = ""
			case cur != nil && field == name && (name == "namedpropguid" || name == "namedpropname"):
				if name == "namedpropguid" {
					cur.setText = strings.TrimSpace(text.String())
				} else {
					cur.nameText = strings.TrimSpace(text.String())
				}
				field = ""
			case cur == nil && name == "properties":
				listType = ""
			case cur == nil && name == "recipient":
				inRecip = false
				topMsg().recips = append(topMsg().recips, recip)
			case cur == nil && name == "attachment" && len(atts) > 0:
				a := atts[len(atts)-1]
				atts = atts[:len(atts)-1]
				topMsg().attachments = append(topMsg().attachments, *a.a)
			case cur == nil && name == "message" && len(msgs) > 0:
				m := msgs[len(msgs)-1]
				msgs = msgs[:len(msgs)-1]
				m.finish()
				if len(atts) > 0 && atts[len(atts)-1].depth == len(msgs) {
					// a message nested in an <attachment>: its embedded message
					atts[len(atts)-1].a.Embedded = m.it
					continue
				}
				items = append(items, m.it)
			}
		}
	}
	if bare != nil && (len(bare.full) > 0 || len(bare.summary) > 0) {
		bare.finish()
		items = append([]*Item{bare.it}, items...)
	}
	if seen == 0 {
		return nil, errors.New("no <property> element: not an MFCMAPI export")
	}
	if len(items) == 0 {
		return nil, errors.New("no message properties in the export")
	}
	if len(items) > 1 {
		for i, it := range items {
			setPath(it, fmt.Sprintf("/message[%d]", i), "")
		}
	} else {
		setPath(items[0], "/", "")
	}
	return items, nil
}

// setPath names an item and its embedded messages.
func setPath(it *Item, path, parent string) {
	it.Path, it.Parent = path, parent
	for i := range it.Attachments {
		if e := it.Attachments[i].Embedded; e != nil {
			setPath(e, fmt.Sprintf("%sattachment[%d]", slash(path), i), path)
		}
	}
}

func (m *xmlMsg) finish() {
	// A message file lists a few properties as a summary before the full
	// list: take the full list when there is one.
	props := m.full
	if len(props) == 0 {
		props = m.summary
	}
	m.it.Properties = props
	m.it.Recipients = m.recips
	m.it.Attachments = m.attachments
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return a.Value
		}
	}
	return ""
}

func attrs(t xml.StartElement) map[string]string {
	if len(t.Attr) == 0 {
		return nil
	}
	m := make(map[string]string, len(t.Attr))
	for _, a := range t.Attr {
		m[strings.ToLower(a.Name.Local)] = strings.TrimSpace(a.Value)
	}
	return m
}

// property turns a <property> into a Property; a value that does not read
// becomes the property's error.
func (x *xmlProp) property() Property {
	tag := x.tag
	if pt, ok := proptag.ParsePropType(x.typ); ok && x.typ != "" {
		tag = proptag.NewTag(tag.ID(), pt)
	}
	var n *Named
	if x.setText != "" || x.nameText != "" || tag.IsNamed() {
		n = parseNamed(x.setText, x.nameText)
	}
	p := NewProperty(tag, n, Value{})
	where := fmt.Sprintf("XML line %d", x.line)
	if !x.hasTag && x.typ == "" {
		p.Err = fmt.Errorf("%s: <property> without tag or type", where)
		return p
	}
	v, err := x.parse(tag.Type())
	if err != nil {
		p.Err = fmt.Errorf("%s: %s: %v", where, tag.Type(), err)
		if tag.Type() == proptag.PT_BINARY {
			p.Value.Type = proptag.PT_BINARY
		}
		return p
	}
	p.Value = v
	return p
}

// parseNamed reads "{00062002-0000-0000-C000-000000000046} = PSETID_Appointment"
// and "id: 0x825E=33374 = PidLid…, dispid…" or "sz: name". A name the
// table knows fills in what the text lacks.
func parseNamed(setText, nameText string) *Named {
	n := &Named{}
	hasSet := false
	if i := strings.Index(setText, "}"); i >= 0 {
		if g, err := guid.ParseAs(strings.TrimSpace(setText[:i+1]), guid.FormString); err == nil {
			n.Set, hasSet = g, true
		}
	} else if setText != "" {
		if g, ok := proptag.SetByName(setText); ok {
			n.Set, hasSet = g, true
		}
	}
	rest := strings.TrimSpace(nameText)
	canonical := ""
	if i := strings.LastIndex(rest, "= "); i >= 0 {
		canonical = strings.TrimSpace(rest[i+2:])
		if j := strings.Index(canonical, ","); j >= 0 {
			canonical = strings.TrimSpace(canonical[:j])
		}
	}
	switch {
	case hasPrefixFold(rest, "id:"):
		num := strings.TrimSpace(rest[3:])
		if i := strings.IndexAny(num, "= "); i >= 0 {
			num = num[:i]
		}
		if v, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(num, "0x"), "0X"), 16, 32); err == nil {
			n.LID = uint32(v)
		}
	case hasPrefixFold(rest, "sz:"):
		n.IsName = true
		n.Name = strings.TrimSpace(rest[3:])
		if i := strings.LastIndex(n.Name, " = "); i >= 0 && canonical != "" {
			n.Name = strings.TrimSpace(n.Name[:i])
		}
	}
	if canonical != "" && (!hasSet || n.LID == 0 && !n.IsName) {
		if p, ok := proptag.ByName(canonical); ok && p.IsNamed() {
			n.Set = p.Set
			if p.Kind == proptag.KindName {
				n.IsName, n.Name = true, p.NameString
			} else {
				n.LID = p.LID
			}
		}
	}
	return n
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

// parse reads the value of type t.
func (x *xmlProp) parse(t proptag.PropType) (Value, error) {
	if x.value == nil && !x.hasAlt {
		return Value{}, errors.New("no <Value>")
	}
	if t&proptag.MV_FLAG != 0 {
		v := Value{Type: t}
		base := t &^ proptag.MV_FLAG
		if x.value == nil {
			return v, errors.New("no <Value>")
		}
		for i, r := range x.value.rows {
			e, err := parseOne(base, r.value, r.alt, r.alt != "", r.attrs)
			if err != nil {
				return v, fmt.Errorf("row %d: %v", i, err)
			}
			v.Multi = append(v.Multi, e)
		}
		return v, nil
	}
	text := ""
	var at map[string]string
	if x.value != nil {
		text, at = x.value.text, x.value.attrs
	}
	return parseOne(t, text, x.alt, x.hasAlt, at)
}

// parseOne reads one value as MFCMAPI writes it.
func parseOne(t proptag.PropType, text, alt string, hasAlt bool, at map[string]string) (Value, error) {
	v := Value{Type: t}
	s := strings.TrimSpace(text)
	a := strings.TrimSpace(alt)
	switch t {
	case proptag.PT_I2, proptag.PT_LONG, proptag.PT_ERROR:
		if e := at["err"]; e != "" {
			s = e
		}
		n, err := parseInt(s)
		if err != nil && hasAlt {
			n, err = parseInt(a)
		}
		if err != nil {
			return v, fmt.Errorf("%q is not a number", s)
		}
		v.Int = n
		if t == proptag.PT_I2 {
			v.Int = int64(int16(n))
		} else if t == proptag.PT_LONG {
			v.Int = int64(int32(n))
		} else {
			v.Int = int64(uint32(n))
		}
	case proptag.PT_BOOLEAN:
		switch strings.ToLower(s) {
		case "true", "1":
			v.Int = 1
		case "false", "0":
		default:
			return v, fmt.Errorf("%q is neither True nor False", s)
		}
	case proptag.PT_I8, proptag.PT_CURRENCY:
		// MFCMAPI writes I8 as "0xHHHHHHHH:0xLLLLLLLL" with the decimal in
		// AltValue, and currency the other way round.
		n, err := parseHiLo(s)
		if err != nil {
			n, err = parseHiLo(a)
		}
		if err != nil && t == proptag.PT_I8 {
			n, err = parseInt(s)
		}
		if err != nil {
			return v, fmt.Errorf("%q is not a 64-bit number", s)
		}
		v.Int = n
	case proptag.PT_R4, proptag.PT_DOUBLE, proptag.PT_APPTIME:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return v, fmt.Errorf("%q is not a number", s)
		}
		v.Float = f
	case proptag.PT_SYSTIME:
		if ft, ok := parseLowHigh(a); ok {
			v.Time = FileTimeToTime(ft)
			break
		}
		if ft, ok := parseLowHigh(s); ok {
			v.Time = FileTimeToTime(ft)
			break
		}
		if tm, err := time.Parse(time.RFC3339Nano, s); err == nil {
			v.Time = tm.UTC()
			break
		}
		return v, fmt.Errorf("no FILETIME: want <AltValue>Low: 0x… High: 0x…</AltValue> (the displayed time %q does not say its zone)", s)
	case proptag.PT_UNICODE:
		v.Str = text
	case proptag.PT_STRING8:
		v.Str = text // already text: Bytes stays nil, so Decode keeps it
	case proptag.PT_CLSID:
		g, err := guid.Parse(strings.Fields(s + " ")[0])
		if err != nil {
			return v, fmt.Errorf("%q is not a GUID", s)
		}
		v.Bytes = g[:]
	default: // PT_BINARY and anything stored as bytes
		var b []byte
		var err error
		if hasPrefixFold(s, "cb:") {
			b, err = input.ParseMFCMAPI(s)
		} else if s == "" {
			b = []byte{}
		} else {
			b, err = input.ParseHex(s)
		}
		if err != nil {
			return v, err
		}
		if cb, ok := at["cb"]; ok {
			if n, err := strconv.Atoi(cb); err != nil || n != len(b) {
				return v, fmt.Errorf("cb=%q but the value holds %d bytes", cb, len(b))
			}
		}
		v.Bytes = b
	}
	return v, nil
}

func parseInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if hasPrefixFold(s, "0x") {
		u, err := strconv.ParseUint(s[2:], 16, 64)
		return int64(u), err
	}
	return strconv.ParseInt(s, 10, 64)
}

// parseHiLo reads "0xHHHHHHHH:0xLLLLLLLL".
func parseHiLo(s string) (int64, error) {
	hi, lo, ok := strings.Cut(s, ":")
	if !ok {
		return 0, errors.New("no colon")
	}
	h, err := parseInt(hi)
	if err != nil || h > math.MaxUint32 || h < 0 {
		return 0, errors.New("bad high part")
	}
	l, err := parseInt(lo)
	if err != nil || l > math.MaxUint32 || l < 0 {
		return 0, errors.New("bad low part")
	}
	return int64(uint64(h)<<32 | uint64(l)), nil
}

// parseLowHigh reads "Low: 0x01CB… High: 0x…".
func parseLowHigh(s string) (uint64, bool) {
	f := strings.Fields(strings.NewReplacer(":", " ", ",", " ").Replace(s))
	var lo, hi uint64
	var gotLo, gotHi bool
	for i := 0; i+1 < len(f); i++ {
		v, err := parseInt(f[i+1])
		if err != nil || v < 0 || v > math.MaxUint32 {
			continue
		}
		switch strings.ToLower(f[i]) {
		case "low":
			lo, gotLo = uint64(v), true
		case "high":
			hi, gotHi = uint64(v), true
		}
	}
	return hi<<32 | lo, gotLo && gotHi
}

// MarshalXML writes items in MFCMAPI's export form: one item as a
// <message> file, several as a contents table of <message num="…"> rows.
// Each property is a <property tag type> with <NamedPropGUID> and
// <NamedPropName> for named ones and <Value>/<AltValue> as MFCMAPI writes
// them (binary "cb: N lpb: HEX", times with their FILETIME). An embedded
// message is written as a <message> inside its <attachment>.
func MarshalXML(items ...*Item) []byte {
	var w bytes.Buffer
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if len(items) == 1 {
		writeXMLMessage(&w, items[0], "")
		return w.Bytes()
	}
	fmt.Fprintf(&w, "<ContentsTable TableType=\"Contents\" messagecount=\"0x%08X\">\n", len(items))
	for i, it := range items {
		writeXMLMessage(&w, it, fmt.Sprintf(" num=\"0x%08X\"", i))
	}
	w.WriteString("</ContentsTable>\n")
	return w.Bytes()
}

func writeXMLMessage(w *bytes.Buffer, it *Item, attrs string) {
	cp := it.CodePage()
	fmt.Fprintf(w, "<message%s>\n<properties listtype=\"FullPropList\">\n", attrs)
	for i := range it.Properties {
		writeXMLProperty(w, &it.Properties[i], cp)
	}
	w.WriteString("</properties>\n")
	if len(it.Recipients) > 0 {
		w.WriteString("<recipients>\n")
		for i, row := range it.Recipients {
			fmt.Fprintf(w, "<recipient num=\"0x%08X\">\n", i)
			for j := range row {
				writeXMLProperty(w, &row[j], cp)
			}
			w.WriteString("</recipient>\n")
		}
		w.WriteString("</recipients>\n")
	}
	if len(it.Attachments) > 0 {
		w.WriteString("<attachments>\n")
		for i, a := range it.Attachments {
			fmt.Fprintf(w, "<attachment num=\"0x%08X\">\n<getprops>\n", i)
			for j := range a.Properties {
				writeXMLProperty(w, &a.Properties[j], cp)
			}
			w.WriteString("</getprops>\n")
			if a.Embedded != nil {
				writeXMLMessage(w, a.Embedded, "")
			}
			w.WriteString("</attachment>\n")
		}
		w.WriteString("</attachments>\n")
	}
	w.WriteString("</message>\n")
}

// XMLProperty is one property in MFCMAPI's export form.
func XMLProperty(p *Property) string {
	var w bytes.Buffer
	writeXMLProperty(&w, p, blob.DefaultCodePage)
	return w.String()
}

func writeXMLProperty(w *bytes.Buffer, p *Property, cp blob.CodePage) {
	t := p.Type()
	fmt.Fprintf(w, "\t<property tag = \"%s\" type = \"%s\">\n", p.Tag, t)
	if p.Info != nil {
		fmt.Fprintf(w, "\t\t<PropertyName>%s</PropertyName>\n", xmlEscape(p.Info.DisplayName()))
	}
	if n := p.Named; n != nil {
		fmt.Fprintf(w, "\t\t<NamedPropGUID>%s", n.Set)
		if s := n.Set.Name(); s != "" {
			fmt.Fprintf(w, " = %s", s)
		}
		w.WriteString("</NamedPropGUID>\n")
		if n.IsName {
			fmt.Fprintf(w, "\t\t<NamedPropName>sz: %s</NamedPropName>\n", xmlEscape(n.Name))
		} else {
			fmt.Fprintf(w, "\t\t<NamedPropName>id: 0x%04X=%d", n.LID, n.LID)
			if p.Info != nil && p.Info.Name != "" {
				fmt.Fprintf(w, " = %s", p.Info.Name)
			}
			w.WriteString("</NamedPropName>\n")
		}
	}
	if t&proptag.MV_FLAG != 0 {
		fmt.Fprintf(w, "\t\t<Value mv=\"true\" count=\"%d\">\n", len(p.Value.Multi))
		for i := range p.Value.Multi {
			x := p.Value.Multi[i]
			x.Type = t &^ proptag.MV_FLAG
			val, alt := xmlValueText(&x, cp)
			fmt.Fprintf(w, "\t\t\t<row>\n\t\t\t\t<Value>%s</Value>\n", val)
			if alt != "" {
				fmt.Fprintf(w, "\t\t\t\t<AltValue>%s</AltValue>\n", alt)
			}
			w.WriteString("\t\t\t</row>\n")
		}
		w.WriteString("\t\t</Value>\n")
	} else {
		val, alt := xmlValueText(&p.Value, cp)
		fmt.Fprintf(w, "\t\t<Value>%s</Value>\n", val)
		if alt != "" {
			fmt.Fprintf(w, "\t\t<AltValue>%s</AltValue>\n", alt)
		}
	}
	w.WriteString("\t</property>\n")
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// xmlValueText is a value's <Value> and <AltValue> text, escaped.
func xmlValueText(v *Value, cp blob.CodePage) (string, string) {
	switch v.Type {
	case proptag.PT_I2, proptag.PT_LONG:
		return strconv.FormatInt(v.Int, 10), fmt.Sprintf("0x%X", uint32(v.Int))
	case proptag.PT_ERROR:
		return fmt.Sprintf("0x%08X", uint32(v.Int)), ""
	case proptag.PT_BOOLEAN:
		if v.Int != 0 {
			return "True", ""
		}
		return "False", ""
	case proptag.PT_I8:
		return fmt.Sprintf("0x%08X:0x%08X", uint32(uint64(v.Int)>>32), uint32(v.Int)), strconv.FormatInt(v.Int, 10)
	case proptag.PT_CURRENCY:
		return fmt.Sprintf("%d.%04d", v.Int/10000, abs(v.Int%10000)), fmt.Sprintf("0x%08X:0x%08X", uint32(uint64(v.Int)>>32), uint32(v.Int))
	case proptag.PT_R4, proptag.PT_DOUBLE, proptag.PT_APPTIME:
		return strconv.FormatFloat(v.Float, 'f', -1, 64), ""
	case proptag.PT_SYSTIME:
		ft := TimeToFileTime(v.Time)
		return v.Time.UTC().Format("03:04:05 PM 01/02/2006"), fmt.Sprintf("Low: 0x%08X High: 0x%08X", uint32(ft), uint32(ft>>32))
	case proptag.PT_UNICODE:
		return cdata(v.Str), ""
	case proptag.PT_STRING8:
		s := v.Str
		if s == "" && len(v.Bytes) > 0 {
			s = cp.Decode(v.Bytes)
		}
		return cdata(s), ""
	case proptag.PT_CLSID:
		if len(v.Bytes) == 16 {
			return guid.GUID(v.Bytes).String(), ""
		}
	}
	return fmt.Sprintf("cb: %d lpb: %s", len(v.Bytes), blob.HexBytes(v.Bytes)), ""
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
