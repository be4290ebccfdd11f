// Package tzdef reads, writes, checks and interprets the time-zone blobs of
// calendar items ([MS-OXOCAL] 2.2.1.39–2.2.1.43): PidLidTimeZoneStruct (a
// 48-byte TimeZoneStruct) and PidLidAppointmentTimeZoneDefinitionStartDisplay,
// …EndDisplay and …Recur (a TZDEFINITION with one TZRule per year from which
// the zone's rules changed).
//
// Biases are minutes with UTC = local + bias: Eastern Standard Time has
// lBias 300, lStandardBias 0 and lDaylightBias −60, i.e. UTC−5 and UTC−4.
//
// Definition.Observances and TimeZoneStruct.Observances give a zone's
// changes of offset as the values an iCalendar VTIMEZONE holds; package
// ical writes them.
package tzdef

import (
	"encoding"
)

var (
	_ encoding.BinaryMarshaler   = (*Definition)(nil)
	_ encoding.BinaryUnmarshaler = (*Definition)(nil)
	_ encoding.BinaryAppender    = (*Definition)(nil)
	_ encoding.BinaryMarshaler   = (*TimeZoneStruct)(nil)
	_ encoding.BinaryUnmarshaler = (*TimeZoneStruct)(nil)
	_ encoding.BinaryAppender    = (*TimeZoneStruct)(nil)
)
