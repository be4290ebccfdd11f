package ical

import (
	"errors"
	"fmt"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mapiblob/mapiblob/item"
)

// importTask imports a VTODO: its RRULE becomes PidLidTaskRecurrence, a
// bare RecurrencePattern ([MS-OXOTASK] 2.2.2.2.15). A task's recurrence
// counts in dates, so only the date of DTSTART (or of DUE without DTSTART)
// matters, and UNTIL is read as the date it names.
func importTask(c *goical.Component, opt *ImportOptions) (made, error) {
	uid, _ := text(c, "UID")
	it := made{path: itemPath("VTODO", uid, time.Time{}), props: make([]item.Property, 0, 6)} // 6: every property below
	var start, due *when
	for _, name := range []string{"DTSTART", "DUE"} {
		if p := c.Props.Get(name); p != nil {
			w, err := propWhen(p)
			if err != nil {
				return it, err
			}
			if name == "DTSTART" {
				start = &w
			} else {
				due = &w
			}
		}
	}
	it.props = append(it.props, prop("PidTagMessageClass", item.Unicode("IPM.Task")))
	if s, ok := text(c, "SUMMARY"); ok {
		it.props = append(it.props, prop("PidTagSubject", item.Unicode(s)))
	}
	if start != nil {
		it.props = append(it.props, prop("PidLidTaskStartDate", item.Time(midnightOf(start.wall))))
	}
	if due != nil {
		it.props = append(it.props, prop("PidLidTaskDueDate", item.Time(midnightOf(due.wall))))
	}
	rrules := c.Props.Values("RRULE")
	if len(rrules) == 0 {
		return it, nil
	}
	if len(rrules) > 1 {
		return it, &RRuleError{Property: "RRULE", Part: fmt.Sprintf("%d RRULEs", len(rrules)), Unsupported: true}
	}
	if c.Props.Get("RDATE") != nil {
		return it, &RRuleError{Property: "RDATE", Part: "RDATE", Unsupported: true, Detail: "Outlook holds no extra dates"}
	}
	anchor := start
	if anchor == nil {
		anchor = due
	}
	if anchor == nil {
		return it, errors.New("a recurring task needs DTSTART or DUE")
	}
	r, err := parseRule(rrules[0].Value)
	if err != nil {
		return it, err
	}
	warn := func(f string, a ...any) { it.warns = append(it.warns, fmt.Sprintf(f, a...)) }
	p, err := r.pattern(series{start: midnightOf(anchor.wall), allDay: true, untilOf: func(w when) (time.Time, error) { return w.wall, nil }}, warn)
	if err != nil {
		return it, err
	}
	b, err := p.MarshalBinary()
	if err != nil {
		return it, err
	}
	it.props = append(it.props, prop("PidLidTaskFRecurring", item.Bool(true)), prop("PidLidTaskRecurrence", item.Binary(b)))
	return it, nil
}
