package ical

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// expandYears bounds an expansion of a series without end, or whose end
// lies further away.
const expandYears = 10

// expand turns a series Outlook cannot hold into single items, one per
// occurrence (RRULEs and RDATEs, less EXDATEs, overrides in place of their
// occurrence), as Outlook's importer does with such series. The rules are
// expanded by github.com/teambition/rrule-go in the series' zone; at most
// MaxExpanded items, and only the first expandYears years (one year for
// an hourly rule).
func (im *importer) expand(master *goical.Component, overrides []*goical.Component, uid string, e *event, reason error) (items []made, err error) {
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, fmt.Errorf("expanding the recurrence failed: %v", r)
		}
	}()
	if err := im.seriesZone(e.start); err != nil {
		return nil, err
	}
	for _, p := range master.Props.Values("RRULE") {
		v := strings.ToUpper(p.Value)
		if strings.Contains(v, "FREQ=SECONDLY") || strings.Contains(v, "FREQ=MINUTELY") {
			return nil, fmt.Errorf("%w; FREQ=SECONDLY and MINUTELY are not expanded either", reason)
		}
	}
	im.warn("%v: expanded into single occurrences", reason)
	loc, err := im.zone.def.Location()
	if err != nil {
		return nil, err
	}
	start, end, err := im.span(e)
	if err != nil {
		return nil, err
	}
	dur := end.Sub(start)
	in := func(wall time.Time) time.Time { return im.zone.instant(wall).In(loc) }
	dtstart := in(start)
	horizon := dtstart.AddDate(expandYears, 0, 0)
	for _, p := range master.Props.Values("RRULE") {
		if strings.Contains(strings.ToUpper(p.Value), "FREQ=HOURLY") {
			horizon = dtstart.AddDate(1, 0, 0) // an hourly rule whose filters rarely match walks every hour
		}
	}
	limit := im.opt.MaxExpanded
	if limit <= 0 {
		limit = DefaultMaxExpanded
	}
	starts := map[time.Time]bool{dtstart.UTC(): true}
	for _, p := range master.Props.Values("RRULE") {
		o, err := rrule.StrToROptionInLocation(p.Value, loc)
		if err != nil {
			return nil, fmt.Errorf("RRULE %s: %v", p.Value, err)
		}
		o.Dtstart = dtstart
		if o.Until.IsZero() || o.Until.After(horizon) {
			if o.Count == 0 || o.Count > limit {
				o.Until = horizon
			}
		}
		r, err := rrule.NewRRule(*o)
		if err != nil {
			return nil, fmt.Errorf("RRULE %s: %v", p.Value, err)
		}
		next := r.Iterator()
		for n := 0; n <= limit; n++ {
			t, ok := next()
			if !ok {
				break
			}
			starts[t.UTC()] = true
		}
	}
	for _, name := range []string{"RDATE", "EXDATE"} {
		for i := range master.Props.Values(name) {
			ws, err := propWhens(&master.Props.Values(name)[i])
			if err != nil {
				return nil, err
			}
			for _, w := range ws {
				l, err := im.local(w)
				if err != nil {
					return nil, err
				}
				if w.date && !e.start.date {
					l = l.Add(start.Sub(midnightOf(start)))
				}
				u := im.zone.instant(l)
				if name == "RDATE" {
					starts[u] = true
				} else {
					delete(starts, u)
				}
			}
		}
	}
	byOrig := map[time.Time]*goical.Component{}
	for _, c := range overrides {
		rid, l, err := im.recurrenceID(c)
		if err != nil {
			return nil, err
		}
		u := im.zone.instant(l)
		if kept := byOrig[u]; kept == nil || im.replaces(c, kept, rid, midnightOf(l)) {
			byOrig[u] = c
		}
	}
	list := make([]time.Time, 0, len(starts))
	for t := range starts {
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Before(list[j]) })
	if len(list) > limit {
		im.warn("the series has more than %d occurrences; only the first %d were imported", limit, limit)
		list = list[:limit]
	}
	if len(list) == 0 {
		return nil, errors.New("the recurrence has no occurrence")
	}
	base := im.warns
	for _, t := range list {
		im.warns = append([]string(nil), base...)
		orig := im.zone.wall(t)
		c, s, en := master, orig, orig.Add(dur)
		if o := byOrig[t]; o != nil {
			oe, err := readEvent(o)
			if err != nil {
				return nil, err
			}
			if s, en, err = im.span(oe); err != nil {
				return nil, err
			}
			c = o
		}
		it, err := im.single(c, uid, s, en, e.start.date, orig)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}
