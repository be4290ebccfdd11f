package ical

import (
	"errors"
	"fmt"
	"time"

	goical "github.com/emersion/go-ical"
)

// importTask imports a VTODO: its RRULE becomes PidLidTaskRecurrence, a
// bare RecurrencePattern ([MS-OXOTASK] 2.2.2.2.15). A task's recurrence
// counts in dates, so only the date of DTSTART (or of DUE without DTSTART)
// matters, and UNTIL is read as the date it names.
func importTask(c *goical.Component, opt *ImportOptions) (Item, error) {
	uid, _ := text(c, "UID")
	it := Item{Component: "VTODO", UID: uid, Properties: make([]Property, 0, 6)} // 6: every property below
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
	it.Properties = append(it.Properties, prop("PidTagMessageClass", "IPM.Task"))
	if s, ok := text(c, "SUMMARY"); ok {
		it.Properties = append(it.Properties, prop("PidTagSubject", s))
	}
	if start != nil {
		it.Properties = append(it.Properties, prop("PidLidTaskStartDate", midnightOf(start.wall)))
	}
	if due != nil {
		it.Properties = append(it.Properties, prop("PidLidTaskDueDate", midnightOf(due.wall)))
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
	warn := func(f string, a ...any) { it.Warnings = append(it.Warnings, fmt.Sprintf(f, a...)) }
	p, err := r.pattern(series{start: midnightOf(anchor.wall), allDay: true, untilOf: func(w when) (time.Time, error) { return w.wall, nil }}, warn)
	if err != nil {
		return it, err
	}
	b, err := p.MarshalBinary()
	if err != nil {
		return it, err
	}
	it.Task = p
	it.Properties = append(it.Properties, prop("PidLidTaskFRecurring", true), prop("PidLidTaskRecurrence", b))
	return it, nil
}
