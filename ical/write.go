package ical

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Component is an iCalendar component (VCALENDAR, VEVENT, VTODO,
// VTIMEZONE, STANDARD, DAYLIGHT, VALARM…): its properties in the order
// they are written, then the components it holds. The export builds a
// calendar as components and writes it once.
type Component struct {
	Name     string
	Props    []Prop
	Children []*Component
}

// Prop is one property of a component: NAME;PARAM=…:VALUE.
type Prop struct {
	Name   string
	Params []Param
	// Value is the value as written: a TEXT value escaped (Text), a
	// DATE-TIME, RECUR or UTC-OFFSET value in its RFC 5545 form.
	Value string
}

// Param is a property parameter. Its value is quoted when written if it
// holds ':', ';' or ',' (a double quote, which a parameter value cannot
// hold, is written as a single quote).
type Param struct {
	Name, Value string
}

// Add appends a property.
func (c *Component) Add(name, value string, params ...Param) {
	c.Props = append(c.Props, Prop{Name: name, Params: params, Value: value})
}

// Get returns the component's first property of that name (in any letter
// case), or nil.
func (c *Component) Get(name string) *Prop {
	for i := range c.Props {
		if strings.EqualFold(c.Props[i].Name, name) {
			return &c.Props[i]
		}
	}
	return nil
}

// AppendText appends the component as iCalendar text: BEGIN, its
// properties, its components, END, each content line ended by CRLF and
// folded as RFC 5545 §3.1 asks — no line longer than 75 octets without
// its CRLF, a continuation line being a space and at most 74 octets of
// content, and never inside a UTF-8 character.
func (c *Component) AppendText(b []byte) ([]byte, error) { return c.appendTo(b), nil }

// MarshalText is AppendText into a new slice.
func (c *Component) MarshalText() ([]byte, error) { return c.appendTo(nil), nil }

// String is the component's text.
func (c *Component) String() string { return string(c.appendTo(nil)) }

// WriteTo writes the component's text to w.
func (c *Component) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(c.appendTo(nil))
	return int64(n), err
}

func (c *Component) appendTo(b []byte) []byte {
	b = c.appendOpen(b)
	for _, s := range c.Children {
		b = s.appendTo(b)
	}
	return c.appendClose(b)
}

// appendOpen writes the component's BEGIN line and properties, and
// appendClose its END line: a calendar written as a stream has its
// components written between them.
func (c *Component) appendOpen(b []byte) []byte {
	b = appendLine(b, "BEGIN:"+c.Name)
	for i := range c.Props {
		b = c.Props[i].appendTo(b)
	}
	return b
}

func (c *Component) appendClose(b []byte) []byte { return appendLine(b, "END:"+c.Name) }

func (p *Prop) appendTo(b []byte) []byte {
	n := len(p.Name) + 1 + len(p.Value)
	for _, q := range p.Params {
		n += len(q.Name) + len(q.Value) + 4
	}
	var line strings.Builder
	line.Grow(n)
	line.WriteString(p.Name)
	for _, q := range p.Params {
		line.WriteByte(';')
		line.WriteString(q.Name)
		line.WriteByte('=')
		line.WriteString(paramValue(q.Value))
	}
	line.WriteByte(':')
	line.WriteString(p.Value)
	return appendLine(b, line.String())
}

// appendLine appends one content line, folded.
func appendLine(b []byte, line string) []byte {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8: cut where the limit is
			cut = limit
		}
		b = append(b, line[:cut]...)
		b = append(b, "\r\n "...)
		line = line[cut:]
		limit = 74
	}
	b = append(b, line...)
	return append(b, "\r\n"...)
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)

// Text escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and
// comma get a backslash, a line break becomes \n.
func Text(s string) string { return textEscaper.Replace(s) }

// paramValue quotes a parameter value when it holds ':', ';' or ','.
func paramValue(s string) string {
	s = strings.ReplaceAll(s, `"`, "'")
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}
