package fuzz

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/security"
)

// FuzzSecurity runs every decoder of the security family on the input.
func FuzzSecurity(f *testing.F) {
	addMFCMAPISeeds(f, "SID", "NTSD", "SECURITYDESCRIPTOR", "FBSECURITYDESCRIPTOR", "ACL", "ACECONTAINER", "ACEMESSAGE", "ACEFB")
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := security.ParseSID(b)
		checkValue(t, b, s, err)
		n, err := security.ParseNTSecurityDescriptor(b, blob.KindNTSD)
		checkValue(t, b, n, err)
		sd, err := security.ParseSecurityDescriptor(b)
		checkValue(t, b, sd, err)
		l, err := security.ParseACL(b)
		checkValue(t, b, l, err)
		for _, k := range []security.MaskKind{security.MaskMessage, security.MaskContainer, security.MaskFreeBusy} {
			a, err := security.ParseACE(b, k)
			checkValue(t, b, a, err)
		}
	})
}
