// Package wire holds the bounds-checked little-endian cursor and appender
// that every decoder and encoder of this module uses.
//
// A Cursor never indexes past its input: every read checks the bytes left
// and reports failure with ok = false; the decoder then builds the
// blob.DecodeError that names the field path and the byte offset.
package wire
