package smartview

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/security"
)

// securityDecoders are the security family: SIDs, security descriptors
// with and without Exchange's header, ACLs and ACEs. None is detected from
// the bytes.
var securityDecoders = []Decoder{
	{Kind: blob.KindSID, Parser: "SID", Decode: func(b []byte, _ Options) (blob.Value, error) { return security.ParseSID(b) }},
	{Kind: blob.KindNTSD, Parser: "NTSD", Decode: func(b []byte, _ Options) (blob.Value, error) {
		return security.ParseNTSecurityDescriptor(b, blob.KindNTSD)
	}},
	{Kind: blob.KindFBSecurityDescriptor, Parser: "FBSECURITYDESCRIPTOR", Decode: func(b []byte, _ Options) (blob.Value, error) {
		return security.ParseNTSecurityDescriptor(b, blob.KindFBSecurityDescriptor)
	}},
	{Kind: blob.KindSecurityDescriptor, Parser: "SECURITYDESCRIPTOR", Decode: func(b []byte, _ Options) (blob.Value, error) {
		return security.ParseSecurityDescriptor(b)
	}},
	{Kind: blob.KindACL, Parser: "ACL", Decode: func(b []byte, _ Options) (blob.Value, error) { return security.ParseACL(b) }},
	{Kind: blob.KindACEContainer, Parser: "ACECONTAINER", Decode: func(b []byte, _ Options) (blob.Value, error) {
		return security.ParseACE(b, security.MaskContainer)
	}},
	{Kind: blob.KindACEMessage, Parser: "ACEMESSAGE", Decode: func(b []byte, _ Options) (blob.Value, error) {
		return security.ParseACE(b, security.MaskMessage)
	}},
	{Kind: blob.KindACEFreeBusy, Parser: "ACEFB", Decode: func(b []byte, _ Options) (blob.Value, error) {
		return security.ParseACE(b, security.MaskFreeBusy)
	}},
}
