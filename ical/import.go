package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/recurrence"
)

// ImportOptions fill what an iCalendar object leaves open.
type ImportOptions struct {
	// FloatingZone is the zone floating times (no TZID, no Z) are read in:
	// a Windows key name or an IANA zone. Empty refuses floating
	// DATE-TIMEs with an error; all-day (DATE) events are then read in UTC,
	// and a warning says so.
	FloatingZone string
	// Expand turns a recurrence Outlook cannot hold (an RRULE part it has
	// no field for, RDATE, several RRULEs) into single items, one per
	// occurrence, at most MaxExpanded of them; without it such an event is
	// an error naming the part.
	Expand bool
	// MaxExpanded bounds Expand (0: DefaultMaxExpanded).
	MaxExpanded int
	// FirstYear and LastYear bound the rules of time-zone blobs built from
	// a zone name (0: 2000, or the series' first year if earlier; 2037, or
	// the series' last year if later, as far as the RRULE says).
	FirstYear, LastYear int
	// Now decides which rule of a zone is its current one (flagged
	// TZRULE_FLAG_EFFECTIVE_TZREG and TZRULE_FLAG_RECUR_CURRENT_TZREG, and
	// copied to PidLidTimeZoneStruct), as tzdef.FromLocation does with the
	// current year (zero: time.Now()).
	Now time.Time
	// CodePage encodes the 8-bit copies of exception subjects and locations
	// (0: windows-1252).
	CodePage blob.CodePage
}

// DefaultMaxExpanded is the number of single items Expand makes of one
// series at most.
const DefaultMaxExpanded = 1000

func (o *ImportOptions) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// made is one item as the importer makes it: where it is in the file,
// its properties and its warnings.
type made struct {
	path  string
	props []item.Property
	warns []string
}

// Path is where an imported item is in the iCalendar file: "/VEVENT/" or
// "/VTODO/" and the component's UID (no UID: "/VEVENT"), and for an
// occurrence imported on its own — one of an expanded series, or an
// override whose series is not in the file — "/" and its original start as
// the series' wall clock, "2006-01-02T15:04:05".
func itemPath(component, uid string, instance time.Time) string {
	p := "/" + component
	if uid != "" {
		p += "/" + uid
	}
	if !instance.IsZero() {
		p += "/" + instance.Format("2006-01-02T15:04:05")
	}
	return p
}

// Warning is what Import assumed, or could not keep, in making one item.
type Warning struct {
	Item    int    // the item's index in Import's result
	Message string // one sentence
}

// CodeImportWarning is the code of a Warning as a finding.
const CodeImportWarning = "ICAL_IMPORT_WARNING"

// Finding is the warning as a finding of its item (severity warning, no
// path), the form the findings of the item JSON form take.
func (w Warning) Finding() blob.Finding {
	return blob.Finding{Code: CodeImportWarning, Severity: blob.Warning, Message: w.Message}
}

// Import reads one or more VCALENDAR objects and returns an item per
// series (a VEVENT with its RECURRENCE-ID overrides, grouped by UID), per
// single VEVENT and per VTODO: items as the readers of package item return
// them, their properties decoded (Format "ical", Path as itemPath says,
// Source empty), and what it assumed or could not keep for each. A
// component that cannot be imported does not stop the others: the error
// joins one error per failed component (naming its UID) and the items of
// the rest are returned.
func Import(r io.Reader, opt ImportOptions) ([]*item.Item, []Warning, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("ical: %w", err)
	}
	return ImportBytes(b, opt)
}

// ImportBytes is Import of an iCalendar text held in memory.
func ImportBytes(b []byte, opt ImportOptions) ([]*item.Item, []Warning, error) {
	ms, _, err := importAll(b, opt)
	if len(ms) == 0 {
		return nil, nil, err
	}
	its := make([]item.Item, len(ms))
	items := make([]*item.Item, len(ms))
	var warns []Warning
	for i := range ms {
		m := &ms[i]
		number(m.props)
		its[i] = item.Item{Path: m.path, Format: "ical", Properties: m.props}
		its[i].Decode()
		items[i] = &its[i]
		for _, w := range m.warns {
			warns = append(warns, Warning{Item: i, Message: w})
		}
	}
	return items, warns, err
}

// importAll makes the items of b; it returns the file's shared state too,
// for tests.
func importAll(b []byte, opt ImportOptions) ([]made, *file, error) {
	cals, err := decodeAll(b)
	if err != nil {
		return nil, nil, err
	}
	if len(cals) == 0 {
		return nil, nil, errors.New("ical: no VCALENDAR")
	}
	f := &file{vtimezones: map[string]*goical.Component{}, zones: map[zoneKey]built{}}
	vtz := f.vtimezones
	type group struct {
		uid       string
		master    *goical.Component
		overrides []*goical.Component
	}
	var groups []*group
	byUID := map[string]*group{}
	var todos []*goical.Component
	for _, cal := range cals {
		for _, c := range cal.Children {
			switch c.Name {
			case "VTIMEZONE":
				if id, ok := text(c, "TZID"); ok {
					if _, dup := vtz[id]; !dup {
						vtz[id] = c
					}
				}
			case "VEVENT":
				uid, _ := text(c, "UID")
				g := byUID[uid]
				if g == nil || uid == "" {
					g = &group{uid: uid}
					groups = append(groups, g)
					if uid != "" {
						byUID[uid] = g
					}
				}
				if c.Props.Get("RECURRENCE-ID") != nil {
					g.overrides = append(g.overrides, c)
				} else if g.master == nil {
					g.master = c
				} else {
					// A second master with the same UID: an item of its own.
					g2 := &group{uid: uid, master: c}
					groups = append(groups, g2)
				}
			case "VTODO":
				todos = append(todos, c)
			}
		}
	}
	items := make([]made, 0, len(groups)+len(todos)) // one per component unless expanded
	var errs []error
	for _, g := range groups {
		var its []made
		var err error
		if g.master == nil {
			for _, o := range g.overrides {
				it, err := importSingle(o, g.uid, f, &opt, true)
				if err != nil {
					errs = append(errs, fmt.Errorf("ical: VEVENT %q: %w", g.uid, err))
					continue
				}
				its = append(its, it...)
			}
		} else {
			its, err = importEvent(g.master, g.overrides, g.uid, f, &opt)
			if err != nil {
				errs = append(errs, fmt.Errorf("ical: VEVENT %q: %w", g.uid, err))
				continue
			}
		}
		items = append(items, its...)
	}
	for _, c := range todos {
		it, err := importTask(c, &opt)
		if err != nil {
			uid, _ := text(c, "UID")
			errs = append(errs, fmt.Errorf("ical: VTODO %q: %w", uid, err))
			continue
		}
		items = append(items, it)
	}
	return items, f, errors.Join(errs...)
}

// decodeAll reads every VCALENDAR of r. go-ical panics on some malformed
// content lines (an empty parameter value at the end of a line, found by
// FuzzICalImport): that is an error here.
func decodeAll(b []byte) (cals []*goical.Calendar, err error) {
	if err := checkParams(b); err != nil {
		return nil, err
	}
	r := bytes.NewReader(b)
	defer func() {
		if p := recover(); p != nil {
			cals, err = nil, fmt.Errorf("ical: malformed content line (%v)", p)
		}
	}()
	dec := goical.NewDecoder(r)
	for {
		cal, err := dec.Decode()
		if err == io.EOF {
			return cals, nil
		}
		if err != nil {
			return nil, fmt.Errorf("ical: %w", err)
		}
		cals = append(cals, cal)
	}
}

// maxParams bounds the name and parameters of a content line: go-ical
// copies parameter values in quadratic time.
const maxParams = 4096

// checkParams refuses a content line (folded lines joined) whose name and
// parameters, up to the first ':' outside quotes, are longer than
// maxParams.
func checkParams(b []byte) error {
	n, line, quoted, inValue := 0, 1, false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\n' {
			line++
			if i+1 < len(b) && (b[i+1] == ' ' || b[i+1] == '\t') {
				i++ // a folded line continues the same content line
				continue
			}
			n, quoted, inValue = 0, false, false
			continue
		}
		if inValue || c == '\r' {
			continue
		}
		switch {
		case c == '"':
			quoted = !quoted
		case c == ':' && !quoted:
			inValue = true
			continue
		}
		if n++; n > maxParams {
			return fmt.Errorf("ical: line %d: name and parameters longer than %d bytes", line, maxParams)
		}
	}
	return nil
}

// event is what importEvent and importSingle read from a VEVENT.
type event struct {
	c        *goical.Component
	start    when
	end      when // zero wall when absent
	hasEnd   bool
	duration time.Duration // DURATION, when given instead of DTEND
	hasDur   bool
}

func readEvent(c *goical.Component) (*event, error) {
	e := &event{c: c}
	p := c.Props.Get("DTSTART")
	if p == nil {
		return nil, errors.New("no DTSTART")
	}
	var err error
	if e.start, err = propWhen(p); err != nil {
		return nil, err
	}
	if p := c.Props.Get("DTEND"); p != nil {
		if e.end, err = propWhen(p); err != nil {
			return nil, err
		}
		e.hasEnd = true
	} else if p := c.Props.Get("DURATION"); p != nil {
		if e.duration, err = parseDuration(p.Value); err != nil {
			return nil, fmt.Errorf("DURATION: %v", err)
		}
		if e.duration < 0 {
			return nil, errors.New("DURATION is negative")
		}
		e.hasDur = true
	}
	return e, nil
}

// importer holds what one item's import needs.
type importer struct {
	opt   *ImportOptions
	res   *resolver
	zone  *zone // the series' zone
	tzid  string
	warns []string
}

func (im *importer) warn(format string, a ...any) {
	im.warns = append(im.warns, fmt.Sprintf(format, a...))
}

func newImporter(opt *ImportOptions, f *file, startYear, endYear int) *importer {
	im := &importer{opt: opt}
	first, last := opt.FirstYear, opt.LastYear
	if first == 0 {
		first = min(2000, startYear)
	}
	if last == 0 {
		last = max(2037, endYear)
	}
	first = max(first, 1601)
	last = max(min(last, 9999), first)
	im.res = &resolver{opt: opt, file: f, years: [2]int{first, last},
		compare: [2]int{startYear, min(max(endYear, startYear), startYear+30)}, warn: im.warn}
	return im
}

// seriesZone finds the zone of DTSTART. All-day dates without a floating
// zone are read in UTC, with a warning.
func (im *importer) seriesZone(start when) error {
	var err error
	if start.date && im.opt.FloatingZone == "" {
		im.warn("all-day event: its dates are floating; read in UTC (set a floating zone to choose another)")
		im.zone, err = im.res.byName("UTC")
		return err
	}
	im.zone, err = im.res.zoneOf(start)
	im.tzid = start.tzid
	return err
}

// local turns a value into the series' wall clock.
func (im *importer) local(w when) (time.Time, error) {
	switch {
	case w.date || w.floating():
		return w.wall, nil
	case w.utc:
		return im.zone.wall(w.wall), nil
	case w.tzid == im.tzid:
		return w.wall, nil
	}
	z, err := im.res.byTZID(w.tzid)
	if err != nil {
		return time.Time{}, err
	}
	return im.zone.wall(z.instant(w.wall)), nil
}

func midnightOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// span is the start and end of an event as wall clock in the series' zone.
func (im *importer) span(e *event) (time.Time, time.Time, error) {
	s, err := im.local(e.start)
	if err != nil {
		return s, s, fmt.Errorf("DTSTART: %v", err)
	}
	switch {
	case e.hasEnd:
		end, err := im.local(e.end)
		if err != nil {
			return s, s, fmt.Errorf("DTEND: %v", err)
		}
		if end.Before(s) {
			return s, s, errors.New("DTEND is before DTSTART")
		}
		return s, end, nil
	case e.hasDur:
		if e.start.date {
			return s, s.AddDate(0, 0, int(e.duration/(24*time.Hour))), nil
		}
		return s, im.zone.wall(im.zone.instant(s).Add(e.duration)), nil
	case e.start.date:
		return s, s.AddDate(0, 0, 1), nil
	}
	return s, s, nil
}

// ruleEndYear guesses the last year of a rule, for the zone's year range.
func ruleEndYear(rr string, start int) int {
	for _, p := range strings.Split(strings.ToUpper(rr), ";") {
		if v, ok := strings.CutPrefix(p, "UNTIL="); ok && len(v) >= 4 {
			var y int
			if _, err := fmt.Sscanf(v[:4], "%d", &y); err == nil && y >= start {
				return min(y, start+100)
			}
		}
	}
	return start
}

func importEvent(master *goical.Component, overrides []*goical.Component, uid string, f *file, opt *ImportOptions) ([]made, error) {
	rrules := master.Props.Values("RRULE")
	if len(rrules) == 0 {
		if len(overrides) > 0 {
			return nil, errors.New("RECURRENCE-ID overrides of an event without RRULE")
		}
		return importSingle(master, uid, f, opt, false)
	}
	e, err := readEvent(master)
	if err != nil {
		return nil, err
	}
	if uid == "" {
		return nil, errors.New("a recurring event needs a UID")
	}
	im := newImporter(opt, f, e.start.wall.Year(), ruleEndYear(rrules[0].Value, e.start.wall.Year()))
	var unsup error
	switch {
	case len(rrules) > 1:
		unsup = &RRuleError{Property: "RRULE", Part: fmt.Sprintf("%d RRULEs", len(rrules)), Unsupported: true}
	case master.Props.Get("RDATE") != nil:
		unsup = &RRuleError{Property: "RDATE", Part: "RDATE", Unsupported: true, Detail: "Outlook holds no extra dates"}
	case master.Props.Get("EXRULE") != nil:
		unsup = &RRuleError{Property: "EXRULE", Part: "EXRULE", Unsupported: true}
	}
	var r *rule
	if unsup == nil {
		r, err = parseRule(rrules[0].Value)
		if errors.Is(err, ErrNotExpressible) {
			unsup = err
		} else if err != nil {
			return nil, err
		}
	}
	if unsup != nil {
		if !opt.Expand {
			return nil, unsup
		}
		return im.expand(master, overrides, uid, e, unsup)
	}
	if err := im.seriesZone(e.start); err != nil {
		return nil, err
	}
	start, end, err := im.span(e)
	if err != nil {
		return nil, err
	}
	allDay := e.start.date
	if start.Second() != 0 || start.Nanosecond() != 0 {
		im.warn("DTSTART %s: seconds dropped (Outlook keeps minutes)", e.start)
		start = start.Truncate(time.Minute)
	}
	p, err := r.pattern(series{start: start, allDay: allDay, untilOf: func(w when) (time.Time, error) {
		if w.date {
			return w.wall, nil
		}
		return im.local(w)
	}}, im.warn)
	if err != nil {
		if opt.Expand && errors.Is(err, ErrNotExpressible) {
			return im.expand(master, overrides, uid, e, err)
		}
		return nil, err
	}
	if p.StartDate.Time(nil) != midnightOf(start) {
		im.warn("DTSTART %s is not an occurrence of its RRULE; the series starts on %s, its first date that is", e.start, p.StartDate.Time(nil).Format("2006-01-02"))
	}
	offset := start.Sub(midnightOf(start))
	dur := end.Sub(start).Truncate(time.Minute)
	if allDay {
		offset, dur = 0, midnightOf(end).Sub(midnightOf(start))
	}
	ap, err := recurrence.NewAppointment(p, offset, dur)
	if err != nil {
		return nil, err
	}
	if err := im.exceptions(ap, master, overrides, allDay); err != nil {
		return nil, err
	}
	it, err := im.seriesItem(master, uid, ap, allDay)
	if err != nil {
		return nil, err
	}
	return []made{it}, nil
}

var busyNames = map[string]uint32{"FREE": 0, "TENTATIVE": 1, "BUSY": 2, "OOF": 3, "WORKINGELSEWHERE": 4}

// busy is the busy status a component states: X-MICROSOFT-CDO-BUSYSTATUS,
// else TRANSP (TRANSPARENT free, OPAQUE busy).
func busy(c *goical.Component) (uint32, bool) {
	if p := c.Props.Get("X-MICROSOFT-CDO-BUSYSTATUS"); p != nil {
		if v, ok := busyNames[strings.ToUpper(strings.TrimSpace(p.Value))]; ok {
			return v, true
		}
	}
	if p := c.Props.Get("TRANSP"); p != nil {
		switch strings.ToUpper(strings.TrimSpace(p.Value)) {
		case "TRANSPARENT":
			return 0, true
		case "OPAQUE":
			return 2, true
		}
	}
	return 2, false
}

func cancelled(c *goical.Component) bool {
	p := c.Props.Get("STATUS")
	return p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "CANCELLED")
}

// exceptions applies EXDATE and the RECURRENCE-ID overrides.
func (im *importer) exceptions(ap *recurrence.AppointmentPattern, master *goical.Component, overrides []*goical.Component, allDay bool) error {
	startClock := time.Duration(ap.StartTimeOffset) * time.Minute
	exProps := master.Props.Values("EXDATE")
	n := len(exProps) // one date each, as a rule
	excluded := make(map[time.Time]bool, n)
	exdates := make([]when, 0, n)
	deletions := make([]recurrence.Edit, 0, n)
	for i := range exProps {
		ws, err := propWhens(&exProps[i])
		if err != nil {
			return err
		}
		for _, w := range ws {
			l, err := im.local(w)
			if err != nil {
				return fmt.Errorf("EXDATE: %v", err)
			}
			d := midnightOf(l)
			if !w.date && !allDay && l.Sub(d) != startClock {
				im.warn("EXDATE %s matches no occurrence (the series starts at %s); ignored", w, clock(ap.StartTimeOffset))
				continue
			}
			if excluded[d] {
				continue
			}
			excluded[d] = true
			exdates = append(exdates, w)
			deletions = append(deletions, recurrence.Edit{Original: d, Delete: true})
		}
	}
	for i, err := range ap.ApplyEdits(deletions) {
		if err != nil {
			im.warn("EXDATE %s: %v; ignored", exdates[i], err)
			delete(excluded, deletions[i].Original)
		}
	}
	mSummary, hasSummary := text(master, "SUMMARY")
	mLocation, hasLocation := text(master, "LOCATION")
	mBusy, hasBusy := busy(master)
	meeting := master.Props.Get("ATTENDEE") != nil || master.Props.Get("ORGANIZER") != nil
	// First the occurrence each override replaces; of several overrides of
	// one occurrence (versions, RFC 5545 3.8.7.4) only the one with the
	// highest SEQUENCE, the later in the file among equals, is read further.
	type version struct {
		c   *goical.Component
		rid when
		day time.Time
	}
	kept := make([]version, 0, len(overrides))
	byDay := make(map[time.Time]int, len(overrides)) // index in kept
	for _, c := range overrides {
		rp := c.Props.Get("RECURRENCE-ID")
		if rng := rp.Params.Get("RANGE"); rng != "" {
			return &RRuleError{Property: "RECURRENCE-ID", Part: "RANGE=" + rng, Unsupported: true, Detail: "an override applies to one occurrence"}
		}
		rid, orig, err := im.recurrenceID(c)
		if err != nil {
			return err
		}
		if !rid.date && !allDay && orig.Sub(midnightOf(orig)) != startClock {
			im.warn("RECURRENCE-ID %s is not at the series' start time %s; taken as the occurrence of its day", rid, clock(ap.StartTimeOffset))
		}
		day := midnightOf(orig)
		if excluded[day] {
			im.warn("RECURRENCE-ID %s is also an EXDATE; the occurrence stays deleted", rid)
			continue
		}
		k, dup := byDay[day]
		if !dup {
			byDay[day] = len(kept)
			kept = append(kept, version{c, rid, day})
			continue
		}
		if im.replaces(c, kept[k].c, rid, day) {
			kept[k] = version{c, rid, day}
		}
	}
	todo := make([]recurrence.Edit, 0, len(kept))
	for _, ver := range kept {
		c, rid := ver.c, ver.rid
		e, err := readEvent(c)
		if err != nil {
			return fmt.Errorf("override %s: %v", rid, err)
		}
		s, end, err := im.span(e)
		if err != nil {
			return fmt.Errorf("override %s: %v", rid, err)
		}
		if !e.hasEnd && !e.hasDur {
			end = s.Add(time.Duration(ap.EndTimeOffset-ap.StartTimeOffset) * time.Minute)
		}
		s, end = s.Truncate(time.Minute), end.Truncate(time.Minute)
		ov := recurrence.Overrides{Start: &s, End: &end, CodePage: im.opt.CodePage}
		if v, ok := text(c, "SUMMARY"); ok && (!hasSummary || v != mSummary) {
			ov.Subject = &v
		}
		if v, ok := text(c, "LOCATION"); ok && (!hasLocation || v != mLocation) {
			ov.Location = &v
		}
		if v, ok := busy(c); ok && (!hasBusy || v != mBusy) {
			ov.BusyStatus = &v
		}
		if e.start.date != allDay {
			v := e.start.date
			ov.AllDay = &v
		}
		if cancelled(c) && !cancelled(master) {
			v := uint32(0x4) // asfCanceled
			if meeting {
				v |= 0x1 // asfMeeting
			}
			ov.MeetingType = &v
		}
		todo = append(todo, recurrence.Edit{Original: ver.day, Overrides: &ov})
	}
	// One batch: an override may move onto a day that another one vacates,
	// whatever their order in the file.
	for i, err := range ap.ApplyEdits(todo) {
		if err != nil {
			return fmt.Errorf("override RECURRENCE-ID %s: %w", kept[i].rid, err)
		}
	}
	return nil
}

// recurrenceID reads an override's RECURRENCE-ID, and the wall-clock time
// in the series' zone of the occurrence it replaces.
func (im *importer) recurrenceID(c *goical.Component) (when, time.Time, error) {
	rid, err := propWhen(c.Props.Get("RECURRENCE-ID"))
	if err != nil {
		return rid, time.Time{}, err
	}
	l, err := im.local(rid)
	if err != nil {
		return rid, time.Time{}, fmt.Errorf("RECURRENCE-ID: %v", err)
	}
	return rid, l, nil
}

// replaces reports whether override c, read after kept, replaces it as the
// override of one occurrence (of the day day): of versions of one override
// (RFC 5545 3.8.7.4) the highest SEQUENCE wins, the later in the file among
// equals. It says which was kept.
func (im *importer) replaces(c, kept *goical.Component, rid when, day time.Time) bool {
	if sequence(c) < sequence(kept) {
		im.warn("RECURRENCE-ID %s: another override of the occurrence of %s has a higher SEQUENCE; this one is ignored", rid, day.Format(time.DateOnly))
		return false
	}
	im.warn("RECURRENCE-ID %s: another override of the occurrence of %s comes first in the file with the same or a lower SEQUENCE; this one is kept", rid, day.Format(time.DateOnly))
	return true
}

// sequence is a component's SEQUENCE (0 when absent or unreadable).
func sequence(c *goical.Component) int {
	if p := c.Props.Get("SEQUENCE"); p != nil {
		if n, err := p.Int(); err == nil {
			return n
		}
	}
	return 0
}

// common are the properties every appointment item carries.
// The caller appends more properties: room is how many.
func (im *importer) common(c *goical.Component, uid string, instance time.Time, startZone, endZone *zone, start, end time.Time, allDay bool, room int) ([]item.Property, error) {
	ps := make([]item.Property, 0, 11+room) // 11: every property below
	ps = append(ps, prop("PidTagMessageClass", item.Unicode("IPM.Appointment")))
	if s, ok := text(c, "SUMMARY"); ok {
		ps = append(ps, prop("PidTagSubject", item.Unicode(s)))
	}
	if s, ok := text(c, "LOCATION"); ok {
		ps = append(ps, prop("PidLidLocation", item.Unicode(s)))
	}
	ps = append(ps,
		prop("PidLidAppointmentStartWhole", item.Time(start)),
		prop("PidLidAppointmentEndWhole", item.Time(end)),
		prop("PidLidAppointmentSubType", item.Bool(allDay)))
	b, _ := busy(c)
	ps = append(ps, prop("PidLidBusyStatus", item.Long(int32(b))))
	if uid != "" {
		g, err := goid.FromUID(uid, instance)
		if err != nil {
			return nil, fmt.Errorf("UID: %v", err)
		}
		gb, err := g.MarshalBinary()
		if err != nil {
			return nil, err
		}
		cg, err := goid.FromUID(uid, time.Time{})
		if err != nil {
			return nil, err
		}
		cb, err := cg.MarshalBinary()
		if err != nil {
			return nil, err
		}
		ps = append(ps, prop("PidLidGlobalObjectId", item.Binary(gb)), prop("PidLidCleanGlobalObjectId", item.Binary(cb)))
	}
	sd, err := startZone.displayBinary()
	if err != nil {
		return nil, err
	}
	ed, err := endZone.displayBinary()
	if err != nil {
		return nil, err
	}
	ps = append(ps, prop("PidLidAppointmentTimeZoneDefinitionStartDisplay", item.Binary(sd)), prop("PidLidAppointmentTimeZoneDefinitionEndDisplay", item.Binary(ed)))
	return ps, nil
}

var recurTypes = map[recurrence.RecurFrequency]int32{recurrence.Daily: 1, recurrence.Weekly: 2, recurrence.Monthly: 3, recurrence.Yearly: 4}

func (im *importer) seriesItem(master *goical.Component, uid string, ap *recurrence.AppointmentPattern, allDay bool) (made, error) {
	p := &ap.RecurrencePattern
	first := p.StartDate.Time(nil)
	start := im.zone.instant(first.Add(time.Duration(ap.StartTimeOffset) * time.Minute))
	end := im.zone.instant(first.Add(time.Duration(ap.EndTimeOffset) * time.Minute))
	endZone := im.zone
	if e, _ := readEvent(master); e != nil && e.hasEnd && !e.end.date && !e.end.utc && e.end.tzid != "" && e.end.tzid != im.tzid {
		if z, err := im.res.byTZID(e.end.tzid); err == nil {
			endZone = z
		}
	}
	ps, err := im.common(master, uid, time.Time{}, im.zone, endZone, start, end, allDay, 7)
	if err != nil {
		return made{}, err
	}
	recur, err := ap.MarshalBinary()
	if err != nil {
		return made{}, err
	}
	rt := recurTypes[p.RecurFrequency]
	if rt == 3 && p.Period%12 == 0 {
		rt = 4
	}
	def, err := im.zone.defBinary()
	if err != nil {
		return made{}, err
	}
	tzs, err := im.zone.tzBinary()
	if err != nil {
		return made{}, err
	}
	ps = append(ps,
		prop("PidLidRecurring", item.Bool(true)),
		prop("PidLidRecurrenceType", item.Long(rt)),
		prop("PidLidRecurrencePattern", item.Unicode(Description(ap, allDay))),
		prop("PidLidAppointmentRecur", item.Binary(recur)),
		prop("PidLidTimeZoneStruct", item.Binary(tzs)),
		prop("PidLidTimeZoneDescription", item.Unicode(im.zone.description())),
		prop("PidLidAppointmentTimeZoneDefinitionRecur", item.Binary(def)))
	return made{path: itemPath("VEVENT", uid, time.Time{}), props: ps, warns: im.warns}, nil
}

// importSingle imports a VEVENT without recurrence (orphan: an override
// whose master is not in the file).
func importSingle(c *goical.Component, uid string, f *file, opt *ImportOptions, orphan bool) ([]made, error) {
	if c.Props.Get("RDATE") != nil {
		if !opt.Expand {
			return nil, &RRuleError{Property: "RDATE", Part: "RDATE", Unsupported: true, Detail: "Outlook holds no extra dates"}
		}
	}
	e, err := readEvent(c)
	if err != nil {
		return nil, err
	}
	im := newImporter(opt, f, e.start.wall.Year(), e.start.wall.Year())
	if err := im.seriesZone(e.start); err != nil {
		return nil, err
	}
	s, end, err := im.span(e)
	if err != nil {
		return nil, err
	}
	var instance time.Time
	if orphan {
		rid, l, err := im.recurrenceID(c)
		if err != nil {
			return nil, err
		}
		instance = l
		im.warn("override %s without its series: imported as a single occurrence", rid)
	}
	it, err := im.single(c, uid, s, end, e.start.date, instance)
	if err != nil {
		return nil, err
	}
	return []made{it}, nil
}

// single is the item of one appointment from start to end (wall clock in
// the importer's zone).
func (im *importer) single(c *goical.Component, uid string, start, end time.Time, allDay bool, instance time.Time) (made, error) {
	su, eu := im.zone.instant(start), im.zone.instant(end)
	ps, err := im.common(c, uid, instance, im.zone, im.zone, su, eu, allDay, 1)
	if err != nil {
		return made{}, err
	}
	ps = append(ps, prop("PidLidRecurring", item.Bool(false)))
	return made{path: itemPath("VEVENT", uid, instance), props: ps, warns: im.warns}, nil
}
