package item

import (
	"github.com/mapiblob/mapiblob/internal/mfcprop"
	"github.com/mapiblob/mapiblob/proptag"
)

// FlagText names a numeric property's value as MFCMAPI does, from its flag
// tables: "respAccepted" for PidTagRecipientTrackStatus 3, "olBusy" for
// PidLidBusyStatus 2, bit flags as "A | B". ok is false for a property
// MFCMAPI has no table for and for values that are not numbers.
func (p *Property) FlagText() (text string, ok bool) {
	switch p.Value.Type {
	case proptag.PT_LONG, proptag.PT_I2:
	default:
		return "", false
	}
	if n := p.Named; n != nil {
		if n.IsName {
			return "", false
		}
		return mfcprop.NamedFlags(n.Set, n.LID, uint32(p.Value.Int))
	}
	if p.Tag.IsNamed() {
		return "", false
	}
	return mfcprop.Flags(uint32(p.Tag), uint32(p.Value.Int))
}
