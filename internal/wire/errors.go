// Package wire holds the bounds-checked little-endian cursor and appender
// that every decoder and encoder of this module uses.
//
// A Reader never indexes past its input: every read checks the bytes left,
// and the first failure is kept (later reads return zero values) so that a
// decoder can read a whole fixed block and test the error once. Errors name
// the field path and the byte offset where decoding stopped.
package wire

import (
	"errors"
	"strconv"
)

// Sentinel errors. Decoders in this module re-export them under their own
// package names, so errors.Is works with either.
var (
	// ErrTruncated: the input ends before a field, or a count promises more
	// elements than the bytes left can hold.
	ErrTruncated = errors.New("truncated")
	// ErrUnsupportedVersion: a version field holds a value this decoder does
	// not read.
	ErrUnsupportedVersion = errors.New("unsupported version")
	// ErrInvalid: a field holds a value that makes the rest undecodable.
	ErrInvalid = errors.New("invalid value")
)

// DecodeError reports where decoding stopped: the field path (for example
// "ExceptionInfo[2].Subject"), the byte offset of that field, and why.
type DecodeError struct {
	Path   string // field path in the specification's names
	Offset int    // byte offset of the field from the start of the blob
	Err    error  // ErrTruncated, ErrUnsupportedVersion or ErrInvalid
	Detail string // e.g. "need 48 bytes, 12 left"
}

func (e *DecodeError) Error() string {
	s := e.Path + " at offset 0x" + strconv.FormatInt(int64(e.Offset), 16) + ": "
	if e.Detail != "" {
		return s + e.Detail
	}
	return s + e.Err.Error()
}

// Unwrap returns the sentinel error.
func (e *DecodeError) Unwrap() error { return e.Err }
