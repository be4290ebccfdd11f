// Package ical writes iCalendar (RFC 5545) content lines: escaping,
// CRLF line ends and folding at 75 octets.
package ical

import (
	"strings"
	"unicode/utf8"
)

// Writer accumulates content lines.
type Writer struct{ b strings.Builder }

// Line writes NAME[;PARAMS]:VALUE, folded.
func (w *Writer) Line(name, value string) {
	line := name + ":" + value
	for len(line) > 75 {
		cut := 75
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		if len(line) <= 74 {
			break
		}
		// Continuation lines carry a leading space: 74 octets of content.
		cut = 74
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
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
