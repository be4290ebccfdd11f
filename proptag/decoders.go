package proptag

// decoders names, by canonical name, the decoder of this module for each
// binary property it decodes. The facts table says a property is PT_BINARY
// but not which structure the bytes hold; this map is the one place that
// does. Entries are applied to the table when it is first used; a test
// checks that each name is in the table and is PT_BINARY.
var decoders = map[string]Decoder{
	"PidLidAppointmentRecur":                          DecoderAppointmentRecur,   // AppointmentRecurrencePattern, [MS-OXOCAL] 2.2.1.44.5
	"PidLidTaskRecurrence":                            DecoderRecur,              // RecurrencePattern, [MS-OXOTASK] 2.2.2.2.15
	"PidLidAppointmentTimeZoneDefinitionRecur":        DecoderTimeZoneDefinition, // TZDEFINITION, [MS-OXOCAL] 2.2.1.41
	"PidLidAppointmentTimeZoneDefinitionStartDisplay": DecoderTimeZoneDefinition, // [MS-OXOCAL] 2.2.1.42
	"PidLidAppointmentTimeZoneDefinitionEndDisplay":   DecoderTimeZoneDefinition, // [MS-OXOCAL] 2.2.1.43
	"PidLidTimeZoneStruct":                            DecoderTimeZoneStruct,     // TimeZoneStruct, [MS-OXOCAL] 2.2.1.39
	"PidLidGlobalObjectId":                            DecoderGlobalObjectID,     // GlobalObjectId, [MS-OXOCAL] 2.2.1.27
	"PidLidCleanGlobalObjectId":                       DecoderGlobalObjectID,     // [MS-OXOCAL] 2.2.1.28
}
