package guid

import (
	"bufio"
	"io"
	"iter"
	"strings"
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

const (
	guidMarker = "msExchMailboxGuid "
	dnMarker   = "The legacyExchangeDN is "
)

// MaxLogLine is the longest line ScanExMergeLog reads; a longer line ends the
// scan with an error.
const MaxLogLine = 1 << 20

// ScanExMergeLog yields every record of an ExMerge.log that carries an
// escaped msExchMailboxGuid, in order. Other lines are skipped; CRLF and LF
// line ends both work. A line that has the marker but whose GUID does not
// decode yields its record (Line and Message set) with the error, and the
// scan goes on; a read error ends the scan with that error.
//
// The GUID is decoded token by token until exactly 16 bytes are produced,
// which separates it from the period that ends the sentence.
func ScanExMergeLog(r io.Reader) iter.Seq2[ExMergeRecord, error] {
	return func(yield func(ExMergeRecord, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64*1024), MaxLogLine)
		line := 0
		for sc.Scan() {
			line++
			text := strings.TrimRight(sc.Text(), "\r\n")
			i := strings.Index(text, guidMarker)
			if i < 0 {
				continue
			}
			rec, err := parseLogLine(text, i)
			rec.Line = line
			if !yield(rec, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(ExMergeRecord{Line: line + 1}, err)
		}
	}
}

func parseLogLine(text string, at int) (ExMergeRecord, error) {
	var rec ExMergeRecord
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
	rest := text[at+len(guidMarker):]
	p, used, err := scanExMerge(rest, true)
	if err != nil {
		return rec, err
	}
	if p.n < 16 {
		return rec, lengthErr(FormExMerge, p.n)
	}
	rec.GUID = p.g
	rec.Escaped = rest[:used]
	rest = rest[used:]
	if j := strings.Index(rest, dnMarker); j >= 0 {
		dn := strings.TrimSpace(rest[j+len(dnMarker):])
		rec.LegacyExchangeDN = strings.TrimSuffix(dn, ".")
	}
	return rec, nil
}
