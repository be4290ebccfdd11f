package smartview

import (
	"errors"
	"fmt"
	"time"

	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Drift is what a change of a zone's rules does to a stored series: the
// spans in which the rule stored with it (its TZDEFINITION or
// TimeZoneStruct) and the zone's current IANA rules give different
// offsets, and each occurrence in the range compared whose instant differs.
// Outlook keeps the stored rule until Microsoft's time-zone update tool
// rebases the meeting, so those meetings show at another hour for everyone
// whose clock follows the current rules.
type Drift struct {
	Location    *time.Location     // the IANA zone compared with
	Since       int                // first year of the differences that reach the range compared; 0 when none
	Differences []tzdef.Difference // in the local years of the range
	Compared    int                // occurrences compared
	Drifted     []DriftRecord      // those whose instant differs
}

// DriftRecord is one occurrence whose instant differs.
type DriftRecord struct {
	Stored   time.Time // the instant under the stored rule, in the stored zone
	Current  time.Time // the instant its wall-clock time means under the current rules, in Location
	Modified bool      // an exception
}

// errNoSeriesZone is returned by Drift for a series without a time zone;
// errors.Is finds tzdef.ErrNoZone in it.
var errNoSeriesZone = tzdef.NoZone("the series has no time zone")

// ErrNoCurrentZone is returned by CurrentRules when the stored zone names
// no IANA zone (a TimeZoneStruct, or a key name CLDR does not know) and
// none was given.
var ErrNoCurrentZone = errors.New("the stored zone has no key name CLDR knows; name its IANA zone")

// CurrentRules is the zone a series' stored rule is compared with by
// Drift: the IANA zone named (when name is not empty), else the IANA zone
// CLDR gives the stored TZDEFINITION's key name. key names the stored rule:
// the definition's key name, or "TimeZoneStruct".
func (s *Series) CurrentRules(name string) (loc *time.Location, iana, key string, err error) {
	iana, key = name, "TimeZoneStruct"
	if d, ok := s.Zone.(*tzdef.Definition); ok {
		key = d.KeyName
		if iana == "" {
			iana = tzdef.IANAName(d.KeyName)
		}
	}
	if iana == "" {
		return nil, "", key, ErrNoCurrentZone
	}
	loc, err = time.LoadLocation(iana)
	if err != nil {
		return nil, iana, key, fmt.Errorf("%q: %v", iana, err)
	}
	return loc, iana, key, nil
}

// Drift compares s's stored zone with loc, the zone's current rules, for
// the occurrences in [from, to) (to must be set for a series without end).
func (s *Series) Drift(loc *time.Location, from, to time.Time) (*Drift, error) {
	if s.Zone == nil {
		return nil, errNoSeriesZone
	}
	if s.Appointment == nil {
		return nil, errors.New("tz drift needs an appointment's PidLidAppointmentRecur")
	}
	d := &Drift{Location: loc}
	for o, err := range s.Appointment.Occurrences(s.Zone, from, to, recurrence.ExpandOptions{}) {
		if err != nil {
			return nil, err
		}
		d.Compared++
		cur := tzdef.LocalInstant(loc, o.Start).In(loc)
		if !cur.Equal(o.Start) {
			d.Drifted = append(d.Drifted, DriftRecord{Stored: o.Start, Current: cur, Modified: o.Modified()})
		}
	}
	first, last := from.Year()-1, to.Year()+1
	if from.IsZero() {
		first = to.Year() - 1
	}
	d.Differences = tzdef.Compare(s.Zone, loc, first, last)
	if len(d.Differences) > 0 {
		d.Since = d.Differences[0].From.Year()
		// Back to the first year of the run of differing years.
		for y := first - 1; y >= 1970; y-- {
			if len(tzdef.Compare(s.Zone, loc, y, y)) == 0 {
				break
			}
			d.Since = y
		}
	}
	return d, nil
}
