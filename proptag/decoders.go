package proptag

import "github.com/mapiblob/mapiblob/blob"

// decoders names, by canonical name, the decoder of this module for each
// binary property it decodes. The facts table says a property is PT_BINARY
// but not which structure the bytes hold; this map is the one place that
// does. Entries are applied to the table when it is first used; a test
// checks that each name is in the table and is PT_BINARY.
var decoders = map[string]blob.Kind{
	"PidLidAppointmentRecur":                          blob.KindApptRecur, // AppointmentRecurrencePattern, [MS-OXOCAL] 2.2.1.44.5
	"PidLidTaskRecurrence":                            blob.KindRecur,     // RecurrencePattern, [MS-OXOTASK] 2.2.2.2.15
	"PidLidAppointmentTimeZoneDefinitionRecur":        blob.KindTZDef,     // TZDEFINITION, [MS-OXOCAL] 2.2.1.41
	"PidLidAppointmentTimeZoneDefinitionStartDisplay": blob.KindTZDef,     // [MS-OXOCAL] 2.2.1.42
	"PidLidAppointmentTimeZoneDefinitionEndDisplay":   blob.KindTZDef,     // [MS-OXOCAL] 2.2.1.43
	"PidLidTimeZoneStruct":                            blob.KindTZStruct,  // TimeZoneStruct, [MS-OXOCAL] 2.2.1.39
	"PidLidGlobalObjectId":                            blob.KindGOID,      // GlobalObjectId, [MS-OXOCAL] 2.2.1.27
	"PidLidCleanGlobalObjectId":                       blob.KindGOID,      // [MS-OXOCAL] 2.2.1.28
}
