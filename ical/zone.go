package ical

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mapiblob/mapiblob/tzdef"
)

// zone is a series' time zone, as the blobs hold it and as this package
// converts times with it.
type zone struct {
	def *tzdef.Definition // TZDefRecur form: the current rule flagged R and E
	tz  *tzdef.TimeZoneStruct

	// What every item of the zone holds, made once: the display form and
	// the encodings of the three forms (handed out as copies).
	disp                     *tzdef.Definition
	dispBytes, defBytes, tzB []byte
	// warns are what building the zone warned of, said again to every
	// item that uses it.
	warns []string
}

// file is what the components of one Import share: the VTIMEZONEs by TZID
// and the zones built, so that a thousand events in one zone build it once
// (and a zone that cannot be built fails them all from one attempt).
type file struct {
	vtimezones map[string]*goical.Component
	zones      map[zoneKey]built
}

// built is a zone, or why it could not be built.
type built struct {
	z   *zone
	err error
}

// zoneKey is a zone as a resolver asks for it: a zone built by name, or
// compared with one, depends on the years asked for; a VTIMEZONE of a name
// CLDR does not know does not (its years are zero).
type zoneKey struct {
	key            string
	years, compare [2]int
}

// display is the zone's TZDefStartDisplay/EndDisplay form.
func (z *zone) display() *tzdef.Definition {
	if z.disp == nil {
		z.disp = z.def.ForDisplay()
	}
	return z.disp
}

// encoded returns a copy of *cache, made by enc the first time.
func encoded(cache *[]byte, enc func() ([]byte, error)) ([]byte, error) {
	if *cache == nil {
		b, err := enc()
		if err != nil {
			return nil, err
		}
		*cache = b
	}
	return bytes.Clone(*cache), nil
}

// displayBinary, defBinary and tzBinary are the zone's three property values.
func (z *zone) displayBinary() ([]byte, error) {
	return encoded(&z.dispBytes, z.display().MarshalBinary)
}
func (z *zone) defBinary() ([]byte, error) { return encoded(&z.defBytes, z.def.MarshalBinary) }
func (z *zone) tzBinary() ([]byte, error)  { return encoded(&z.tzB, z.tz.MarshalBinary) }

// instant reads a wall-clock time of the zone as RFC 5545 does (a time in a
// spring gap with the offset before it, an ambiguous time as its first
// instant).
func (z *zone) instant(wall time.Time) time.Time {
	yr, ok := z.def.Year(wall.Year())
	if !ok {
		return wall
	}
	u, _ := yr.UTC(wall)
	return u.UTC()
}

// wall is the zone's wall clock at instant u, as fields in time.UTC.
func (z *zone) wall(u time.Time) time.Time {
	off, _, ok := z.def.Offset(u)
	if !ok {
		return u.UTC()
	}
	return u.UTC().Add(time.Duration(off) * time.Second)
}

// description is PidLidTimeZoneDescription: the offset and key name, in the
// "(UTC+01:00) …" form Windows uses for its display names.
func (z *zone) description() string {
	r := z.def.RecurRule()
	if r == nil {
		return z.def.KeyName
	}
	off := r.StandardOffset()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	if off == 0 {
		return "(UTC) " + z.def.KeyName
	}
	return fmt.Sprintf("(UTC%s%02d:%02d) %s", sign, off/3600, off%3600/60, z.def.KeyName)
}

type namedKey struct {
	name        string
	first, last int
}

type namedZone struct {
	def *tzdef.Definition
	tz  *tzdef.TimeZoneStruct
	err error
}

// named caches tzdef.FromZoneName: generated series hit the same few zones.
var named sync.Map // namedKey → *namedZone

func fromZoneName(name string, first, last int) (*tzdef.Definition, *tzdef.TimeZoneStruct, error) {
	k := namedKey{name, first, last}
	if v, ok := named.Load(k); ok {
		n := v.(*namedZone)
		return n.def, n.tz, n.err
	}
	d, tz, err := tzdef.FromZoneName(name, first, last)
	named.Store(k, &namedZone{d, tz, err})
	return d, tz, err
}

// windowsNameFor is the Windows key name a TZID stands for: itself when it
// is one, the CLDR mapping of an IANA name, also inside a longer TZID
// ("/mozilla.org/20050126_1/Europe/Berlin"); "" when none.
func windowsNameFor(tzid string) string {
	if tzid == "" {
		return ""
	}
	if tzdef.IANAName(tzid) != "" {
		return tzid
	}
	if w := tzdef.WindowsName(tzid); w != "" {
		return w
	}
	parts := strings.Split(strings.Trim(tzid, "/"), "/")
	for i := 1; i < len(parts); i++ {
		if w := tzdef.WindowsName(strings.Join(parts[i:], "/")); w != "" {
			return w
		}
	}
	return ""
}

// resolver finds the zone of each TZID an item uses.
type resolver struct {
	opt     *ImportOptions
	file    *file
	years   [2]int // the years the blobs' rules cover
	compare [2]int // the years the series spans: where a VTIMEZONE must agree with the named zone
	warn    func(format string, a ...any)
	said    map[*zone]bool // zones whose warnings this item has been told
}

// lookup is the zone built for k, built by build the first time it is
// asked for (a failure is remembered too), its warnings said to this
// resolver's item once.
func (r *resolver) lookup(k zoneKey, build func() (*zone, error)) (*zone, error) {
	b, ok := r.file.zones[k]
	if !ok {
		b.z, b.err = build()
		r.file.zones[k] = b
	}
	if b.err != nil {
		return nil, b.err
	}
	r.sayWarnings(b.z)
	return b.z, nil
}

// sayWarnings says z's warnings to this resolver's item unless it already
// has.
func (r *resolver) sayWarnings(z *zone) {
	if len(z.warns) == 0 || r.said[z] {
		return
	}
	if r.said == nil {
		r.said = map[*zone]bool{}
	}
	r.said[z] = true
	for _, w := range z.warns {
		r.warn("%s", w)
	}
}

// zoneOf is the zone of a value: its TZID, UTC, or the floating zone.
func (r *resolver) zoneOf(w when) (*zone, error) {
	switch {
	case w.utc:
		return r.byName("UTC")
	case w.tzid != "":
		return r.byTZID(w.tzid)
	}
	if r.opt.FloatingZone == "" {
		return nil, fmt.Errorf("%s is a floating time: %w", w, ErrFloating)
	}
	return r.byName(r.opt.FloatingZone)
}

func (r *resolver) byName(name string) (*zone, error) {
	return r.lookup(zoneKey{key: "name:" + name, years: r.years}, func() (*zone, error) {
		w := windowsNameFor(name)
		if w == "" {
			return nil, fmt.Errorf("zone %q is neither a Windows key name nor an IANA zone CLDR maps to one", name)
		}
		d, tz, err := fromZoneName(w, r.years[0], r.years[1])
		if err != nil {
			return nil, err
		}
		return &zone{def: d, tz: tz}, nil
	})
}

// byTZID resolves a TZID: its VTIMEZONE, compared with the zone its name
// gives when CLDR knows it.
func (r *resolver) byTZID(tzid string) (*zone, error) {
	vtz := r.file.vtimezones[tzid]
	win := windowsNameFor(tzid)
	if win == "" && vtz != nil {
		if p := vtz.Props.Get("X-LIC-LOCATION"); p != nil {
			win = windowsNameFor(p.Value)
		}
	}
	k := zoneKey{key: "tzid:" + tzid}
	if win != "" {
		k.years, k.compare = r.years, r.compare
	}
	return r.lookup(k, func() (*zone, error) {
		switch {
		case vtz == nil && win == "":
			return nil, fmt.Errorf("TZID %q has no VTIMEZONE and names no zone CLDR knows", tzid)
		case vtz == nil:
			d, tz, err := fromZoneName(win, r.years[0], r.years[1])
			if err != nil {
				return nil, err
			}
			return &zone{def: d, tz: tz}, nil
		}
		key := win
		if key == "" {
			key = tzid
		}
		if len([]rune(key)) > 260 {
			return nil, fmt.Errorf("TZID %q is longer than the 260 characters of a key name", tzid)
		}
		d, tz, err := DefinitionFromVTimezone(vtz, key, r.opt.now().Year())
		if err != nil {
			return nil, err
		}
		z := &zone{def: d, tz: tz}
		if win != "" {
			nd, ntz, err := fromZoneName(win, r.years[0], r.years[1])
			switch {
			case err != nil:
				z.warns = append(z.warns, fmt.Sprintf("TZID %q: the zone %s could not be built (%v); the VTIMEZONE is followed", tzid, win, err))
			case agree(d, nd, r.compare[0], r.compare[1]):
				z = &zone{def: nd, tz: ntz}
			default:
				z.warns = append(z.warns, fmt.Sprintf("TZID %q: its VTIMEZONE disagrees with the zone %s in %d–%d; the VTIMEZONE is followed", tzid, win, r.compare[0], r.compare[1]))
			}
		}
		return z, nil
	})
}

// agree reports whether two definitions give the same offsets from first
// through last: at every transition of either (and just before it) and in
// the middle of every month.
func agree(a, b *tzdef.Definition, first, last int) bool {
	same := func(u time.Time) bool {
		oa, _, _ := a.Offset(u)
		ob, _, _ := b.Offset(u)
		return oa == ob
	}
	for y := first; y <= last; y++ {
		for _, d := range []*tzdef.Definition{a, b} {
			for _, t := range d.Transitions(y) {
				if !same(t.UTC) || !same(t.UTC.Add(-time.Second)) {
					return false
				}
			}
		}
		for m := time.January; m <= time.December; m++ {
			if !same(time.Date(y, m, 15, 12, 0, 0, 0, time.UTC)) {
				return false
			}
		}
	}
	return true
}
