package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
)

// when is a DATE or DATE-TIME value as written: its wall-clock fields, and
// how to read them (a date, UTC, a TZID, or floating).
type when struct {
	wall time.Time // the fields, in time.UTC
	date bool      // VALUE=DATE
	utc  bool      // a trailing Z
	tzid string    // TZID parameter ("" for UTC, floating and dates)
}

func (w when) floating() bool { return !w.utc && w.tzid == "" }

func (w when) String() string {
	switch {
	case w.date:
		return w.wall.Format("2006-01-02")
	case w.utc:
		return w.wall.Format("2006-01-02T15:04:05Z")
	case w.tzid != "":
		return w.wall.Format("2006-01-02T15:04:05") + " " + w.tzid
	}
	return w.wall.Format("2006-01-02T15:04:05") + " (floating)"
}

// parseWhen reads one DATE or DATE-TIME value; tzid and isDate come from the
// property's parameters.
func parseWhen(v, tzid string, isDate bool) (when, error) {
	v = strings.TrimSpace(v)
	if isDate || len(v) == 8 {
		t, err := time.Parse("20060102", v)
		if err != nil {
			return when{}, fmt.Errorf("%q is not a DATE (YYYYMMDD)", v)
		}
		return when{wall: t, date: true}, nil
	}
	utc := strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z")
	if utc {
		v = v[:len(v)-1]
	}
	t, err := time.Parse("20060102T150405", strings.ToUpper(v))
	if err != nil {
		return when{}, fmt.Errorf("%q is not a DATE-TIME (YYYYMMDDTHHMMSS[Z])", v)
	}
	w := when{wall: t, utc: utc}
	if !utc {
		w.tzid = tzid
	}
	return w, nil
}

// propWhen reads the single value of a DTSTART-like property.
func propWhen(p *goical.Prop) (when, error) {
	if strings.Contains(p.Value, ",") {
		return when{}, fmt.Errorf("%s: one value expected, got %q", p.Name, p.Value)
	}
	w, err := parseWhen(p.Value, p.Params.Get("TZID"), strings.EqualFold(p.Params.Get("VALUE"), "DATE"))
	if err != nil {
		return when{}, fmt.Errorf("%s: %v", p.Name, err)
	}
	return w, nil
}

// propWhens reads the comma-separated values of EXDATE or RDATE.
func propWhens(p *goical.Prop) ([]when, error) {
	var out []when
	isDate := strings.EqualFold(p.Params.Get("VALUE"), "DATE")
	if strings.EqualFold(p.Params.Get("VALUE"), "PERIOD") {
		return nil, fmt.Errorf("%s: PERIOD values are not supported", p.Name)
	}
	for _, v := range strings.Split(p.Value, ",") {
		if strings.TrimSpace(v) == "" {
			continue
		}
		w, err := parseWhen(v, p.Params.Get("TZID"), isDate)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p.Name, err)
		}
		out = append(out, w)
	}
	return out, nil
}

// parseDuration reads an RFC 5545 DURATION value ("PT1H30M", "P1D", "-PT15M").
func parseDuration(s string) (time.Duration, error) {
	orig := s
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, fmt.Errorf("%q is not a DURATION", orig)
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	for s != "" {
		if s[0] == 'T' {
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 7 {
			return 0, fmt.Errorf("%q is not a DURATION", orig)
		}
		n, _ := strconv.Atoi(s[:i])
		unit := s[i]
		s = s[i+1:]
		var u time.Duration
		switch {
		case unit == 'W' && !inTime:
			u = 7 * 24 * time.Hour
		case unit == 'D' && !inTime:
			u = 24 * time.Hour
		case unit == 'H' && inTime:
			u = time.Hour
		case unit == 'M' && inTime:
			u = time.Minute
		case unit == 'S' && inTime:
			u = time.Second
		default:
			return 0, fmt.Errorf("%q is not a DURATION", orig)
		}
		d += time.Duration(n) * u
	}
	if neg {
		d = -d
	}
	return d, nil
}

// text is the unescaped TEXT value of the named property, and whether it is
// present.
func text(c *goical.Component, name string) (string, bool) {
	p := c.Props.Get(name)
	if p == nil {
		return "", false
	}
	s, err := p.Text()
	if err != nil {
		return p.Value, true
	}
	return s, true
}
