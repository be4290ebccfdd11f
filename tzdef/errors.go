// Package tzdef reads, writes, checks and interprets the time-zone blobs of
// calendar items ([MS-OXOCAL] 2.2.1.39–2.2.1.43): PidLidTimeZoneStruct (a
// 48-byte TimeZoneStruct) and PidLidAppointmentTimeZoneDefinitionStartDisplay,
// …EndDisplay and …Recur (a TZDEFINITION with one TZRule per year from which
// the zone's rules changed).
//
// Biases are minutes with UTC = local + bias: Eastern Standard Time has
// lBias 300, lStandardBias 0 and lDaylightBias −60, i.e. UTC−5 and UTC−4.
package tzdef

import (
	"encoding"
	"github.com/mapiblob/mapiblob/blob"
)

// Errors returned (wrapped in a *DecodeError) by the decoders.
var (
	ErrTruncated          = blob.ErrTruncated
	ErrUnsupportedVersion = blob.ErrUnsupportedVersion
	ErrInvalid            = blob.ErrInvalid
)

// DecodeError names the field and byte offset where decoding stopped.
type DecodeError = blob.DecodeError

// Finding is a problem Check reports without refusing the blob.
type Finding = blob.Finding

// Severity ranks a Finding.
type Severity = blob.Severity

// Severities.
const (
	Info    = blob.Info
	Warning = blob.Warning
	Error   = blob.Error
)

var (
	_ encoding.BinaryMarshaler   = (*Definition)(nil)
	_ encoding.BinaryUnmarshaler = (*Definition)(nil)
	_ encoding.BinaryAppender    = (*Definition)(nil)
	_ encoding.BinaryMarshaler   = (*TimeZoneStruct)(nil)
	_ encoding.BinaryUnmarshaler = (*TimeZoneStruct)(nil)
	_ encoding.BinaryAppender    = (*TimeZoneStruct)(nil)
)
