package tzdef

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// LocationLastYear is the last year whose transitions Location lists; later
// years follow the last rule through the POSIX TZ string of the TZif data.
const LocationLastYear = 2100

// Location returns a *time.Location that applies d's rules: the rule of
// each year from 1 January of that year (local standard time), the first
// rule for years before it. It lists every transition from 1970 (or the
// first rule's year, if earlier) through 2100 and continues with the last
// rule after that. The location is named after the key name.
//
// Locations are cached by the definition's bytes, so expanding many series
// in one zone builds it once.
func (d *Definition) Location() (*time.Location, error) {
	key, err := d.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return cachedLocation("d"+string(key), d.location)
}

func (d *Definition) location() (*time.Location, error) {
	if len(d.Rules) == 0 {
		return nil, errors.New("tzdef: the definition has no rules")
	}
	name := d.KeyName
	if name == "" {
		name = "TZDEFINITION"
	}
	first := 1970
	for i := range d.Rules {
		if y := int(d.Rules[i].Year); y < first && y > 0 {
			first = y
		}
	}
	return buildLocation(name, first, d, d.RuleFor(LocationLastYear))
}

// Location returns a *time.Location that applies tz's rule to every year
// (cached like Definition.Location).
func (tz *TimeZoneStruct) Location() (*time.Location, error) {
	key, _ := tz.AppendBinary(nil)
	return cachedLocation("s"+string(key[:TimeZoneStructSize]), tz.location)
}

func (tz *TimeZoneStruct) location() (*time.Location, error) {
	r := tz.Rule()
	return buildLocation("TimeZoneStruct", 1970, tz, &r)
}

const maxCachedLocations = 256

var (
	locMu    sync.Mutex
	locCache = map[string]*time.Location{}
)

func cachedLocation(key string, build func() (*time.Location, error)) (*time.Location, error) {
	locMu.Lock()
	loc, ok := locCache[key]
	locMu.Unlock()
	if ok {
		return loc, nil
	}
	loc, err := build()
	if err != nil {
		return nil, err
	}
	locMu.Lock()
	if len(locCache) >= maxCachedLocations {
		clear(locCache)
	}
	locCache[key] = loc
	locMu.Unlock()
	return loc, nil
}

type zoneType struct {
	off int
	dst bool
}

// buildLocation lists the offsets of z's local years first … LocationLastYear
// (the first year's as in force from its start back to the beginning of
// time) and continues with rule last.
func buildLocation(name string, first int, z interface{ Year(int) (YearRule, bool) }, last *Rule) (*time.Location, error) {
	yr, _ := z.Year(first)
	cur := zoneType{yr.PrevOffset, yr.prevDST}
	types := []zoneType{cur}
	typeIndex := func(t zoneType) int {
		for i, x := range types {
			if x == t {
				return i
			}
		}
		types = append(types, t)
		return len(types) - 1
	}
	var times []int64
	var idx []byte
	for y := first; y <= LocationLastYear; y++ {
		if y > first {
			yr, _ = z.Year(y)
		}
		for i := 0; i < yr.n; i++ {
			t := zoneType{yr.seg[i].off, yr.seg[i].dst}
			if t == cur {
				continue
			}
			ti := typeIndex(t)
			if ti > 255 {
				return nil, errors.New("tzdef: too many distinct offsets for a location")
			}
			times = append(times, yr.seg[i].from.Unix())
			idx = append(idx, byte(ti))
			cur = t
		}
	}
	return time.LoadLocationFromTZData(name, tzif(times, idx, types, posixTZ(last)))
}

// OffsetAbbrev names an offset (seconds east of UTC) as the zones built
// from blobs name it, and as a VTIMEZONE's TZNAME gives it: ±HH, or ±HHMM
// when it has minutes.
func OffsetAbbrev(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	h, m := off/3600, off%3600/60
	s := fmt.Sprintf("%c%02d", sign, h)
	if m != 0 {
		s += fmt.Sprintf("%02d", m)
	}
	return s
}

// tzif writes version-2 TZif data: an empty version-1 block, then the
// 64-bit block and the footer.
func tzif(times []int64, idx []byte, types []zoneType, footer string) []byte {
	var chars []byte
	charIdx := make([]byte, len(types))
	for i, t := range types {
		charIdx[i] = byte(len(chars))
		chars = append(chars, OffsetAbbrev(t.off)...)
		chars = append(chars, 0)
	}
	header := func(b []byte, timecnt, typecnt, charcnt int) []byte {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} { // isut, isstd, leap, time, type, char
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
		return b
	}
	var b []byte
	b = header(b, 0, 1, 1)
	b = append(b, 0, 0, 0, 0, 0, 0, 0) // one UTC type, one NUL character
	b = header(b, len(times), len(types), len(chars))
	for _, t := range times {
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	b = append(b, idx...)
	for i, t := range types {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(t.off)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		b = append(b, dst, charIdx[i])
	}
	b = append(b, chars...)
	b = append(b, '\n')
	b = append(b, footer...)
	return append(b, '\n')
}

// posixTZ writes the rule as a POSIX TZ string ("<-05>5<-04>,M3.2.0/2,M11.1.0/2"),
// or "" when a relative rule cannot say it (absolute dates).
func posixTZ(r *Rule) string {
	if r == nil {
		return ""
	}
	std, dst := r.StandardOffset(), r.DaylightOffset()
	s := "<" + OffsetAbbrev(std) + ">" + posixOffset(-std)
	if !r.HasDST() {
		return s
	}
	if !r.DaylightDate.IsRelative() || !r.StandardDate.IsRelative() {
		return ""
	}
	s += "<" + OffsetAbbrev(dst) + ">" + posixOffset(-dst)
	return s + "," + posixDate(r.DaylightDate) + "," + posixDate(r.StandardDate)
}

func posixOffset(sec int) string {
	sign := ""
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := sign + strconv.Itoa(sec/3600)
	if m, sc := sec%3600/60, sec%60; m != 0 || sc != 0 {
		s += fmt.Sprintf(":%02d", m)
		if sc != 0 {
			s += fmt.Sprintf(":%02d", sc)
		}
	}
	return s
}

func posixDate(st SystemTime) string {
	sec := int(st.timeOfDay() / time.Second)
	return fmt.Sprintf("M%d.%d.%d/%s", st.Month, st.Day, st.DayOfWeek, posixOffset(sec))
}
