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

	"github.com/mapiblob/mapiblob/internal/lint"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// Errors returned (wrapped in a *DecodeError) by the decoders.
var (
	ErrTruncated          = wire.ErrTruncated
	ErrUnsupportedVersion = wire.ErrUnsupportedVersion
	ErrInvalid            = wire.ErrInvalid
)

// DecodeError names the field and byte offset where decoding stopped.
type DecodeError = wire.DecodeError

// Finding is a problem Check reports without refusing the blob.
type Finding = lint.Finding

// Severity ranks a Finding.
type Severity = lint.Severity

// Severities.
const (
	Info    = lint.Info
	Warning = lint.Warning
	Error   = lint.Error
)

var (
	_ encoding.BinaryMarshaler   = (*Definition)(nil)
	_ encoding.BinaryUnmarshaler = (*Definition)(nil)
	_ encoding.BinaryAppender    = (*Definition)(nil)
	_ encoding.BinaryMarshaler   = (*TimeZoneStruct)(nil)
	_ encoding.BinaryUnmarshaler = (*TimeZoneStruct)(nil)
	_ encoding.BinaryAppender    = (*TimeZoneStruct)(nil)
)
