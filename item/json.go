package item

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/smartview"
)

// The JSON form of the contract's "Items" section, written by hand: a
// folder of items is mostly JSON output, and encoding/json's reflection
// (and its re-compaction of every nested MarshalJSON) cost more than
// reading the items.
//
//	{"source", "item", "parent", ["folder", "nid",] "messageClass", "properties": [{"name",
//	 "set", "lid" | "nameString", "tag", "type", "hex" + "decoded" | "error"
//	 | "value"}], "findings"}

// JSON writes the item in the JSON contract's "Items" form, with the given
// findings (usually Check's): one object, no newline. An item read from no
// file (Source "", as an iCalendar import makes them) has no "source".
func (it *Item) JSON(findings []blob.Finding) ([]byte, error) {
	return it.AppendJSON(make([]byte, 0, 4096), findings)
}

// AppendJSON appends JSON's output to b.
func (it *Item) AppendJSON(b []byte, findings []blob.Finding) ([]byte, error) {
	b = append(b, '{')
	if it.Source != "" {
		b = append(b, `"source":`...)
		b = appendString(b, it.Source)
		b = append(b, ',')
	}
	b = append(b, `"item":`...)
	path := it.Path
	if path == "" {
		path = "/"
	}
	b = appendString(b, path)
	b = append(b, `,"parent":`...)
	if it.Parent == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, it.Parent)
	}
	if it.Folder != "" || it.NID != 0 {
		b = append(b, `,"folder":`...)
		b = appendString(b, it.Folder)
		b = append(b, `,"nid":"0x`...)
		b = append(b, strings.ToUpper(strconv.FormatUint(uint64(it.NID), 16))...)
		b = append(b, '"')
	}
	b = append(b, `,"messageClass":`...)
	b = appendString(b, it.MessageClass())
	b = append(b, `,"properties":[`...)
	var err error
	for i := range it.Properties {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = it.Properties[i].appendJSON(b); err != nil {
			return nil, err
		}
	}
	b = append(b, ']')
	if len(it.Recipients) > 0 {
		b = append(b, `,"recipients":[`...)
		for r, row := range it.Recipients {
			if r > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for i := range row {
				if i > 0 {
					b = append(b, ',')
				}
				if b, err = row[i].appendJSON(b); err != nil {
					return nil, err
				}
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	if len(findings) > 0 {
		f, err := json.Marshal(findings)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"findings":`...)
		b = append(b, f...)
	}
	return append(b, '}'), nil
}

// MarshalJSON is JSON with the item's own findings (Check).
func (it *Item) MarshalJSON() ([]byte, error) { return it.JSON(it.Check()) }

func (p *Property) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"name":`...)
	b = appendString(b, p.Name())
	if n := p.Named; n != nil {
		b = append(b, `,"set":`...)
		b = appendString(b, n.SetName())
		if n.IsName {
			b = append(b, `,"nameString":`...)
			b = appendString(b, n.Name)
		} else {
			b = append(b, `,"lid":`...)
			b = strconv.AppendUint(b, uint64(n.LID), 10)
		}
	}
	b = append(b, `,"tag":"`...)
	b = append(b, p.Tag.String()...)
	b = append(b, `","type":`...)
	b = appendString(b, p.Type().String())
	if p.Type() == proptag.PT_BINARY {
		b = append(b, `,"hex":"`...)
		b, _ = blob.HexBytes(p.Value.Bytes).AppendText(b)
		b = append(b, '"')
		if p.Decoded != nil {
			b = append(b, `,"decoded":`...)
			var err error
			if b, err = appendResult(b, p.Decoded); err != nil {
				return nil, err
			}
		}
	} else if p.Err == nil || p.Value.Type != 0 {
		b = append(b, `,"value":`...)
		b = p.Value.appendJSON(b)
		if p.DecodedValues != nil {
			b = append(b, `,"decoded":[`...)
			for i, r := range p.DecodedValues {
				if i > 0 {
					b = append(b, ',')
				}
				if r == nil {
					b = append(b, "null"...)
					continue
				}
				var err error
				if b, err = appendResult(b, r); err != nil {
					return nil, err
				}
			}
			b = append(b, ']')
		}
		if f, ok := p.FlagText(); ok {
			b = append(b, `,"flags":`...)
			b = appendString(b, f)
		}
	}
	if p.Err != nil {
		b = append(b, `,"error":`...)
		b = appendString(b, oneLine(p.Err.Error()))
	}
	return append(b, '}'), nil
}

// appendResult writes a decoded blob in the contract's blob form, as
// smartview.Result.MarshalJSON does ({"kind", "size", "value", "trailing",
// "findings"}), taking the value's own MarshalJSON output as it is.
func appendResult(b []byte, r *smartview.Result) ([]byte, error) {
	b = append(b, `{"kind":`...)
	b = appendString(b, string(r.Kind))
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(r.Size), 10)
	b = append(b, `,"value":`...)
	var v []byte
	var err error
	if m, ok := r.Value.(json.Marshaler); ok {
		v, err = m.MarshalJSON()
	} else {
		v, err = json.Marshal(r.Value)
	}
	if err != nil {
		return nil, err
	}
	b = append(b, v...)
	if len(r.Trailing) > 0 {
		b = append(b, `,"trailing":"`...)
		b, _ = blob.HexBytes(r.Trailing).AppendText(b)
		b = append(b, '"')
	}
	if len(r.Findings) > 0 {
		f, err := json.Marshal(r.Findings)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"findings":`...)
		b = append(b, f...)
	}
	return append(b, '}'), nil
}

// appendJSON writes the value as the contract does: numbers, booleans,
// strings, times as RFC 3339 UTC, GUIDs in braces, bytes as upper-case
// hex, multi-valued as arrays.
func (v *Value) appendJSON(b []byte) []byte {
	if v.Type&proptag.MV_FLAG != 0 {
		b = append(b, '[')
		for i := range v.Multi {
			if i > 0 {
				b = append(b, ',')
			}
			x := v.Multi[i]
			x.Type = v.Type &^ proptag.MV_FLAG
			b = x.appendJSON(b)
		}
		return append(b, ']')
	}
	switch v.Type {
	case proptag.PT_I2, proptag.PT_LONG, proptag.PT_I8, proptag.PT_ERROR, proptag.PT_CURRENCY:
		return strconv.AppendInt(b, v.Int, 10)
	case proptag.PT_BOOLEAN:
		return strconv.AppendBool(b, v.Int != 0)
	case proptag.PT_R4, proptag.PT_DOUBLE, proptag.PT_APPTIME:
		if math.IsNaN(v.Float) || math.IsInf(v.Float, 0) {
			return appendString(b, strconv.FormatFloat(v.Float, 'g', -1, 64))
		}
		return strconv.AppendFloat(b, v.Float, 'g', -1, 64)
	case proptag.PT_SYSTIME:
		b = append(b, '"')
		b = v.Time.UTC().AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	case proptag.PT_UNICODE, proptag.PT_STRING8:
		return appendString(b, v.Str)
	case proptag.PT_CLSID:
		if len(v.Bytes) == 16 {
			return appendString(b, guid.GUID(v.Bytes).String())
		}
	}
	b = append(b, '"')
	b, _ = blob.HexBytes(v.Bytes).AppendText(b)
	return append(b, '"')
}

// jsonValue is the value as a Go value of the JSON form (for tests and
// callers that build documents).
func (v *Value) jsonValue() any {
	var x any
	_ = json.Unmarshal(v.appendJSON(nil), &x)
	return x
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string: invalid UTF-8 becomes U+FFFD,
// control characters and the quote and backslash are escaped, and so are
// U+2028 and U+2029 (as encoding/json does, for JavaScript).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case '\u2028':
				b = append(b, `\u2028`...)
			case '\u2029':
				b = append(b, `\u2029`...)
			default:
				b = append(b, `\ufffd`...)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// oneLine folds white space (line breaks included) to single spaces, for
// messages that must stay on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
