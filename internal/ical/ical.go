// Package ical writes iCalendar (RFC 5545) content lines: escaping,
// CRLF line ends and folding at 75 octets.
package ical

import (
	"strings"
	"unicode/utf8"
)

// Writer accumulates content lines.
type Writer struct{ b strings.Builder }

// Line writes NAME[;PARAMS]:VALUE, folded as RFC 5545 §3.1 asks: no line
// longer than 75 octets without its CRLF, a continuation line being a
// space and at most 74 octets of content, and never inside a UTF-8
// character.
func (w *Writer) Line(name, value string) {
	line := name + ":" + value
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8: cut where the limit is
			cut = limit
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74
	}
	w.b.WriteString(line)
	w.b.WriteString("\r\n")
}

// Text escapes a TEXT value.
func Text(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)
	return r.Replace(s)
}

// Param quotes a parameter value when it holds ':', ';' or ','.
func Param(s string) string {
	s = strings.ReplaceAll(s, `"`, "'")
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// String is what was written.
func (w *Writer) String() string { return w.b.String() }

// Raw appends already formatted lines.
func (w *Writer) Raw(s string) { w.b.WriteString(s) }
