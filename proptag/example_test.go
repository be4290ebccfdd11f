package proptag_test

import (
	"fmt"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/proptag"
)

// The tag of an MFCMAPI export names only a store-specific id; the property
// set and LID that come with it name the property.
func Example() {
	tag := proptag.PropTag(0x80380102)
	fmt.Println(tag.ID() == 0x8038, tag.Type(), tag.IsNamed())
	p, _ := proptag.ByLID(guid.PSETID_Appointment, 0x825E)
	fmt.Println(p.Name, p.Decoder)
	q, _ := proptag.ByName("dispidApptRecur")
	fmt.Printf("%s 0x%04X %s\n", q.Name, q.LID, q.SetName())
	// Output:
	// true PT_BINARY true
	// PidLidAppointmentTimeZoneDefinitionStartDisplay tzdef
	// PidLidAppointmentRecur 0x8216 PSETID_Appointment
}
