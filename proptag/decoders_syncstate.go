package proptag

import "github.com/mapiblob/mapiblob/blob"

// syncStateDecoders are the properties MFCMAPI reads with its XID, PCL and
// TOMBSTONE parsers (../shared/data/mfcmapi/smartview-mappings.tsv); the
// comment is MFCMAPI's name.
var syncStateDecoders = map[string]blob.Kind{
	"PidTagChangeKey":                        blob.KindXID,       // PR_CHANGE_KEY, [MS-OXCFXICS] 2.2.1.2.7
	"PidTagPredecessorChangeList":            blob.KindPCL,       // PR_PREDECESSOR_CHANGE_LIST, [MS-OXCFXICS] 2.2.1.2.8
	"PidTagScheduleInfoAppointmentTombstone": blob.KindTombstone, // PR_SCHDINFO_APPT_TOMBSTONE, [MS-OXOCAL] 2.2.12.5
}
