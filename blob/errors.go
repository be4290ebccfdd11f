package blob

import (
	"errors"
	"strconv"
)

// Sentinel errors wrapped by every DecodeError of this module, so that
// errors.Is(err, blob.ErrTruncated) works whichever package decoded.
var (
	// ErrTruncated: the input ends before a field, or a count promises more
	// elements than the bytes left can hold.
	ErrTruncated = errors.New("truncated")
	// ErrUnsupportedVersion: a version field holds a value the decoder does
	// not read.
	ErrUnsupportedVersion = errors.New("unsupported version")
	// ErrInvalid: a field holds a value that makes the rest undecodable.
	ErrInvalid = errors.New("invalid value")
)

// DecodeError reports where decoding stopped: the field path in the
// specification's names (for example "ExceptionInfo[2].Subject"), the byte
// offset of that field from the start of the blob, and why.
type DecodeError struct {
	Path   string // field path, e.g. "TZRules[1].stStandardDate"
	Offset int    // byte offset of the field from the start of the blob
	Err    error  // ErrTruncated, ErrUnsupportedVersion or ErrInvalid
	Detail string // e.g. "need 48 bytes, 12 left"; empty when Err says all
}

// Error prints the path, the offset in hex and the detail on one line:
// "ExceptionInfo[2].Subject at offset 0x9c: need 12 bytes, 3 left".
func (e *DecodeError) Error() string {
	s := e.Path + " at offset 0x" + strconv.FormatInt(int64(e.Offset), 16) + ": "
	if e.Detail != "" {
		return s + e.Detail
	}
	if e.Err == nil {
		return s + "invalid"
	}
	return s + e.Err.Error()
}

// Unwrap returns the sentinel error.
func (e *DecodeError) Unwrap() error { return e.Err }

// SyntaxError is a problem with text a user gave: a stray character in hex,
// an MFCMAPI "cb: N lpb: …" whose count disagrees, invalid base64, an XML
// export that holds no blob. Pos is the 1-based character position in the
// text (0 when the problem has no single place).
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	if e.Pos > 0 {
		return e.Msg + " at position " + strconv.Itoa(e.Pos)
	}
	return e.Msg
}
