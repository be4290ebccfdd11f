package tzdef

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ErrNoZone is what errors.Is finds in every error of this module that
// says something has no time zone: a series expanded without one, an item
// none of whose time-zone properties names one. Their messages say which.
var ErrNoZone = errors.New("no time zone")

// NoZone is an error with the message msg that errors.Is finds to be
// ErrNoZone.
func NoZone(msg string) error { return noZone(msg) }

type noZone string

func (e noZone) Error() string        { return string(e) }
func (e noZone) Is(target error) bool { return target == ErrNoZone }

// The years a repaired definition covers, as `mapiblob tz build` writes by
// default.
const (
	RepairFirstYear = 2000
	RepairLastYear  = 2037
)

// Source is a time-zone definition of one item (or one paste), with the
// property it was read from: the evidence ChooseZone weighs.
type Source struct {
	Property   string // PidLidAppointmentTimeZoneDefinitionRecur…, or "" when unknown
	Definition *Definition
}

// ZoneChoice is the zone time-zone properties are rebuilt in, and why.
type ZoneChoice struct {
	// Zone is the zone chosen: the zone picked as it was given, or the
	// Windows key name the item's definitions name; "" when nothing tells.
	Zone string
	// Picked is true when Zone is the zone the caller gave.
	Picked bool
	// ByRules is true when Zone is the one Windows zone whose rules match
	// the damaged definition's (Candidates holds it alone).
	ByRules bool
	// NamedBy lists, for a zone the definitions name, each one that names
	// it: its property and the key name (`PidLid… "Eastern Standard Time"`).
	NamedBy []string
	// Candidates are, when no zone is chosen, the Windows zones whose rules
	// equal the damaged definition's in Years (sorted): the zones to pick
	// from. Nil when a zone is chosen or no damaged definition is given.
	Candidates []string
	// Years are the years compared (SampleYears).
	Years []int
}

// ChooseZone is the one policy by which this module chooses the zone of
// time-zone properties it rebuilds, for an item's repair and for one
// damaged definition alike. It never guesses:
//
//  1. a zone picked by the user is taken as it is;
//  2. else the key name the other definitions give, when they all give the
//     same one, it is a zone tzdef knows, and its rules agree with the
//     damaged definition's in the years compared (when damaged is given,
//     by SameYear) and include the TimeZoneStruct's rule (when st is given);
//  3. else, when no definition names a zone, the one Windows zone whose
//     rules equal the damaged definition's in every year compared, if
//     exactly one does (Lord Howe's half-hour daylight saving; Atlantic
//     Standard Time's rules);
//  4. else no zone: Candidates lists the Windows zones whose rules match
//     the damaged definition, for the user to pick from.
//
// The error says why no zone was chosen: names that disagree, a named zone
// whose rules do not fit, or (wrapping ErrNoZone) no name and rules that
// several zones or none share.
func ChooseZone(damaged *Definition, defs []Source, st *TimeZoneStruct, picked string, thisYear int) (ZoneChoice, error) {
	var c ZoneChoice
	hasRules := damaged != nil && len(damaged.Rules) > 0
	if hasRules {
		c.Years = SampleYears(damaged, thisYear)
	}
	c, err := chooseZone(c, damaged, hasRules, defs, st, picked)
	if err == nil || !hasRules {
		return c, err
	}
	c.Candidates = ZonesMatching(damaged, c.Years)
	if errors.Is(err, ErrNoZone) && len(c.Candidates) == 1 {
		c.Zone, c.ByRules = c.Candidates[0], true
		return c, nil
	}
	return c, err
}

func chooseZone(c ZoneChoice, damaged *Definition, hasRules bool, defs []Source, st *TimeZoneStruct, picked string) (ZoneChoice, error) {
	if z := strings.TrimSpace(picked); z != "" {
		c.Zone, c.Picked = z, true
		return c, nil
	}
	var names, from []string
	var named []*Definition
	for _, s := range defs {
		if s.Definition == nil || s.Definition == damaged {
			continue
		}
		k := strings.Trim(s.Definition.KeyName, "\x00")
		if k == "" {
			continue
		}
		from = append(from, strings.TrimSpace(s.Property+" "+strconv.Quote(k)))
		named = append(named, s.Definition)
		if !contains(names, k) {
			names = append(names, k)
		}
	}
	switch len(names) {
	case 0:
		return c, NoZone("no time-zone property of the item names a zone")
	case 1:
	default:
		return c, fmt.Errorf("the item's time-zone properties disagree: %s", strings.Join(from, ", "))
	}
	zone := names[0]
	def, err := knownZone(zone)
	if err != nil {
		return c, fmt.Errorf("%s names %q, which is not a zone this tool knows: %v", strings.Join(from, ", "), zone, err)
	}
	if st != nil {
		match := false
		for i := range def.Rules {
			match = match || def.Rules[i].SameZone(st)
		}
		if !match {
			return c, fmt.Errorf("%s names %q, but PidLidTimeZoneStruct holds a rule %q never had", strings.Join(from, ", "), zone, zone)
		}
	}
	if hasRules {
		for _, d := range named {
			for _, y := range c.Years {
				if !SameYear(damaged, d, y) {
					return c, fmt.Errorf("%s names %q, but its rules differ from the damaged definition's in %d", strings.Join(from, ", "), zone, y)
				}
			}
		}
	}
	c.Zone, c.NamedBy = zone, from
	return c, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// BuildRepair builds the definition and TimeZoneStruct of zone for a
// repair, from firstYear to RepairLastYear, or from the first later year
// whose rules a definition can express (first says which year that was).
func BuildRepair(zone string, firstYear int) (def *Definition, st *TimeZoneStruct, first int, err error) {
	for first = firstYear; first <= RepairLastYear; first++ {
		if def, st, err = FromZoneName(zone, first, RepairLastYear); !errors.Is(err, ErrNotExpressible) {
			break
		}
	}
	return def, st, first, err
}

// SampleYears are the years in which a definition's rules say something
// about the zone from 1970 to thisYear: the first year of each rule from
// 1970 on and the last year each is in force (the last rule: thisYear).
// A rule's claim about the years before the first rule is not taken as a
// statement (Outlook writes one rule from 1601 for "these rules now").
func SampleYears(d *Definition, thisYear int) []int {
	rules := append([]Rule(nil), d.Rules...)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Year < rules[j].Year })
	set := map[int]bool{thisYear: true}
	for i, r := range rules {
		start, end := int(r.Year), thisYear
		if i+1 < len(rules) {
			end = int(rules[i+1].Year) - 1
		}
		end = min(end, thisYear)
		if start >= 1970 && start <= end {
			set[start] = true
		}
		if end >= 1970 && end >= start {
			set[end] = true
		}
	}
	out := make([]int, 0, len(set))
	for y := range set {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// SameYear reports whether two zones have the same offsets and the same
// instants of change in year y.
func SameYear(a, b Zone, y int) bool {
	ya, oka := a.Year(y)
	yb, okb := b.Year(y)
	return oka && okb && ya.StdOffset == yb.StdOffset && ya.DstOffset == yb.DstOffset && ya.HasDST == yb.HasDST &&
		ya.DSTStart.Equal(yb.DSTStart) && ya.DSTEnd.Equal(yb.DSTEnd)
}

// ZonesMatching lists the Windows time zones (CLDR's key names, sorted)
// whose rules, as the Go time-zone database gives them, equal d's in
// every one of years: the same offsets and the same instants of change.
// Several zones often share today's rules (Eastern Standard Time and US
// Eastern Standard Time), so more than one name means the rules alone do
// not tell the zone.
func ZonesMatching(d *Definition, years []int) []string {
	if len(d.Rules) == 0 || len(years) == 0 {
		return nil
	}
	lo, hi := years[0], years[len(years)-1]
	var out []string
	for _, name := range WindowsNames() {
		c, _, err := FromZoneName(name, hi, hi) // cheap first test: the last year only
		if err != nil || !SameYear(d, c, hi) {
			continue
		}
		if lo < hi {
			if c, _, err = FromZoneName(name, lo, hi); err != nil {
				continue
			}
		}
		all := true
		for _, y := range years {
			all = all && SameYear(d, c, y)
		}
		if all {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

var knownZones sync.Map // zone name → *Definition, for zones tzdef knows only

// knownZone is FromZoneName from 1990 to RepairLastYear, remembered:
// building a zone's rules takes milliseconds, and a folder of items names
// the same few zones. The definition is shared: it is only read.
func knownZone(name string) (*Definition, error) {
	if v, ok := knownZones.Load(name); ok {
		return v.(*Definition), nil
	}
	def, _, err := FromZoneName(name, 1990, RepairLastYear)
	if err == nil { // only zones tzdef knows: the cache stays small whatever items name
		knownZones.Store(name, def)
	}
	return def, err
}
