package mfcxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// Read reads an MFCMAPI XML export: a message file (<message> with
// <properties listtype="FullPropList">, <recipients> and <attachments>),
// a contents table (one <message num="…"> per row: several items), or
// bare <property> elements (one item). Every property type is read: the
// value from <Value> (binary as "cb: N lpb: HEX" or with a cb attribute,
// multi-valued as <row> elements), times from <AltValue>'s "Low: 0x…
// High: 0x…". A property whose value cannot be read keeps its error and
// the rest go on. An <attachment> may hold a nested <message>: this
// package's writer puts an embedded message there (MFCMAPI writes it to a
// file of its own and leaves an <embeddedmessage path="…"/>).
func Read(b []byte, source string) ([]*item.Item, error) {
	items, err := ReadProperties(b, source)
	if err != nil {
		return nil, err
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
	hasValue bool     // a <Value> (single) was read
	value    string   // its text
	attrs    valAttrs // its attributes
	alt      string
	hasAlt   bool
	off      int // where the <property> tag ends, for the line of errors
	// Multi-valued: each <row>'s value, parsed when the row ends, and the
	// first row that did not read.
	mv     bool
	rows   chunkList[item.Value]
	rowErr error
	row    xmlRow
}

type xmlRow struct {
	value, alt string
	attrs      valAttrs
	hasValue   bool
	hasAlt     bool
	n          int // rows seen
}

type valAttrs struct {
	cb    string
	hasCb bool
	err   string
}

// knownElements are the element names the reader acts on, lower-cased.
var knownElements = []string{"message", "properties", "property", "recipient", "attachment", "getprops", "tableprops",
	"value", "altvalue", "row", "namedpropguid", "namedpropname"}

// elementName is the lower-cased name of a known element, or "?".
func elementName(s []byte) string {
	for _, k := range knownElements {
		if len(s) == len(k) && strings.EqualFold(string(s), k) {
			return k
		}
	}
	return "?"
}

type openAtt struct {
	a     *item.Attachment
	depth int // len(msgs) when it opened
}

// xmlMsg collects one message's properties while reading.
type xmlMsg struct {
	it          *item.Item
	summary     chunkList[item.Property]
	full        chunkList[item.Property]
	hasFull     bool
	recips      [][]item.Property
	attachments []item.Attachment
}

// chunkList collects values in chunks taken from a pool and hands them out
// as one slice of the exact length: reading allocates each list about
// twice, never the sum of a growing slice's copies. Chunks start small (a
// bare property costs one small chunk) and double up to chunkSize.
type chunkList[T any] struct {
	chunks [][]T
	n      int
}

const (
	firstChunk = 4
	chunkSize  = 32
)

type chunkPool[T any] struct{ free [][]T }

func (l *chunkList[T]) add(p *chunkPool[T], v T) {
	k := len(l.chunks) - 1
	if k < 0 || len(l.chunks[k]) == cap(l.chunks[k]) {
		var c []T
		if f := len(p.free); f > 0 {
			c, p.free = p.free[f-1], p.free[:f-1]
		} else {
			c = make([]T, 0, min(chunkSize, firstChunk<<min(len(l.chunks), 3)))
		}
		l.chunks = append(l.chunks, c)
		k++
	}
	l.chunks[k] = append(l.chunks[k], v)
	l.n++
}

// take returns the values (nil when none) and gives the chunks back.
func (l *chunkList[T]) take(p *chunkPool[T]) []T {
	if l.n == 0 {
		return nil
	}
	out := make([]T, 0, l.n)
	for _, c := range l.chunks {
		out = append(out, c...)
		clear(c)
		p.free = append(p.free, c[:0])
	}
	l.chunks, l.n = l.chunks[:0], 0
	return out
}

// xmlEncoding reads the encoding of the XML declaration ("" when none).
func xmlEncoding(b []byte) string {
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := b[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
		return ""
	}
	j := bytes.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return ""
	}
	return strings.ToLower(string(rest[1 : 1+j]))
}

// ReadProperties reads an export as Read does without decoding the binary
// properties (Item.Decode does that): enough to tell what the export holds
// by its properties' types and names.
func ReadProperties(b []byte, source string) ([]*item.Item, error) {
	items, err := readXML(b, source)
	if err != nil {
		return nil, &item.ReadError{Format: "xml", Err: err}
	}
	return items, nil
}

func readXML(b []byte, source string) ([]*item.Item, error) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch enc := xmlEncoding(b); enc {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "unicode":
		// UTF-16 was converted to UTF-8 before reading
	case "iso-8859-1", "latin1", "windows-1252", "cp1252":
		// MFCMAPI labels its exports ISO-8859-1 whatever it writes: take
		// valid UTF-8 as it is, anything else as windows-1252.
	default:
		return nil, errors.New("encoding " + strconv.Quote(enc) + " is not supported; save the export as UTF-8")
	}
	if !utf8.Valid(b) {
		d, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return nil, err
		}
		b = d
	}
	sc := &xmlScanner{b: b}
	var props chunkPool[item.Property]
	var vals chunkPool[item.Value]
	var xp xmlProp // the <property> being read (one at a time)
	var recipList, attList chunkList[item.Property]
	var (
		items    []*item.Item
		stack    []string
		msgs     []*xmlMsg // open <message> elements, innermost last
		bare     *xmlMsg   // properties outside any <message>
		cur      *xmlProp
		inValue  bool // inside the property's <Value>
		inRow    bool // inside a <row> of it
		field    string
		text     []byte
		listType string
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
			bare = &xmlMsg{it: &item.Item{Source: source, Path: "/", Format: "xml"}}
		}
		return bare
	}
	for {
		t, err := sc.next()
		if err != nil {
			return nil, err
		}
		if t.kind == xmlEOF {
			break
		}
		switch t.kind {
		case xmlStart:
			name := elementName(t.name)
			stack = append(stack, name)
			if len(stack) > 64 {
				return nil, sc.errAt(sc.off, "elements nested deeper than 64")
			}
			switch {
			case name == "message" && cur == nil:
				m := &xmlMsg{it: &item.Item{Source: source, Format: "xml"}}
				msgs = append(msgs, m)
			case name == "properties" && cur == nil:
				listType = strings.ToLower(string(attrOf(t, "listtype")))
				if listType == "fullproplist" {
					topMsg().hasFull = true
				}
			case name == "recipient" && cur == nil:
				inRecip = true
			case name == "attachment" && cur == nil:
				atts = append(atts, openAtt{a: &item.Attachment{}, depth: len(msgs)})
			case name == "property":
				seen++
				xp.rows.take(&vals) // a previous property's rows, if it ended early
				xp = xmlProp{typ: string(bytes.TrimSpace(attrOf(t, "type"))), off: sc.off}
				cur = &xp
				if v := bytes.TrimSpace(attrOf(t, "tag")); len(v) > 0 {
					v = bytes.TrimPrefix(bytes.TrimPrefix(v, []byte("0x")), []byte("0X"))
					if n, err := strconv.ParseUint(string(v), 16, 32); err == nil {
						cur.tag, cur.hasTag = proptag.PropTag(n), true
					}
				}
			case cur != nil && name == "value" && !inValue:
				inValue = true
				cur.attrs = valueAttrs(t)
				if bytes.EqualFold(bytes.TrimSpace(attrOf(t, "mv")), []byte("true")) || cur.propType()&proptag.MV_FLAG != 0 {
					cur.mv = true
				} else {
					field = "value"
					text = text[:0]
				}
			case cur != nil && name == "row" && inValue && cur.mv:
				inRow = true
				cur.row = xmlRow{n: cur.row.n + 1}
			case cur != nil && inRow && name == "value":
				cur.row.attrs = valueAttrs(t)
				cur.row.hasValue = true
				field = "rowvalue"
				text = text[:0]
			case cur != nil && inRow && name == "altvalue":
				field = "rowalt"
				text = text[:0]
			case cur != nil && name == "altvalue":
				field = "alt"
				text = text[:0]
			case cur != nil && (name == "namedpropguid" || name == "namedpropname"):
				field = name
				text = text[:0]
			}
		case xmlText:
			if cur != nil && field != "" {
				text = append(text, t.text...)
			}
		case xmlEnd:
			name := elementName(t.name)
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch {
			case cur != nil && name == "property":
				p := cur.property(sc, &vals)
				inAtt := len(atts) > 0 && atts[len(atts)-1].depth == len(msgs)
				switch {
				case inRecip:
					recipList.add(&props, p)
				case inAtt && !inside("tableprops"):
					attList.add(&props, p)
				case inAtt:
					// tableprops: the attachment table's row, which getprops repeats
				default:
					m := topMsg()
					if listType == "summary" {
						m.summary.add(&props, p)
					} else {
						m.full.add(&props, p)
					}
				}
				cur, inValue, inRow, field = nil, false, false, ""
			case cur != nil && field == "value" && name == "value":
				cur.value, cur.hasValue = string(text), true
				inValue = false
				field = ""
			case cur != nil && inRow && name == "row":
				cur.addRow(&vals)
				inRow = false
			case cur != nil && field == "rowvalue" && name == "value":
				cur.row.value = string(text)
				field = ""
			case cur != nil && field == "rowalt" && name == "altvalue":
				cur.row.alt, cur.row.hasAlt = string(text), true
				field = ""
			case cur != nil && name == "value" && inValue && !inRow:
				inValue = false // a multi-valued <Value> closing after its rows
			case cur != nil && field == "alt" && name == "altvalue":
				cur.alt, cur.hasAlt = string(text), true
				field = ""
			case cur != nil && field == name && (name == "namedpropguid" || name == "namedpropname"):
				if name == "namedpropguid" {
					cur.setText = string(bytes.TrimSpace(text))
				} else {
					cur.nameText = string(bytes.TrimSpace(text))
				}
				field = ""
			case cur == nil && name == "properties":
				listType = ""
			case cur == nil && name == "recipient":
				inRecip = false
				topMsg().recips = append(topMsg().recips, recipList.take(&props))
			case cur == nil && name == "getprops" && len(atts) > 0:
				a := atts[len(atts)-1].a
				a.Properties = append(a.Properties, attList.take(&props)...)
			case cur == nil && name == "attachment" && len(atts) > 0:
				a := atts[len(atts)-1]
				atts = atts[:len(atts)-1]
				if attList.n > 0 {
					a.a.Properties = append(a.a.Properties, attList.take(&props)...)
				}
				topMsg().attachments = append(topMsg().attachments, *a.a)
			case cur == nil && name == "message" && len(msgs) > 0:
				m := msgs[len(msgs)-1]
				msgs = msgs[:len(msgs)-1]
				m.finish(&props)
				if len(atts) > 0 && atts[len(atts)-1].depth == len(msgs) {
					// a message nested in an <attachment>: its embedded message
					atts[len(atts)-1].a.Embedded = m.it
					continue
				}
				items = append(items, m.it)
			}
		}
	}
	if bare != nil && (bare.full.n > 0 || bare.summary.n > 0) {
		bare.finish(&props)
		items = append([]*item.Item{bare.it}, items...)
	}
	if seen == 0 {
		return nil, errors.New("no <property> element: not an MFCMAPI export")
	}
	if len(items) == 0 {
		return nil, errors.New("no message properties in the export")
	}
	if len(items) > 1 {
		for i, it := range items {
			it.SetPath(fmt.Sprintf("/message[%d]", i), "")
		}
	} else {
		items[0].SetPath("/", "")
	}
	return items, nil
}

// attrOf is the value of a start tag's attribute (any letter case).
func attrOf(t xmlTok, name string) []byte {
	for _, a := range t.attrs {
		if len(a.name) == len(name) && strings.EqualFold(string(a.name), name) {
			return a.value
		}
	}
	return nil
}

// valueAttrs reads the attributes MFCMAPI puts on <Value>: cb (binary
// length), err (error code) and mv/count (multi-valued).
func valueAttrs(t xmlTok) valAttrs {
	var v valAttrs
	if c := attrOf(t, "cb"); c != nil {
		v.cb, v.hasCb = string(bytes.TrimSpace(c)), true
	}
	if e := attrOf(t, "err"); e != nil {
		v.err = string(bytes.TrimSpace(e))
	}
	return v
}

func (m *xmlMsg) finish(pool *chunkPool[item.Property]) {
	// A message file lists a few properties as a summary before the full
	// list: take the full list when there is one.
	if m.full.n > 0 {
		m.it.Properties = m.full.take(pool)
		m.summary.take(pool)
	} else {
		m.it.Properties = m.summary.take(pool)
	}
	m.it.Recipients = m.recips
	m.it.Attachments = m.attachments
}

// property turns a <property> into a item.Property; a value that does not read
// becomes the property's error.
// propType is the property's type: the type attribute's, else the tag's.
func (x *xmlProp) propType() proptag.PropType {
	if x.typ != "" {
		if pt, ok := proptag.ParsePropType(x.typ); ok {
			return pt
		}
	}
	return x.tag.Type()
}

// addRow parses the <row> just read into a value of the base type.
func (x *xmlProp) addRow(pool *chunkPool[item.Value]) {
	r := &x.row
	if x.rowErr != nil {
		return
	}
	if !r.hasValue {
		x.rowErr = fmt.Errorf("row %d has no <Value>", r.n-1)
		return
	}
	e, err := parseOne(x.propType()&^proptag.MV_FLAG, r.value, r.alt, r.hasAlt, r.attrs)
	if err != nil {
		x.rowErr = fmt.Errorf("row %d: %v", r.n-1, err)
		return
	}
	x.rows.add(pool, e)
}

func (x *xmlProp) property(sc *xmlScanner, pool *chunkPool[item.Value]) item.Property {
	tag := proptag.NewTag(x.tag.ID(), x.propType())
	var n *item.Named
	if x.setText != "" || x.nameText != "" || tag.IsNamed() {
		n = parseNamed(x.setText, x.nameText)
	}
	p := item.NewProperty(tag, n, item.Value{})
	if !x.hasTag && x.typ == "" {
		p.Err = fmt.Errorf("XML line %d: <property> without tag or type", sc.line(x.off))
		return p
	}
	v, err := x.parse(tag.Type(), pool)
	if err != nil {
		p.Err = &xmlValueError{sc.line(x.off), tag.Type(), err}
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
func parseNamed(setText, nameText string) *item.Named {
	n := &item.Named{}
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
func (x *xmlProp) parse(t proptag.PropType, pool *chunkPool[item.Value]) (item.Value, error) {
	rows := x.rows.take(pool)
	if t&proptag.MV_FLAG != 0 {
		if !x.mv {
			return item.Value{}, errors.New("no <Value>")
		}
		if x.rowErr != nil {
			return item.Value{Type: t}, x.rowErr
		}
		return item.Value{Type: t, Multi: rows}, nil
	}
	if !x.hasValue && !x.hasAlt {
		return item.Value{}, ErrNoValue
	}
	return parseOne(t, x.value, x.alt, x.hasAlt, x.attrs)
}

// ErrNoValue is the error of a property that has no <Value> (nor <AltValue>).
var ErrNoValue = errors.New("no <Value>")

// xmlValueError is a property value that did not read; small, since a
// hostile export may hold nothing else.
type xmlValueError struct {
	line int
	typ  proptag.PropType
	err  error
}

func (e *xmlValueError) Error() string {
	return "XML line " + strconv.Itoa(e.line) + ": " + e.typ.String() + ": " + e.err.Error()
}

func (e *xmlValueError) Unwrap() error { return e.err }

// parseOne reads one value as MFCMAPI writes it.
func parseOne(t proptag.PropType, text, alt string, hasAlt bool, at valAttrs) (item.Value, error) {
	v := item.Value{Type: t}
	s := strings.TrimSpace(text)
	a := strings.TrimSpace(alt)
	switch t {
	case proptag.PT_I2, proptag.PT_LONG, proptag.PT_ERROR:
		if at.err != "" {
			s = at.err
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
			v.Time = blob.FileTime(ft).Time()
			break
		}
		if ft, ok := parseLowHigh(s); ok {
			v.Time = blob.FileTime(ft).Time()
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
			b, err = wire.ParseMFCMAPI(s)
		} else if s == "" {
			b = []byte{}
		} else {
			b, err = wire.ParseHex(s)
		}
		if err != nil {
			return v, err
		}
		if at.hasCb {
			if n, err := strconv.Atoi(at.cb); err != nil || n != len(b) {
				return v, fmt.Errorf("cb=%q but the value holds %d bytes", at.cb, len(b))
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

// Marshal writes items in MFCMAPI's export form: one item as a
// <message> file, several as a contents table of <message num="…"> rows.
// Each property is a <property tag type> with <NamedPropGUID> and
// <NamedPropName> for named ones and <Value>/<AltValue> as MFCMAPI writes
// them (binary "cb: N lpb: HEX", times with their FILETIME). An embedded
// message is written as a <message> inside its <attachment>.
func Marshal(items ...*item.Item) []byte {
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

func writeXMLMessage(w *bytes.Buffer, it *item.Item, attrs string) {
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

// MarshalProperty is one property in MFCMAPI's export form.
func MarshalProperty(p *item.Property) string {
	var w bytes.Buffer
	writeXMLProperty(&w, p, blob.DefaultCodePage)
	return w.String()
}

// MarshalProperties is a fragment of properties in MFCMAPI's export form, as
// a <properties listtype="…"> element (the form a repair's properties take).
func MarshalProperties(props []item.Property, listtype string) string {
	var w bytes.Buffer
	w.WriteString("<properties listtype=\"" + xmlEscape(listtype) + "\">\n")
	for i := range props {
		writeXMLProperty(&w, &props[i], blob.DefaultCodePage)
	}
	w.WriteString("</properties>\n")
	return w.String()
}

func writeXMLProperty(w *bytes.Buffer, p *item.Property, cp blob.CodePage) {
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
func xmlValueText(v *item.Value, cp blob.CodePage) (string, string) {
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
		ft := uint64(blob.FileTimeOf(v.Time))
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
