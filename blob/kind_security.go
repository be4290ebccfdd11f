package blob

// Kinds of the security family (package security).
const (
	KindSID                  Kind = "sid"          // SID ([MS-DTYP] 2.4.2.2)
	KindNTSD                 Kind = "ntsd"         // PidTagNTSecurityDescriptor: a header and a security descriptor
	KindFBSecurityDescriptor Kind = "fbsd"         // PR_FREEBUSY_NT_SECURITY_DESCRIPTOR, the same layout
	KindSecurityDescriptor   Kind = "sd"           // a self-relative SECURITY_DESCRIPTOR ([MS-DTYP] 2.4.6)
	KindACL                  Kind = "acl"          // ACL ([MS-DTYP] 2.4.5)
	KindACEContainer         Kind = "acecontainer" // an ACE with a folder's rights ([MS-DTYP] 2.4.4)
	KindACEMessage           Kind = "acemessage"   // an ACE with an item's rights
	KindACEFreeBusy          Kind = "acefb"        // an ACE with free/busy rights
)
