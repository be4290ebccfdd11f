package proptag

import "github.com/mapiblob/mapiblob/blob"

// decoderTables name, by canonical name, the decoder of this module for
// each binary property it decodes: one table per family of structures
// (the calendar ones here; each family adds its table, in a file of its
// own, to this list).
var decoderTables = []map[string]blob.Kind{calendarDecoders, entryIDDecoders, syncStateDecoders, propstreamDecoders, rulesDecoders, multiEntryIDDecoders}

// calendarDecoders are the calendar properties' decoders. The facts table
// says a property is PT_BINARY but not which structure the bytes hold;
// these tables are the one place that does. Entries are applied to the
// table when it is first used; a test checks that each name is in the
// table, is PT_BINARY, and is in one table only.
var calendarDecoders = map[string]blob.Kind{
	"PidLidAppointmentRecur":                          blob.KindApptRecur, // AppointmentRecurrencePattern, [MS-OXOCAL] 2.2.1.44.5
	"PidLidTaskRecurrence":                            blob.KindRecur,     // RecurrencePattern, [MS-OXOTASK] 2.2.2.2.15
	"PidLidAppointmentTimeZoneDefinitionRecur":        blob.KindTZDef,     // TZDEFINITION, [MS-OXOCAL] 2.2.1.41
	"PidLidAppointmentTimeZoneDefinitionStartDisplay": blob.KindTZDef,     // [MS-OXOCAL] 2.2.1.42
	"PidLidAppointmentTimeZoneDefinitionEndDisplay":   blob.KindTZDef,     // [MS-OXOCAL] 2.2.1.43
	"PidLidTimeZoneStruct":                            blob.KindTZStruct,  // TimeZoneStruct, [MS-OXOCAL] 2.2.1.39
	"PidLidGlobalObjectId":                            blob.KindGOID,      // GlobalObjectId, [MS-OXOCAL] 2.2.1.27
	"PidLidCleanGlobalObjectId":                       blob.KindGOID,      // [MS-OXOCAL] 2.2.1.28
}

// decoders is every table of decoderTables in one map.
func decoders() map[string]blob.Kind {
	out := map[string]blob.Kind{}
	for _, t := range decoderTables {
		for name, k := range t {
			out[name] = k
		}
	}
	return out
}
