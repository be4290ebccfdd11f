package tzdef

import (
	"fmt"
	"strings"
	"time"
)

// SeriesZone is the zone Outlook expands a recurring series in, given its
// PidLidAppointmentTimeZoneDefinitionRecur (recur) and PidLidTimeZoneStruct
// (st), either of which may be nil: the definition is used only when it is
// consistent with the TimeZoneStruct (ConsistentWith), because Outlook
// discards a definition that disagrees; otherwise the TimeZoneStruct; a
// definition alone when there is no TimeZoneStruct. It returns nil when
// both are nil.
func SeriesZone(recur *Definition, st *TimeZoneStruct) Zone {
	switch {
	case recur != nil && st != nil && recur.ConsistentWith(st):
		return recur
	case st != nil:
		return st
	case recur != nil:
		return recur
	}
	return nil
}

// FromZoneName builds the definition and TimeZoneStruct of a zone named by
// its Windows key name ("Atlantic Standard Time") or its IANA name
// ("America/Halifax"), with one rule per year whose rule changes between
// firstYear and lastYear. An IANA zone needs a Windows key name in CLDR's
// table, since a blob must carry one.
func FromZoneName(name string, firstYear, lastYear int) (*Definition, *TimeZoneStruct, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil, fmt.Errorf("tzdef: empty zone name")
	}
	if IANAName(name) != "" {
		return FromWindowsName(name, firstYear, lastYear)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, nil, fmt.Errorf("tzdef: %q is neither a Windows time-zone key name nor an IANA zone", name)
	}
	key := WindowsName(name)
	if key == "" {
		return nil, nil, fmt.Errorf("tzdef: CLDR %s has no Windows key name for %s, and a blob needs one", CLDRVersion, name)
	}
	return FromLocation(loc, key, firstYear, lastYear)
}
