// Package propstream reads, writes and explains the property streams
// Outlook keeps in binary properties: a folder's web view persistence
// (PidTagFolderWebViewInfo), extended folder flags
// (PidTagExtendedFolderFlags), swapped to-do data (PidTagSwappedToDoData),
// verb streams (PidLidVerbStream, [MS-OXOMSG] 2.2.1.66), a folder's user
// fields (PidTagUserFields) and property definition streams
// (PidLidPropertyDefinitionStream).
//
// Each structure decodes with Parse…, encodes back with MarshalBinary
// (lossless: bytes after the structure are kept), checks itself with Check
// and renders itself as MFCMAPI's SmartView pane does with SmartView.
package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// trailing is the finding for n bytes after a structure.
func trailing(code, path string, n int) []blob.Finding {
	if n == 0 {
		return nil
	}
	return []blob.Finding{{Code: code, Severity: blob.Warning, Path: path,
		Message: strconv.Itoa(n) + " bytes follow the structure; Outlook ignores them"}}
}

// wideText is UTF-16LE text as MFCMAPI shows it: one final NUL dropped,
// control characters as '.'.
func wideText(b []byte) string {
	if n := len(b); n >= 2 && b[n-1] == 0 && b[n-2] == 0 {
		b = b[:n-2]
	}
	s, _ := wire.DecodeUTF16(b)
	return sv.Printable(s)
}

// ansiText is 8-bit text as MFCMAPI shows it: one final NUL dropped,
// control characters as '.'.
func ansiText(b []byte) string {
	if n := len(b); n >= 1 && b[n-1] == 0 {
		b = b[:n-1]
	}
	return sv.PrintableBytes(b)
}

func h8(v uint32) string { return sv.Hex(uint64(v), 8) }
func h4(v uint16) string { return sv.Hex(uint64(v), 4) }
func h2(v uint8) string  { return sv.Hex(uint64(v), 2) }

// ANSIString is 8-bit text as stored, without its count or terminator;
// JSON and String show it decoded as windows-1252.
type ANSIString []byte

// String is the text, decoded as windows-1252.
func (s ANSIString) String() string { return blob.DefaultCodePage.Decode(s) }

// MarshalText writes the decoded text.
func (s ANSIString) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnicodeString is UTF-16LE text as stored, without its count or
// terminator; JSON and String show it decoded.
type UnicodeString []byte

// String is the text, an unpaired surrogate as U+FFFD.
func (s UnicodeString) String() string { t, _ := wire.DecodeUTF16(s); return t }

// MarshalText writes the decoded text.
func (s UnicodeString) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
