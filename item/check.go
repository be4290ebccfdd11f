package item

import (
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/shell"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Finding codes of item checks. They are stable: scripts may match them.
// Findings of a property's blob keep their own codes (TZ_…, RECUR_…,
// GOID_…) with the property's name in front of the path.
const (
	CodeUnreadable          = "ITEM_PROPERTY_UNREADABLE"
	CodeNotCalendar         = "ITEM_NOT_CALENDAR"
	CodeMessageClass        = "ITEM_UNEXPECTED_MESSAGE_CLASS"
	CodeRecurringNoPattern  = "ITEM_RECURRING_WITHOUT_PATTERN"
	CodePatternNotRecurring = "ITEM_PATTERN_WITHOUT_RECURRING"
	CodeNoStartWhole        = "ITEM_NO_START_WHOLE"
	CodeNoEndWhole          = "ITEM_NO_END_WHOLE"
	CodeEndBeforeStart      = "ITEM_END_BEFORE_START"
	CodeNoSeriesZone        = "ITEM_RECUR_NO_TIME_ZONE"
	CodeRecurStart          = "ITEM_RECUR_START_MISMATCH"
	CodeRecurDuration       = "ITEM_RECUR_DURATION_MISMATCH"
	CodeExceptionOutside    = "ITEM_EXCEPTION_OUTSIDE_SERIES"
	CodeExceptionText       = "ITEM_EXCEPTION_TEXT_MISMATCH"
	CodeEmptyKeyName        = tzdef.CodeEmptyKeyName
	CodeGOIDMismatch        = "ITEM_GOID_CLEAN_MISMATCH"
	CodeNoGOID              = "ITEM_NO_GLOBAL_OBJECT_ID"
	CodeNoOrganizer         = "ITEM_NO_ORGANIZER"
	CodeNoSubject           = "ITEM_NO_SUBJECT"
	CodeTrackingNone        = "ITEM_TRACKING_NONE"
	CodeAttendeeResponse    = "ITEM_ATTENDEE_RESPONSE"
	CodeDuplicate           = "ITEMS_DUPLICATE"
	CodeRecurringLimit      = "ITEMS_RECURRING_LIMIT"
)

// Outlook's limit on recurring meetings in one calendar (CalCheck): a
// warning above RecurringWarn, an error above RecurringMax.
const (
	RecurringWarn = 1250
	RecurringMax  = 1300
)

type findings []blob.Finding

func (l *findings) add(code string, sev blob.Severity, path, msg string) {
	*l = append(*l, blob.Finding{Code: code, Severity: sev, Path: path, Message: msg})
}

// now is the clock "future" is judged by; tests set it.
var now = time.Now

// Check reports what in the item breaks Outlook, as the item-level checks
// of Microsoft's Calendar Checking Tool (CalCheck) do, plus the findings of
// every decoded property (under the property's name) and every property
// that could not be read. Each finding's Path starts with the property it
// concerns.
func (it *Item) Check() []blob.Finding {
	var l findings
	for i := range it.Properties {
		p := &it.Properties[i]
		name := p.Name()
		if p.Err != nil {
			l.add(CodeUnreadable, blob.Error, name, "the value could not be read: "+oneLine(p.Err.Error())+"; the rest of the item was read")
			continue
		}
		for j, r := range p.DecodedValues {
			if r == nil {
				continue
			}
			for _, f := range r.Findings {
				f.Path = joinPath(name+"["+strconv.Itoa(j)+"]", f.Path)
				l = append(l, f)
			}
		}
		if p.Decoded == nil {
			continue
		}
		for _, f := range p.Decoded.Findings {
			if f.Code == tzdef.CodeEmptyKeyName {
				continue // reported below with the item's repair
			}
			f.Path = joinPath(name, f.Path)
			l = append(l, f)
		}
	}
	class := it.MessageClass()
	calendarProps := it.hasCalendarProperties()
	switch {
	case class == "" && calendarProps:
		l.add(CodeMessageClass, blob.Warning, PidTagMessageClass, "the item has no message class; Outlook does not show it as a calendar item")
	case class != "" && !it.IsCalendar() && calendarProps:
		l.add(CodeMessageClass, blob.Warning, PidTagMessageClass, "message class "+strconv.Quote(class)+" is not a calendar item's (IPM.Appointment, IPM.Schedule.Meeting.*); Outlook does not show it in calendar views")
	case !it.IsCalendar() && !calendarProps:
		l.add(CodeNotCalendar, blob.Info, PidTagMessageClass, "not a calendar item (message class "+strconv.Quote(class)+", no appointment properties): only its properties' own checks apply")
		return l
	}
	it.checkTimeZones(&l)
	exception := strings.EqualFold(class, "IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}")
	start, hasStart := it.StartWhole()
	end, hasEnd := it.EndWhole()
	if !hasStart {
		l.add(CodeNoStartWhole, blob.Error, PidLidAppointmentStartWhole, "PidLidAppointmentStartWhole is missing: Outlook cannot place the item on the calendar")
	}
	if !hasEnd {
		l.add(CodeNoEndWhole, blob.Error, PidLidAppointmentEndWhole, "PidLidAppointmentEndWhole is missing: Outlook cannot place the item on the calendar")
	}
	if hasStart && hasEnd && end.Before(start) {
		l.add(CodeEndBeforeStart, blob.Error, PidLidAppointmentEndWhole, "the item ends ("+end.Format(time.RFC3339)+") before it starts ("+start.Format(time.RFC3339)+")")
	}
	recurring, hasRecurring := it.Recurring()
	recurProp := it.get(PidLidAppointmentRecur)
	ap := it.Recurrence()
	switch {
	case recurring && recurProp == nil && !exception:
		l.add(CodeRecurringNoPattern, blob.Error, PidLidRecurring, "PidLidRecurring is true but the item has no PidLidAppointmentRecur: Outlook cannot expand the series and shows at most one occurrence")
	case recurProp != nil && !recurring:
		what := "false"
		if !hasRecurring {
			what = "missing"
		}
		l.add(CodePatternNotRecurring, blob.Error, PidLidRecurring, "the item has a PidLidAppointmentRecur but PidLidRecurring is "+what+": the series disappears from Outlook's Day, Week and Month views")
	}
	if ap != nil {
		it.checkSeries(&l, ap, start, hasStart, end, hasEnd)
	}
	if it.IsMeeting() && !exception {
		if _, addr := it.Organizer(); addr == "" {
			l.add(CodeNoOrganizer, blob.Error, PidTagSentRepresentingEmailAddress, "the meeting names no organizer address (PidTagSentRepresenting…, PidTagSender… or an organizer recipient): attendees' responses and updates cannot reach the organizer")
		}
		if it.GlobalObjectID() == nil && it.get(PidLidGlobalObjectId) == nil {
			l.add(CodeNoGOID, blob.Warning, PidLidGlobalObjectId, "the meeting has no PidLidGlobalObjectId: responses and updates cannot be matched to it")
		}
		if flags, ok := it.StateFlags(); ok && flags&1 != 0 && flags&2 == 0 { // asfMeeting, not asfReceived: the organizer's copy
			tracked, none := 0, 0
			for i, a := range it.Attendees() {
				if !a.HasTrackStatus {
					continue
				}
				tracked++
				if a.TrackStatus == 0 {
					none++
				}
				who := a.Name
				if a.Address != "" {
					who = strings.TrimSpace(who + " <" + a.Address + ">")
				}
				p := MustProp("PidTagRecipientTrackStatus", Long(int32(a.TrackStatus)))
				name, _ := p.FlagText()
				l.add(CodeAttendeeResponse, blob.Info, "Attendees["+strconv.Itoa(i)+"].PidTagRecipientTrackStatus",
					who+": "+name+" (PidTagRecipientTrackStatus "+strconv.FormatInt(a.TrackStatus, 10)+"), as the organizer's copy tracks it")
			}
			if tracked > 0 && none == tracked {
				l.add(CodeTrackingNone, blob.Warning, "PidTagRecipientTrackStatus", "every attendee's PidTagRecipientTrackStatus is respNone ("+strconv.Itoa(tracked)+
					" attendees): the organizer's copy holds no response from anyone, and Outlook's tracking shows none (the state Exchange 2003's cancellation problem leaves external attendees in)")
			}
		}
		subject, _ := it.Subject()
		if strings.TrimSpace(subject) == "" && (ap != nil || recurring || hasStart && start.After(now())) {
			l.add(CodeNoSubject, blob.Warning, PidTagSubject, "the meeting is recurring or in the future and has no subject: attendees cannot tell it from others, and CalCheck flags it")
		}
	}
	if g, c := it.GlobalObjectID(), it.CleanGlobalObjectID(); g != nil && c != nil && !g.Clean().Equal(c) {
		l.add(CodeGOIDMismatch, blob.Error, PidLidCleanGlobalObjectId, "PidLidGlobalObjectId and PidLidCleanGlobalObjectId are not the same id (the clean id must be the global id with its instance date zeroed): Outlook and Exchange match responses by one and updates by the other")
	}
	return l
}

func joinPath(prop, path string) string {
	if path == "" {
		return prop
	}
	return prop + "." + path
}

// hasCalendarProperties reports whether the item carries any
// PSETID_Appointment property.
func (it *Item) hasCalendarProperties() bool {
	set := prop(PidLidAppointmentStartWhole).Set
	for i := range it.Properties {
		if n := it.Properties[i].Named; n != nil && n.Set == set {
			return true
		}
	}
	return false
}

// checkTimeZones reports empty key names, with the crash and the repair,
// and a PidLidAppointmentTimeZoneDefinitionRecur that disagrees with
// PidLidTimeZoneStruct.
func (it *Item) checkTimeZones(l *findings) {
	for _, name := range TZProperties {
		d := it.TZDefinition(name)
		if d == nil || strings.Trim(d.KeyName, "\x00") != "" {
			continue
		}
		path := name + ".cchKeyName"
		what := "the time-zone key name is empty"
		if d.KeyName != "" {
			path = name + ".KeyName"
			what = "the time-zone key name is " + strconv.Itoa(len(d.KeyName)) + " NUL characters, which Outlook reads as an empty name"
		}
		l.add(CodeEmptyKeyName, blob.Error, path, what+": Outlook 2010 with update KB 2553248 crashes when it opens this meeting or opens, selects or dismisses its reminder. "+it.repairAdvice())
	}
	def, st := it.TZDefinition(PidLidAppointmentTimeZoneDefinitionRecur), it.TimeZoneStruct()
	if def != nil && st != nil {
		for _, f := range def.CheckAgainst(st) {
			f.Path = joinPath(PidLidAppointmentTimeZoneDefinitionRecur, f.Path)
			*l = append(*l, f)
		}
	}
}

// repairAdvice says how to repair the time-zone properties, naming the zone
// when the item's other properties name one, and never guessing one.
func (it *Item) repairAdvice() string {
	src := it.Source
	if src == "" {
		src = "ITEM"
	}
	zone, why, err := it.InferZone()
	if err != nil {
		return "Repair: `mapiblob repair tz " + shell.Quote(src) + " --zone ZONE` with the meeting's zone (" + oneLine(err.Error()) + "), then paste the five properties it prints into MFCMAPI"
	}
	return "Repair: `mapiblob repair tz " + shell.Quote(src) + " --zone " + shell.Quote(zone) + "` (the zone " + why + "), then paste the five properties it prints into MFCMAPI"
}

// InferZone finds the Windows zone the item's time-zone properties name,
// by tzdef.ChooseZone (the one policy, shared with the page's repair of a
// single definition): the definitions that give a key name must agree with
// each other, be a zone tzdef knows, have the rules of the definition whose
// key name is empty (if one is), and include PidLidTimeZoneStruct's rule
// when the item has one; when none gives a name, the one Windows zone
// whose rules equal the damaged definition's, if exactly one does. why says
// which properties named it, or that the rules did. It never guesses: no
// zone told (an error wrapping tzdef.ErrNoZone) or names that disagree
// are errors.
func (it *Item) InferZone() (zone, why string, err error) {
	c, err := it.chooseZone("")
	if err != nil {
		return "", "", err
	}
	if c.ByRules {
		return c.Zone, "that alone has the rules of the definition whose key name is empty", nil
	}
	return c.Zone, "named by " + strings.Join(c.NamedBy, " and "), nil
}

// chooseZone weighs the item's time-zone properties by tzdef.ChooseZone.
func (it *Item) chooseZone(picked string) (tzdef.ZoneChoice, error) {
	var damaged *tzdef.Definition
	var defs []tzdef.Source
	for _, p := range TZProperties {
		d := it.TZDefinition(p)
		if d == nil {
			continue
		}
		if damaged == nil && strings.Trim(d.KeyName, "\x00") == "" {
			damaged = d
		}
		defs = append(defs, tzdef.Source{Property: p, Definition: d})
	}
	year := time.Now().Year()
	if s, ok := it.StartWhole(); ok && s.Year() > 1601 {
		year = max(year, s.Year())
	}
	return tzdef.ChooseZone(damaged, defs, it.TimeZoneStruct(), picked, year)
}

// checkSeries compares the recurrence pattern with the item's times.
func (it *Item) checkSeries(l *findings, ap *recurrence.AppointmentPattern, start time.Time, hasStart bool, end time.Time, hasEnd bool) {
	rp := &ap.RecurrencePattern
	zone := it.SeriesZone()
	if zone == nil {
		l.add(CodeNoSeriesZone, blob.Warning, PidLidTimeZoneStruct, "the series has neither PidLidTimeZoneStruct nor PidLidAppointmentTimeZoneDefinitionRecur: Outlook expands it in the viewer's own time zone, so attendees elsewhere see other times")
	}
	first := rp.StartDate + recurrence.Minutes(ap.StartTimeOffset)
	if hasStart && zone != nil {
		if local, ok := wallMinutes(zone, start); ok && local != first {
			l.add(CodeRecurStart, blob.Error, PidLidAppointmentRecur+".RecurrencePattern.StartDate",
				"the pattern starts "+first.String()+" (StartDate + StartTimeOffset) but PidLidAppointmentStartWhole is "+local.String()+" in the series' time zone: Outlook shows the series at one time and the item at another")
		}
	}
	if hasStart && hasEnd {
		if d, want := int64(end.Sub(start)/time.Minute), int64(ap.EndTimeOffset)-int64(ap.StartTimeOffset); d != want {
			l.add(CodeRecurDuration, blob.Error, PidLidAppointmentRecur+".EndTimeOffset",
				"each occurrence lasts "+strconv.FormatInt(want, 10)+" minutes (EndTimeOffset − StartTimeOffset) but PidLidAppointmentEndWhole − StartWhole is "+strconv.FormatInt(d, 10)+" minutes")
		}
	}
	lo, hi := rp.StartDate.Date(), rp.EndDate.Date()
	if hi < lo {
		hi = lo
	}
	cp := it.CodePage()
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		pre := PidLidAppointmentRecur + ".ExceptionInfo[" + strconv.Itoa(i) + "]."
		if d := e.OriginalStartDate.Date(); d < lo || d > hi {
			l.add(CodeExceptionOutside, blob.Error, pre+"OriginalStartDate", "the exception replaces an occurrence on "+e.OriginalStartDate.String()+", outside the series ("+lo.String()[:10]+" to "+hi.String()[:10]+"): Outlook cannot find the occurrence it changes")
		}
		if d := e.StartDateTime.Date(); d < lo || d > hi {
			l.add(CodeExceptionOutside, blob.Error, pre+"StartDateTime", "the exception starts "+e.StartDateTime.String()+", outside the series ("+lo.String()[:10]+" to "+hi.String()[:10]+"): Outlook drops it from calendar views and free/busy")
		}
		if e.OverrideFlags&recurrence.ARO_SUBJECT != 0 {
			checkText(l, pre+"Subject", ap.Exception(i).Bytes("Subject"), ap.Exception(i).WideCharSubject(), cp, "subject")
		}
		if e.OverrideFlags&recurrence.ARO_LOCATION != 0 {
			checkText(l, pre+"Location", ap.Exception(i).Bytes("Location"), ap.Exception(i).WideCharLocation(), cp, "location")
		}
	}
}

// checkText compares an exception's 8-bit string with its UTF-16 copy:
// written from one text, the 8-bit one is the UTF-16 one in the code page
// ('?' for characters the code page lacks), and so has as many characters.
func checkText(l *findings, path string, b8 []byte, wide string, cp blob.CodePage, what string) {
	want, ok := cp.Encode(wide)
	if ok && string(want) == string(b8) {
		return
	}
	got := cp.Decode(b8)
	if !ok && len([]rune(got)) == len([]rune(wide)) {
		return // characters the code page lacks became '?' or the like
	}
	l.add(CodeExceptionText, blob.Error, path, "the 8-bit "+what+" "+strconv.Quote(got)+" ("+strconv.Itoa(len(b8))+" bytes) does not match the Unicode "+what+" "+strconv.Quote(wide)+" in the ExtendedException: clients that read different copies disagree, and free/busy shows the wrong text")
}

// wallMinutes is instant u as wall-clock minutes in zone.
func wallMinutes(zone tzdef.Zone, u time.Time) (recurrence.Minutes, bool) {
	u = u.UTC()
	yr, ok := zone.Year(u.Year())
	if !ok {
		return 0, false
	}
	local := u.Add(time.Duration(yr.OffsetAt(u)) * time.Second)
	if local.Year() != u.Year() {
		if yr2, ok := zone.Year(local.Year()); ok {
			local = u.Add(time.Duration(yr2.OffsetAt(u)) * time.Second)
		}
	}
	return recurrence.MinutesOf(local)
}

// SetChecker checks a set of items — a folder, many files — for what no
// single item shows: more recurring meetings than Outlook's limit, and
// duplicates (the same clean GlobalObjectId and start). It keeps one map
// entry per item (a 64-bit hash of its key and its sequence number, some 40
// bytes), not the items.
type SetChecker struct {
	n, recurring int
	seen         map[uint64]int32
}

// Add counts an item and returns its duplicate finding, if any: the item
// has the clean GlobalObjectId and start of an item added before it.
func (s *SetChecker) Add(it *Item) []blob.Finding {
	s.n++
	if r, _ := it.Recurring(); r || it.Recurrence() != nil {
		if it.Parent == "" {
			s.recurring++
		}
	}
	g := it.CleanGlobalObjectID()
	if g == nil {
		if x := it.GlobalObjectID(); x != nil {
			g = x.Clean()
		}
	}
	start, ok := it.StartWhole()
	if g == nil || !ok || it.Parent != "" {
		return nil
	}
	uid := g.UID()
	h := fnv.New64a()
	h.Write([]byte(uid))
	h.Write([]byte(start.UTC().Format(time.RFC3339Nano)))
	k := h.Sum64()
	if s.seen == nil {
		s.seen = map[uint64]int32{}
	}
	if first, dup := s.seen[k]; dup {
		return []blob.Finding{{Code: CodeDuplicate, Severity: blob.Warning, Path: PidLidCleanGlobalObjectId,
			Message: "same clean GlobalObjectId (UID " + uid + ") and start (" + start.UTC().Format(time.RFC3339) + ") as item " + strconv.Itoa(int(first)) + " of this run: a duplicate meeting, which Outlook shows twice and updates only once"}}
	}
	s.seen[k] = int32(s.n)
	return nil
}

// Findings are the set's own findings once every item was added: the
// count of recurring meetings against Outlook's limit.
func (s *SetChecker) Findings() []blob.Finding {
	var l findings
	msg := strconv.Itoa(s.recurring) + " recurring items in the set; "
	switch {
	case s.recurring > RecurringMax:
		l.add(CodeRecurringLimit, blob.Error, PidLidRecurring, msg+"Outlook stops expanding recurring meetings beyond "+strconv.Itoa(RecurringMax)+" in one calendar: later series do not show. Delete or end old series")
	case s.recurring > RecurringWarn:
		l.add(CodeRecurringLimit, blob.Warning, PidLidRecurring, msg+"Outlook's limit is "+strconv.Itoa(RecurringMax)+" in one calendar (CalCheck warns above "+strconv.Itoa(RecurringWarn)+")")
	}
	return l
}

// Count is the number of items added and how many are recurring.
func (s *SetChecker) Count() (items, recurring int) { return s.n, s.recurring }
