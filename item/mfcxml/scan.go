package mfcxml

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// A small XML scanner for MFCMAPI exports: elements, attributes, text,
// CDATA sections, character and the five predefined entity references;
// comments, processing instructions and DOCTYPE are skipped. It is what
// encoding/xml does for such files, without its allocations per token
// (names and text are slices of the input; text is copied only when it holds
// a reference): a hostile export of many tiny elements would otherwise
// cost fifty times its size.

type xmlTokKind uint8

const (
	xmlEOF xmlTokKind = iota
	xmlStart
	xmlEnd
	xmlText
)

type xmlAttr struct{ name, value []byte }

type xmlTok struct {
	kind  xmlTokKind
	name  []byte    // element name (start, end)
	attrs []xmlAttr // start: its attributes (valid until the next token)
	self  bool      // start: <name/>, an end token follows
	text  []byte    // text: decoded (valid until the next token)
}

type xmlScanner struct {
	b       []byte
	off     int
	attrs   []xmlAttr
	buf     []byte // decoded text with references
	pending bool   // an end token for a self-closing element
	pname   []byte
	vals    [][2]int // attribute value spans in buf
	lineOff int      // line counting: lineNo is the line of offset lineOff
	lineNo  int
}

// line is the 1-based line of offset off.
func (s *xmlScanner) line(off int) int {
	return 1 + bytes.Count(s.b[:min(off, len(s.b))], []byte{'\n'})
}

func (s *xmlScanner) errAt(off int, format string, a ...any) error {
	return fmt.Errorf("line %d: "+format, append([]any{s.line(off)}, a...)...)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isNameEnd(c byte) bool { return isSpace(c) || c == '/' || c == '>' || c == '=' || c == '<' }

// next returns the next token.
func (s *xmlScanner) next() (xmlTok, error) {
	if s.pending {
		s.pending = false
		return xmlTok{kind: xmlEnd, name: s.pname}, nil
	}
	for s.off < len(s.b) {
		if s.b[s.off] != '<' {
			start := s.off
			end := bytes.IndexByte(s.b[s.off:], '<')
			if end < 0 {
				end = len(s.b)
			} else {
				end += s.off
			}
			s.off = end
			text, err := s.unescape(s.b[start:end], start)
			if err != nil {
				return xmlTok{}, err
			}
			return xmlTok{kind: xmlText, text: text}, nil
		}
		rest := s.b[s.off:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return xmlTok{}, s.errAt(s.off, "comment not closed")
			}
			s.off += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 {
				return xmlTok{}, s.errAt(s.off, "CDATA section not closed")
			}
			text := rest[9 : 9+end]
			s.off += 9 + end + 3
			return xmlTok{kind: xmlText, text: text}, nil
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest[2:], []byte("?>"))
			if end < 0 {
				return xmlTok{}, s.errAt(s.off, "processing instruction not closed")
			}
			s.off += 2 + end + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return xmlTok{}, s.errAt(s.off, "declaration not closed")
			}
			s.off += end + 1
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			i := 2
			for i < len(rest) && !isNameEnd(rest[i]) {
				i++
			}
			name := rest[2:i]
			for i < len(rest) && isSpace(rest[i]) {
				i++
			}
			if i >= len(rest) || rest[i] != '>' || len(name) == 0 {
				return xmlTok{}, s.errAt(s.off, "end tag not closed")
			}
			s.off += i + 1
			return xmlTok{kind: xmlEnd, name: name}, nil
		}
		return s.start()
	}
	return xmlTok{kind: xmlEOF}, nil
}

// start reads a start tag at s.off.
func (s *xmlScanner) start() (xmlTok, error) {
	at := s.off
	b := s.b
	i := s.off + 1
	for i < len(b) && !isNameEnd(b[i]) {
		i++
	}
	name := b[s.off+1 : i]
	if len(name) == 0 {
		return xmlTok{}, s.errAt(at, "'<' not followed by a name")
	}
	s.attrs = s.attrs[:0]
	buf := s.buf[:0]
	vals := s.vals[:0] // value spans in buf, for attributes with references
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return xmlTok{}, s.errAt(at, "start tag <%s> not closed", name)
		}
		switch b[i] {
		case '>':
			s.off = i + 1
			s.buf, s.vals = buf, vals
			s.fixAttrs(vals)
			return xmlTok{kind: xmlStart, name: name, attrs: s.attrs}, nil
		case '/':
			if i+1 >= len(b) || b[i+1] != '>' {
				return xmlTok{}, s.errAt(at, "'/' in start tag <%s> not followed by '>'", name)
			}
			s.off = i + 2
			s.pending, s.pname = true, name
			s.buf, s.vals = buf, vals
			s.fixAttrs(vals)
			return xmlTok{kind: xmlStart, name: name, attrs: s.attrs, self: true}, nil
		}
		j := i
		for j < len(b) && !isNameEnd(b[j]) {
			j++
		}
		if j == i {
			return xmlTok{}, s.errAt(at, "unexpected %q in start tag <%s>", b[i], name)
		}
		an := b[i:j]
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j >= len(b) || b[j] != '=' {
			// An attribute without a value (HTML style): tolerated, empty.
			s.attrs = append(s.attrs, xmlAttr{name: an})
			vals = append(vals, [2]int{-1, -1})
			i = j
			continue
		}
		j++
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j >= len(b) || b[j] != '"' && b[j] != '\'' {
			return xmlTok{}, s.errAt(at, "attribute %s of <%s> has no quoted value", an, name)
		}
		q := b[j]
		end := bytes.IndexByte(b[j+1:], q)
		if end < 0 {
			return xmlTok{}, s.errAt(at, "attribute %s of <%s>: quote not closed", an, name)
		}
		raw := b[j+1 : j+1+end]
		if bytes.IndexByte(raw, '&') >= 0 {
			from := len(buf)
			var err error
			if buf, err = appendUnescaped(buf, raw); err != nil {
				return xmlTok{}, s.errAt(at, "attribute %s of <%s>: %v", an, name, err)
			}
			s.attrs = append(s.attrs, xmlAttr{name: an})
			vals = append(vals, [2]int{from, len(buf)})
		} else {
			s.attrs = append(s.attrs, xmlAttr{name: an, value: raw})
			vals = append(vals, [2]int{-1, -1})
		}
		i = j + 1 + end + 1
	}
}

// fixAttrs points the values decoded into s.buf at their place (buf may
// have moved while growing).
func (s *xmlScanner) fixAttrs(vals [][2]int) {
	for k, v := range vals {
		if v[0] >= 0 {
			s.attrs[k].value = s.buf[v[0]:v[1]]
		}
	}
}

// unescape decodes references in text; text without one is returned as
// it is.
func (s *xmlScanner) unescape(text []byte, at int) ([]byte, error) {
	if bytes.IndexByte(text, '&') < 0 {
		return text, nil
	}
	var err error
	s.buf, err = appendUnescaped(s.buf[:0], text)
	if err != nil {
		return nil, s.errAt(at, "%v", err)
	}
	return s.buf, nil
}

// appendUnescaped appends text with its references decoded; an unknown
// entity is kept as written.
func appendUnescaped(out, text []byte) ([]byte, error) {
	for len(text) > 0 {
		i := bytes.IndexByte(text, '&')
		if i < 0 {
			return append(out, text...), nil
		}
		out = append(out, text[:i]...)
		text = text[i:]
		semi := bytes.IndexByte(text, ';')
		if semi < 0 || semi > 12 {
			out = append(out, '&')
			text = text[1:]
			continue
		}
		ent := text[1:semi]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ent) > 1 && ent[0] == '#' {
				var n uint64
				var err error
				if ent[1] == 'x' || ent[1] == 'X' {
					n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
				} else {
					n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
				}
				if err != nil || n > utf8.MaxRune {
					return nil, fmt.Errorf("bad character reference &%s;", ent)
				}
				out = utf8.AppendRune(out, rune(n))
			} else {
				out = append(out, text[:semi+1]...)
			}
		}
		text = text[semi+1:]
	}
	return out, nil
}
