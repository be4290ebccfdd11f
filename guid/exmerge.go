package guid

import (
	"bufio"
	"errors"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/internal/shell"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ExMergeRecord is one ExMerge.log line that names a mailbox by its escaped
// msExchMailboxGuid.
type ExMergeRecord struct {
	Line             int    // 1-based line number in the log
	Timestamp        string // the text before the message on the line, trimmed ("" if none)
	GUID             GUID   // the decoded mailbox GUID
	Escaped          string // the GUID exactly as the log wrote it
	LegacyExchangeDN string // the DN the line names, without the sentence's final period
	Message          string // the message, from its first word to the end of the line
}

// LogLineError is an ExMerge.log line that carries the msExchMailboxGuid
// marker but whose GUID text does not decode to exactly 16 bytes. Nothing is
// guessed from such a line.
type LogLineError struct {
	Line   int    // 1-based line number in the log
	Column int    // 1-based byte column of the problem on the line, 0 when it has no single place
	Text   string // the GUID text as the line holds it, between the marker and ". The legacyExchangeDN is"
	Err    error  // the *ParseError of the GUID text
}

func (e *LogLineError) Error() string {
	s := "line " + strconv.Itoa(e.Line)
	if e.Column > 0 {
		s += ", column " + strconv.Itoa(e.Column)
	}
	s += ": msExchMailboxGuid " + strconv.Quote(e.Text) + " is not a GUID: "
	var pe *ParseError
	if errors.As(e.Err, &pe) {
		s += pe.Msg // the column says where
	} else {
		s += e.Err.Error()
	}
	if t := strings.TrimSpace(e.Text); t != e.Text && t != "" {
		s += " (the text has spaces around it, which would be bytes 0x20)"
	}
	return s
}

func (e *LogLineError) Unwrap() error { return e.Err }

const (
	guidMarker = "msExchMailboxGuid "
	dnMarker   = ". The legacyExchangeDN is "
)

// MaxLogLine is the longest line ScanExMergeLog reads; a longer line ends the
// scan with an error.
const MaxLogLine = 1 << 20

// ScanExMergeLog yields every record of an ExMerge.log that carries an
// escaped msExchMailboxGuid, in order. Other lines are skipped; CRLF and LF
// line ends both work. The log may be UTF-8 or UTF-16 (little- or
// big-endian, with or without a byte-order mark; a log without one is told
// by where its NUL bytes stand), as logs re-saved by an editor often are.
//
// The GUID is the text between the marker "msExchMailboxGuid " and the
// sentence's end ". The legacyExchangeDN is " (or the end of the line, less
// one final period, when the line names no DN). It must decode to exactly
// 16 bytes; a line whose GUID does not yields its record (Line, Timestamp,
// Message, Escaped and LegacyExchangeDN set, GUID zero) with a
// *LogLineError, and the scan goes on. A read error ends the scan with that
// error.
func ScanExMergeLog(r io.Reader) iter.Seq2[ExMergeRecord, error] {
	return func(yield func(ExMergeRecord, error) bool) {
		sc := bufio.NewScanner(decodeLog(r))
		sc.Buffer(make([]byte, 0, 64*1024), MaxLogLine)
		line := 0
		for sc.Scan() {
			line++
			text := strings.TrimRight(sc.Text(), "\r\n")
			if line == 1 {
				text = strings.TrimPrefix(text, "\uFEFF")
			}
			i := strings.Index(text, guidMarker)
			if i < 0 {
				continue
			}
			rec, err := parseLogLine(text, i, line)
			if !yield(rec, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(ExMergeRecord{Line: line + 1}, err)
		}
	}
}

// decodeLog returns r as UTF-8: a UTF-16 log (told by its byte-order mark,
// or without one by its NUL bytes) is converted, anything else is passed on.
func decodeLog(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(4096)
	var order unicode.Endianness
	switch {
	case len(head) >= 2 && head[0] == 0xFF && head[1] == 0xFE:
		order = unicode.LittleEndian
	case len(head) >= 2 && head[0] == 0xFE && head[1] == 0xFF:
		order = unicode.BigEndian
	default:
		le, be := sniffUTF16(head)
		switch {
		case le:
			order = unicode.LittleEndian
		case be:
			order = unicode.BigEndian
		default:
			return br
		}
	}
	// UseBOM: a byte-order mark, when present, is consumed (and wins).
	return transform.NewReader(br, unicode.UTF16(order, unicode.UseBOM).NewDecoder())
}

// sniffUTF16 tells BOM-less UTF-16 by its NUL bytes: in mostly-ASCII text,
// the high byte of nearly every code unit is zero and the low byte is not.
func sniffUTF16(b []byte) (le, be bool) {
	pairs := len(b) / 2
	if pairs == 0 {
		return false, false
	}
	evenZero, oddZero := 0, 0
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			evenZero++
		}
		if b[i+1] == 0 {
			oddZero++
		}
	}
	le = 2*oddZero >= pairs && 4*evenZero <= oddZero
	be = 2*evenZero >= pairs && 4*oddZero <= evenZero
	return le, be
}

func parseLogLine(text string, at, line int) (ExMergeRecord, error) {
	rec := ExMergeRecord{Line: line}
	// The message starts at "Error!" when present, else at the sentence
	// that holds the marker.
	start := strings.LastIndex(text[:at], "Error!")
	if start < 0 {
		start = strings.LastIndex(text[:at], "Cannot identify")
	}
	if start < 0 {
		start = at
	}
	rec.Timestamp = strings.TrimSpace(text[:start])
	rec.Message = strings.TrimSpace(text[start:])
	gStart := at + len(guidMarker)
	rest := text[gStart:]
	if j := strings.Index(rest, dnMarker); j >= 0 {
		rec.Escaped = rest[:j]
		dn := strings.TrimSpace(rest[j+len(dnMarker):])
		rec.LegacyExchangeDN = strings.TrimSuffix(dn, ".")
	} else {
		rec.Escaped = strings.TrimSuffix(strings.TrimRight(rest, " \t"), ".")
	}
	g, err := ParseExMerge(rec.Escaped)
	if err != nil {
		le := &LogLineError{Line: line, Text: rec.Escaped, Err: err}
		var pe *ParseError
		if errors.As(err, &pe) && pe.Pos >= 0 {
			le.Column = gStart + pe.Pos + 1
		}
		return rec, le
	}
	rec.GUID = g
	return rec, nil
}

// LDAPFilter returns the RFC 4515 filter that finds the user the record
// names by its legacyExchangeDN, "(legacyExchangeDN=/O=…/CN=USER)", or ""
// when the line named no DN.
func (r ExMergeRecord) LDAPFilter() string {
	if r.LegacyExchangeDN == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("(legacyExchangeDN=")
	for i := 0; i < len(r.LegacyExchangeDN); i++ {
		switch c := r.LegacyExchangeDN[i]; c {
		case '*', '(', ')', '\\', 0:
			b.WriteByte('\\')
			b.WriteByte(hexLower[c>>4])
			b.WriteByte(hexLower[c&0xF])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

const hexLower = "0123456789abcdef"

// PowerShell returns one command for the ActiveDirectory module that finds
// the user by legacyExchangeDN and sets msExchMailboxGuid to the record's
// GUID:
//
//	Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=…/CN=USER)' | Set-ADUser -Replace @{msExchMailboxGuid=[byte[]](0x43,…)}
//
// (Set-ADUser -Identity does not accept a legacyExchangeDN.) It returns ""
// when the line named no DN.
func (r ExMergeRecord) PowerShell() string {
	f := r.LDAPFilter()
	if f == "" {
		return ""
	}
	return "Get-ADUser -LDAPFilter " + PowerShellQuote(f) + " | Set-ADUser -Replace @{msExchMailboxGuid=" + r.GUID.Format(FormPowerShell) + "}"
}

// PowerShellQuote returns s as a PowerShell single-quoted string: every
// single quote (PowerShell also takes ‘ ’ ‚ ‛ for one) is doubled.
func PowerShellQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, c := range s {
		switch c {
		case '\'', '\u2018', '\u2019', '\u201A', '\u201B':
			b.WriteRune(c)
		}
		b.WriteRune(c)
	}
	b.WriteByte('\'')
	return b.String()
}

// LDIFDNPlaceholder stands where the user's distinguished name goes in the
// LDIF that LDIF returns. It is not a valid LDIF value, so ldapmodify and
// ldifde refuse the file until the administrator replaces it.
const LDIFDNPlaceholder = "<distinguishedName of the user>"

// LDIF returns an LDIF modification that sets msExchMailboxGuid to the
// record's GUID (base64, "msExchMailboxGuid:: …"). An LDIF "dn:" must be the
// user's LDAP distinguished name, which the log does not give: the dn line
// holds LDIFDNPlaceholder, and comments say how to find the DN from the
// legacyExchangeDN. It returns "" when the line named no DN.
func (r ExMergeRecord) LDIF() string {
	f := r.LDAPFilter()
	if f == "" {
		return ""
	}
	return "# Replace the dn: value with the distinguishedName of the user whose legacyExchangeDN is\n" +
		"#   " + r.LegacyExchangeDN + "\n" +
		"# found with, e.g.:\n" +
		"#   Get-ADUser -LDAPFilter " + PowerShellQuote(f) + " | Select-Object -ExpandProperty DistinguishedName\n" +
		"#   ldapsearch -b <base DN> " + shell.Quote(f) + " dn\n" +
		"dn: " + LDIFDNPlaceholder + "\n" +
		"changetype: modify\n" +
		"replace: msExchMailboxGuid\n" +
		"msExchMailboxGuid:: " + r.GUID.Format(FormBase64) + "\n" +
		"-\n"
}
