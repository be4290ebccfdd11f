package blob

// Kinds of the sync-state family (package syncstate).
const (
	KindXID       Kind = "xid"       // XID ([MS-OXCFXICS] 2.2.2.2; PidTagChangeKey)
	KindPCL       Kind = "pcl"       // PredecessorChangeList ([MS-OXCFXICS] 2.2.2.3)
	KindTombstone Kind = "tombstone" // PidTagScheduleInfoAppointmentTombstone ([MS-OXOCAL] 2.2.12.5)
)
