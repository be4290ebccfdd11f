package item

import (
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/tzdef"
)

// TZRepair is the consistent set of time-zone properties for an item's
// zone, to write over the item's own (with MFCMAPI, or a tool of one's
// own).
type TZRepair struct {
	Zone string // the Windows key name
	// Inferred says why the zone was chosen when it was not given: which
	// of the item's properties named it. Empty when the zone was given.
	Inferred string
	// Properties, in order: PidLidAppointmentTimeZoneDefinitionStartDisplay,
	// …EndDisplay, …Recur, PidLidTimeZoneStruct, PidLidTimeZoneDescription.
	Properties []Property
}

// RepairTZ builds the five time-zone properties of zone (a Windows key name
// or an IANA zone with one), or, when zone is "", of the zone the item's
// other time-zone properties name (InferZone; an error when they name none
// or disagree: this never guesses). The definitions carry one rule per year
// whose rules changed, from 2000 (or the item's start year, if earlier;
// or the first later year the zone's rules can be written in) to 2037, as
// tzdef.BuildRepair builds them; the display ones have TZRULE_FLAG_RECUR_CURRENT_TZREG cleared.
// PidLidTimeZoneDescription is "(UTC±hh:mm) " and the key name.
func (it *Item) RepairTZ(zone string) (*TZRepair, error) {
	r := &TZRepair{}
	if strings.TrimSpace(zone) == "" {
		z, why, err := it.InferZone()
		if err != nil {
			return nil, fmt.Errorf("no zone given and none can be inferred: %w", err)
		}
		zone, r.Inferred = z, why
	}
	first := tzdef.RepairFirstYear
	if s, ok := it.StartWhole(); ok && s.Year() < first && s.Year() > 1601 {
		first = s.Year()
	}
	def, st, _, err := tzdef.BuildRepair(zone, first)
	if err != nil {
		return nil, err
	}
	r.Zone = def.KeyName
	var props []Property
	for _, x := range []struct {
		name string
		v    interface{ MarshalBinary() ([]byte, error) }
	}{
		{PidLidAppointmentTimeZoneDefinitionStartDisplay, def.ForDisplay()},
		{PidLidAppointmentTimeZoneDefinitionEndDisplay, def.ForDisplay()},
		{PidLidAppointmentTimeZoneDefinitionRecur, def},
		{PidLidTimeZoneStruct, st},
	} {
		b, err := x.v.MarshalBinary()
		if err != nil {
			return nil, err
		}
		props = append(props, MustProp(x.name, Binary(b)))
	}
	props = append(props, MustProp(PidLidTimeZoneDescription, Unicode(describeZone(-int(st.Bias+st.StandardBias), def.KeyName))))
	tmp := New(props...)
	r.Properties = tmp.Properties
	return r, nil
}

// Text lists the properties for pasting into MFCMAPI: each property's
// name, identity and type, then its value (binary as hex).
func (r *TZRepair) Text() string {
	var b strings.Builder
	for i := range r.Properties {
		p := &r.Properties[i]
		id := ""
		if p.Named != nil {
			id = fmt.Sprintf("%s, LID 0x%04X, ", p.Named.SetName(), p.Named.LID)
		}
		fmt.Fprintf(&b, "%s (%s%s)\n", p.Name(), id, p.Type())
		if p.Value.Bytes != nil {
			fmt.Fprintf(&b, "%X\n\n", p.Value.Bytes)
		} else {
			fmt.Fprintf(&b, "%s\n\n", p.Value.Str)
		}
	}
	return b.String()
}

// describeZone writes a PidLidTimeZoneDescription in Outlook's shape,
// "(UTC-04:00) Atlantic Standard Time", from the standard offset in
// minutes east of UTC and the key name (Windows' display names are not
// known to this module).
func describeZone(east int, key string) string {
	sign := "+"
	if east < 0 {
		sign, east = "-", -east
	}
	return fmt.Sprintf("(UTC%s%02d:%02d) %s", sign, east/60, east%60, key)
}
