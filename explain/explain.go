package explain

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/internal/guidtext"
	"github.com/mapiblob/mapiblob/internal/shell"
	"github.com/mapiblob/mapiblob/item/itemfile"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Options say how Explain reads its input. The zero value detects
// everything and lists the next occurrences from today. The fields are
// strings as a form or a command line gives them, so that the web page can
// pass them through untouched; Explain checks them and reports a bad one in
// Explanation.Error.
type Options struct {
	// Kind forces the structure of every blob: "", "auto", "tzdef",
	// "tzstruct", "recur", "apptrecur" or "goid".
	Kind string `json:"kind,omitempty"`
	// CodePage decodes the 8-bit strings of appointment exceptions, by
	// number or name ("932", "shift_jis"); "" is windows-1252.
	CodePage string `json:"codepage,omitempty"`
	// Zone is a zone the user picked (Windows key name or IANA name). It
	// repairs a time-zone definition whose key name is empty when the paste
	// does not tell the zone, and it is the zone of a series that has none
	// in the paste. It is never assumed: "" means no zone.
	Zone string `json:"zone,omitempty"`
	// From is the first day of the occurrences listed, in a form
	// smartview.ParseDate reads as the CLI's --from does ("2026-03-01" or
	// "2026-03-01T09:00" in the series' zone); "" is today. When nothing
	// occurs from today on, the series' first occurrences are listed.
	From string `json:"from,omitempty"`
	// Count is how many occurrences to list (0: 10).
	Count int `json:"count,omitempty"`
	// Summary is the SUMMARY of the .ics file (the blob does not hold the
	// subject).
	Summary string `json:"summary,omitempty"`
	// Name is the name of the dropped file (or "" for a paste): items are
	// labelled with it as `mapiblob decode NAME` labels them, and the
	// commands shown name it.
	Name string `json:"name,omitempty"`
	// Now is the current time (zero: time.Now()); it is "today" for the
	// occurrences and the DTSTAMP of the .ics file.
	Now time.Time `json:"-"`
}

// DefaultOccurrences is how many occurrences Explain lists when
// Options.Count is 0.
const DefaultOccurrences = 10

// What Explanation.Input says the input was.
const (
	InputEmpty   = "empty"   // nothing but white space
	InputBlobs   = "blobs"   // one or more binary property values
	InputGUID    = "guid"    // a GUID in one of the forms guid.Parse reads
	InputExMerge = "exmerge" // ExMerge.log lines naming mailboxes by GUID
	InputItems   = "items"   // whole items: .msg, TNEF, .eml or an MFCMAPI message export
	InputInvalid = "invalid" // none of those: Error says why
)

// Explanation is everything the web page shows for one input, and what
// the CLI's decode, guid and occurrences commands print for it.
type Explanation struct {
	// Input is what the input was read as (InputBlobs, InputGUID…).
	Input string `json:"input"`
	// Error is why the input could not be read (or an option is wrong).
	Error string `json:"error,omitempty"`
	// GUIDError is why the text is not a GUID either, when Error is set.
	GUIDError string `json:"guidError,omitempty"`

	// Blobs are the decoded property values, in input order.
	Blobs []BlobExplanation `json:"blobs,omitempty"`
	// CrossFindings compare the time-zone blobs of one item with each other
	// (PidLidAppointmentTimeZoneDefinitionRecur against PidLidTimeZoneStruct).
	CrossFindings []FindingView `json:"crossFindings,omitempty"`
	// Series is the recurring series among the blobs, expanded.
	Series *SeriesExplanation `json:"series,omitempty"`
	// Zones lists every Windows time-zone key name, for the page's zone
	// list; set when a repair or a series needs a zone the paste does not
	// give.
	Zones []string `json:"zones,omitempty"`

	// Items are the items of an item file (.msg, TNEF, .eml, or an MFCMAPI
	// XML export of a message), embedded ones after their parent, in the
	// order `mapiblob decode` prints them.
	Items []ItemExplanation `json:"items,omitempty"`

	// GUID is the GUID the text holds, in every form.
	GUID *GUIDExplanation `json:"guid,omitempty"`
	// ExMerge are the mailboxes the ExMerge.log lines could not identify.
	ExMerge []ExMergeExplanation `json:"exmerge,omitempty"`

	// Command is the mapiblob command that prints Text.
	Command string `json:"command,omitempty"`
	// Text is what that command prints on standard output.
	Text string `json:"text,omitempty"`
}

// BlobExplanation is one decoded property value.
type BlobExplanation struct {
	Index    int       `json:"index"`              // 1-based position in the input
	Form     string    `json:"form"`               // how it was written: hex, mfcmapi, xml, base64, binary; for a dropped item's blob, its file's format (msg, tnef, tnef-base64, eml, xml)
	Property string    `json:"property,omitempty"` // the property an XML export names (canonical name), "" when unknown
	Tag      string    `json:"tag,omitempty"`      // the export's property tag, e.g. 0x80380102
	Size     int       `json:"size"`               // length in bytes
	Kind     blob.Kind `json:"kind,omitempty"`     // the structure decoded; "" when it could not be decoded
	// KindName is the structure's name in the specification.
	KindName string `json:"kindName,omitempty"`
	Error    string `json:"error,omitempty"` // why it could not be decoded
	// Worst is the highest severity among Findings ("" when none).
	Worst     string        `json:"worst,omitempty"`
	Findings  []FindingView `json:"findings,omitempty"`
	Text      string        `json:"text,omitempty"`      // Result.Text(): the decode for people, findings last
	SmartView string        `json:"smartview,omitempty"` // Result.SmartView(): MFCMAPI's SmartView pane
	JSON      string        `json:"json,omitempty"`      // the JSON envelope, indented
	Repair    *Repair       `json:"repair,omitempty"`    // how to fix an empty time-zone key name
}

// FindingView is a finding as the page shows it.
type FindingView struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Path     string `json:"path"`
	Message  string `json:"message"`
}

// Repair is a replacement for a time-zone definition whose key name is
// empty (TZ_EMPTY_KEYNAME), the case that crashes Outlook 2010. It is a
// fresh definition of the zone, built as `mapiblob tz build` builds it.
// The zone is never guessed: it is the zone another definition in the same
// paste names with the same rules, the only Windows zone whose rules the
// blob's rules match, or the zone the user picked; else Hex is empty and
// Candidates lists the zones whose rules match.
type Repair struct {
	Code       string   `json:"code"`                 // the finding repaired: TZ_EMPTY_KEYNAME
	Zone       string   `json:"zone,omitempty"`       // the Windows key name written, "" when no zone is known
	Reason     string   `json:"reason,omitempty"`     // why that zone
	Candidates []string `json:"candidates,omitempty"` // Windows zones whose rules equal the blob's, sorted
	Note       string   `json:"note,omitempty"`       // what to do when no zone is known
	Display    bool     `json:"display"`              // built for StartDisplay/EndDisplay (no TZRULE_FLAG_RECUR_CURRENT_TZREG)
	Hex        string   `json:"hex,omitempty"`        // the repaired blob, upper-case hex, to paste into MFCMAPI's binary editor
	MFCMAPI    string   `json:"mfcmapi,omitempty"`    // the same as "cb: N lpb: HEX"
	Command    string   `json:"command,omitempty"`    // the CLI command that prints Hex
	Text       string   `json:"text,omitempty"`       // the repaired definition for people
}

// SeriesExplanation is a recurring series expanded: its next occurrences
// and, for a meeting with a known zone, an iCalendar file.
type SeriesExplanation struct {
	// Zone names the zone the dates are read in ("" for wall-clock times).
	Zone string `json:"zone,omitempty"`
	// ZoneSource says where the zone came from.
	ZoneSource string `json:"zoneSource,omitempty"`
	// From is the first day listed.
	From string `json:"from"`
	// Note explains the list when it is not what was asked (the series
	// ended before From; the cap was reached).
	Note        string                       `json:"note,omitempty"`
	Error       string                       `json:"error,omitempty"`
	Occurrences []smartview.OccurrenceRecord `json:"occurrences,omitempty"` // of a meeting
	Dates       []string                     `json:"dates,omitempty"`       // of a task
	// Command is the mapiblob command that prints Text.
	Command string `json:"command,omitempty"`
	Text    string `json:"text,omitempty"` // what `mapiblob occurrences` prints
	// ICS is the series as an iCalendar VCALENDAR ("" for a task, or
	// without a zone); ICSName is a file name for it.
	ICS     string `json:"ics,omitempty"`
	ICSName string `json:"icsName,omitempty"`
}

// FormView is a GUID in one form.
type FormView struct {
	Form  string `json:"form"` // the short name the CLI's --to flag takes: string, adsi, …
	Value string `json:"value"`
}

// GUIDExplanation is a GUID in every form.
type GUIDExplanation struct {
	ReadAs      string     `json:"readAs"`                // how the text was read
	Ambiguous   bool       `json:"ambiguous,omitempty"`   // bare hex: also readable as a GUID string
	Alternative string     `json:"alternative,omitempty"` // the GUID that other reading gives
	Forms       []FormView `json:"forms"`
	Name        string     `json:"name,omitempty"` // the well-known name, e.g. PSETID_Appointment
}

// ExMergeExplanation is one ExMerge.log line that names a mailbox ExMerge
// could not identify, with what sets the GUID back in Active Directory.
type ExMergeExplanation struct {
	Line             int        `json:"line"`
	Escaped          string     `json:"escaped"` // the GUID as the log wrote it
	LegacyExchangeDN string     `json:"legacyExchangeDN,omitempty"`
	Error            string     `json:"error,omitempty"` // the GUID text is not exactly 16 bytes; nothing is guessed
	Forms            []FormView `json:"forms,omitempty"`
	ADSI             string     `json:"adsi,omitempty"`       // the form ADSI Edit shows and takes
	PowerShell       string     `json:"powershell,omitempty"` // Get-ADUser … | Set-ADUser …
	LDIF             string     `json:"ldif,omitempty"`       // the same change as LDIF, the DN to fill in
	Remediation      string     `json:"remediation"`          // what to do, in one sentence
}

// explainOpts are Options checked.
type explainOpts struct {
	kind  blob.Kind
	cp    blob.CodePage
	zone  string
	from  string
	count int
	now   time.Time
	opt   Options
	// inItem: the blobs and the series are a dropped item's, not a paste's:
	// the texts say "the item", the command shown is
	// `mapiblob occurrences FILE`, and the .ics is the item's own
	// (ical.Encode), not the pattern's.
	inItem bool
}

// where is what the explanations call the blobs' source.
func (o *explainOpts) where() string {
	if o.inItem {
		return "the item"
	}
	return "the paste"
}

func (o Options) check() (*explainOpts, error) {
	e := &explainOpts{count: o.Count, now: o.Now, from: strings.TrimSpace(o.From), zone: strings.TrimSpace(o.Zone), opt: o}
	if e.now.IsZero() {
		e.now = time.Now()
	}
	if e.count <= 0 {
		e.count = DefaultOccurrences
	}
	if e.count > 1000 {
		return nil, fmt.Errorf("count %d: at most 1000 occurrences are listed", o.Count)
	}
	k, ok := smartview.ParseKind(strings.TrimSpace(o.Kind))
	if !ok {
		return nil, fmt.Errorf("unknown kind %q (want auto, %s)", o.Kind, kindList(smartview.Kinds()))
	}
	e.kind = k
	if s := strings.TrimSpace(o.CodePage); s != "" {
		c, ok := blob.ParseCodePage(s)
		if !ok {
			return nil, fmt.Errorf("unknown code page %q (e.g. 1252, 932, shift_jis, windows-1250, utf-8)", o.CodePage)
		}
		e.cp = c
	}
	if e.zone != "" {
		if _, _, err := tzdef.FromZoneName(e.zone, e.now.Year(), e.now.Year()); err != nil {
			return nil, fmt.Errorf("zone: %v", err)
		}
	}
	return e, nil
}

// exmergeMarker is what every ExMerge.log line naming a mailbox GUID holds.
const exmergeMarker = "msExchMailboxGuid "

// Explain reads whatever a user pasted — hex in any layout, MFCMAPI's "cb:
// N lpb: HEX", an MFCMAPI XML export with many properties, base64, lines of
// an ExMerge.log, or a GUID in any form — and returns everything the web
// page shows for it: per blob the kind detected, the property, the decode
// as text with the specification's names, the findings, SmartView and
// JSON, and a repair for an empty time-zone key name; for a recurring
// series with its zone, the next occurrences and an iCalendar file; for a
// GUID every form; for ExMerge lines the GUID in the form ADSI Edit takes
// and the command that sets it. It never fails: what cannot be read is
// described in Error.
//
// The text Explanation.Text is what the equivalent mapiblob command
// (Explanation.Command) prints, so the page and the CLI give the same
// answers.
func Explain(text string, opt Options) *Explanation {
	x := &Explanation{}
	o, err := opt.check()
	if err != nil {
		x.Input, x.Error = InputInvalid, err.Error()
		return x
	}
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		x.Input = InputEmpty
		return x
	}
	// An item first: its body may quote an ExMerge log line.
	if b := []byte(text); itemfile.IsMessage(b) {
		explainItems(x, b, o)
		return x
	}
	if strings.Contains(text, exmergeMarker) {
		explainExMerge(x, text)
		return x
	}
	blobs, berr := input.Parse(text)
	if berr == nil && (o.kind != blob.KindAuto || !guidSized(blobs)) {
		explainBlobs(x, blobs, o)
		return x
	}
	g, d, gerr := guid.ParseDetail(strings.TrimRight(text, "\r\n"))
	if gerr == nil {
		explainGUID(x, g, d)
		return x
	}
	if berr == nil { // 16 bytes of no known structure that are no GUID either
		explainBlobs(x, blobs, o)
		return x
	}
	x.Input, x.Error, x.GUIDError = InputInvalid, "input: "+berr.Error(), gerr.Error()
	return x
}

// Bytes is Explain for a file's contents: text (UTF-8, or UTF-16 with a
// byte-order mark) is read as Explain reads it; an Outlook .msg or a TNEF
// file (winmail.dat) as items; anything else as the blob's own bytes.
func Bytes(b []byte, opt Options) *Explanation {
	if text, ok := input.TextOf(b); ok {
		return Explain(text, opt)
	}
	x := &Explanation{}
	o, err := opt.check()
	if err != nil {
		x.Input, x.Error = InputInvalid, err.Error()
		return x
	}
	// An item first (.msg or TNEF): its body may quote an ExMerge log line.
	if itemfile.IsMessage(b) {
		explainItems(x, b, o)
		return x
	}
	if bytes.Contains(b, []byte("m\x00s\x00E\x00x\x00c\x00h\x00M\x00a\x00i\x00l\x00b\x00o\x00x\x00G\x00u\x00i\x00d\x00")) {
		// an ExMerge.log saved as UTF-16 without a byte-order mark
		explainExMergeReader(x, bytes.NewReader(b))
		return x
	}
	blobs, err := mapiblob.ReadInputBytes(b, input.ModeBinary)
	if err != nil {
		x.Input, x.Error = InputInvalid, "input: "+err.Error()
		return x
	}
	explainBlobs(x, blobs, o)
	return x
}

// guidSized reports whether blobs is one 16-byte value of no known
// structure, which a GUID reading explains better.
func guidSized(blobs []input.Blob) bool {
	return len(blobs) == 1 && len(blobs[0].Bytes) == 16 && blobs[0].Form != input.FormXML &&
		len(smartview.Detect(blobs[0].Bytes, blobs[0].Identity)) == 0
}

func findingViews(fs []blob.Finding) []FindingView {
	if len(fs) == 0 {
		return nil
	}
	out := make([]FindingView, len(fs))
	for i, f := range fs {
		out[i] = FindingView{Severity: f.Severity.String(), Code: f.Code, Path: f.Path, Message: f.Message}
	}
	return out
}

// kindNames are the specification's names of the structures.
var kindNames = map[blob.Kind]string{
	blob.KindTZDef:     "TZDEFINITION (time-zone definition)",
	blob.KindTZStruct:  "TimeZoneStruct",
	blob.KindRecur:     "RecurrencePattern",
	blob.KindApptRecur: "AppointmentRecurrencePattern",
	blob.KindGOID:      "GlobalObjectId",
}

// fillResult sets what a decoded value shows: its kind, findings, text,
// SmartView and JSON.
func fillResult(be *BlobExplanation, r *smartview.Result) {
	be.Kind, be.KindName = r.Kind, kindNames[r.Kind]
	be.Findings = findingViews(r.Findings)
	if w, ok := blob.Worst(r.Findings); ok {
		be.Worst = w.String()
	}
	be.Text = r.Text()
	be.SmartView = r.SmartView()
	if j, err := json.Marshal(r); err == nil {
		var ind bytes.Buffer
		if json.Indent(&ind, j, "", "  ") == nil {
			be.JSON = ind.String()
		}
	}
}

func explainBlobs(x *Explanation, blobs []input.Blob, o *explainOpts) {
	x.Input = InputBlobs
	x.Command = "mapiblob decode"
	if o.kind != blob.KindAuto {
		x.Command += " --kind " + string(o.kind)
	}
	if o.opt.CodePage != "" {
		x.Command += " --codepage " + strings.TrimSpace(o.opt.CodePage)
	}
	var okBlobs []input.Blob
	var results []*smartview.Result
	texts := make([]string, 0, len(blobs))
	for i, b := range blobs {
		be := BlobExplanation{Index: i + 1, Form: string(b.Form), Size: len(b.Bytes)}
		if p, ok := b.Identity.Property(); ok {
			be.Property = p.DisplayName()
		} else if b.Identity != nil && b.Identity.Name != "" {
			be.Property = b.Identity.Name
		}
		if b.Identity != nil && b.Identity.Tag != 0 {
			be.Tag = fmt.Sprintf("0x%08X", uint32(b.Identity.Tag))
		}
		r, err := smartview.Decode(b.Bytes, smartview.Options{Kind: o.kind, Property: b.Identity, CodePage: o.cp})
		if err != nil {
			be.Error = err.Error()
			if errors.Is(err, smartview.ErrUnknownKind) {
				be.Error += "; choose the kind"
			}
			x.Blobs = append(x.Blobs, be)
			continue
		}
		fillResult(&be, r)
		texts = append(texts, be.Text)
		okBlobs = append(okBlobs, b)
		results = append(results, r)
		x.Blobs = append(x.Blobs, be)
	}
	if len(texts) == len(blobs) {
		x.Text = strings.Join(texts, "\n\n") + "\n"
	} else {
		x.Command = ""
	}
	x.CrossFindings = findingViews(smartview.CrossCheck(results))
	needZones := false
	j := 0
	for i := range x.Blobs {
		if x.Blobs[i].Kind == "" {
			continue
		}
		r := results[j]
		j++
		if rep := repairFor(r, results, o); rep != nil {
			x.Blobs[i].Repair = rep
			needZones = needZones || rep.Hex == ""
		}
	}
	if s, err := smartview.SeriesOf(results, nil, o.cp); err == nil {
		x.Series = explainSeries(s, okBlobs, o)
		needZones = needZones || s.Zone == nil
	}
	if needZones {
		x.Zones = ZoneNames()
	}
}

// explainSeries expands a series: Count occurrences from From (today by
// default), or the first ones when none fall after today.
func explainSeries(s *smartview.Series, blobs []input.Blob, o *explainOpts) *SeriesExplanation {
	se := &SeriesExplanation{}
	switch z := s.Zone.(type) {
	case *tzdef.Definition:
		se.Zone, se.ZoneSource = z.TZID(), "the time-zone definition in "+o.where()
		if name := tzdef.IANAName(z.KeyName); name != "" {
			se.Zone += " (" + name + ")"
		}
	case *tzdef.TimeZoneStruct:
		r := z.Rule()
		se.Zone, se.ZoneSource = "PidLidTimeZoneStruct: "+r.Describe(), "the TimeZoneStruct in "+o.where()
	}
	tzArg := ""
	if s.Zone == nil && o.zone != "" {
		d, _, err := tzdef.FromZoneName(o.zone, 1970, 2100)
		if err == nil {
			s.Zone = d
			se.Zone, se.ZoneSource = d.TZID(), "the zone you picked"
			if name := tzdef.IANAName(d.KeyName); name != "" {
				se.Zone += " (" + name + ")"
			}
			tzArg = " --tz " + shell.Quote(o.zone)
		}
	}
	loc := time.UTC
	if s.Zone != nil {
		if l, err := s.Zone.Location(); err == nil {
			loc = l
		}
	}
	from := o.now.In(loc)
	from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	if o.from != "" {
		t, err := smartview.ParseDate(o.from, loc)
		if err != nil {
			se.Error = "from " + err.Error()
			return se
		}
		from = t
	}
	fromArg := from.Format("2006-01-02")
	if from.Hour() != 0 || from.Minute() != 0 {
		fromArg = from.Format("2006-01-02T15:04")
	}
	xp, err := s.Expand(smartview.ExpandOptions{From: from, Limit: o.count})
	if err == nil && len(xp.Occurrences) == 0 && len(xp.Dates) == 0 && o.from == "" {
		// Nothing from today on: the series has ended; show how it ran.
		if first, err2 := s.Expand(smartview.ExpandOptions{Limit: o.count}); err2 == nil && (len(first.Occurrences) > 0 || len(first.Dates) > 0) {
			se.Note = fmt.Sprintf("nothing occurs from %s on: the series has ended; these are its first occurrences", fromArg)
			xp, fromArg = first, ""
		}
	}
	if err != nil {
		se.Error = err.Error()
		return se
	}
	se.From = fromArg
	if xp.Capped {
		se.Note = strings.TrimSpace(se.Note + " " + xp.CapNote())
	}
	se.Occurrences = xp.Occurrences
	for _, d := range xp.Dates {
		se.Dates = append(se.Dates, d.Format("2006-01-02"))
	}
	se.Text = xp.Text()
	if o.inItem {
		se.Command = "mapiblob occurrences " + o.commandArg()
	} else {
		recurArg := "@FILE"
		if len(blobs) == 1 {
			recurArg = strings.ToUpper(hex.EncodeToString(blobs[0].Bytes))
		}
		se.Command = "mapiblob occurrences --recur " + recurArg + tzArg
	}
	if fromArg != "" {
		se.Command += " --from " + fromArg
	}
	se.Command += fmt.Sprintf(" --limit %d", o.count)
	if o.opt.CodePage != "" && !o.inItem {
		se.Command += " --codepage " + strings.TrimSpace(o.opt.CodePage)
	}
	if s.Appointment != nil && s.Zone != nil && !o.inItem {
		cal, _, err := ical.Series(s.Appointment, s.Zone, ical.ExportOptions{Summary: o.opt.Summary, Stamp: o.now.UTC()})
		if err != nil {
			se.Note = strings.TrimSpace(se.Note + " no .ics: " + err.Error())
		} else {
			se.ICS, se.ICSName = cal.String(), icsName(o.opt.Summary)
		}
	}
	return se
}

func icsName(summary string) string {
	var b strings.Builder
	for _, c := range strings.TrimSpace(summary) {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_':
			b.WriteRune(c)
		case c == ' ' || c == '.':
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "series.ics"
	}
	return b.String() + ".ics"
}

// repairFor builds the repair of a definition with an empty key name, or
// returns nil when r needs none. The zone is chosen by tzdef.ChooseZone,
// the policy an item's repair follows too, from the other definitions
// among all and the zone the user picked.
func repairFor(r *smartview.Result, all []*smartview.Result, o *explainOpts) *Repair {
	d, ok := r.Value.(*tzdef.Definition)
	if !ok {
		return nil
	}
	empty := false
	for _, f := range r.Findings {
		empty = empty || f.Code == tzdef.CodeEmptyKeyName
	}
	if !empty {
		return nil
	}
	rep := &Repair{Code: tzdef.CodeEmptyKeyName}
	if p, ok := r.Property.Property(); ok && strings.HasPrefix(p.Name, "PidLidAppointmentTimeZoneDefinition") {
		rep.Display = p.Name != "PidLidAppointmentTimeZoneDefinitionRecur"
	} else {
		rep.Display = d.RecurRule() == nil
	}
	var defs []tzdef.Source
	for _, x := range all {
		if od, ok := x.Value.(*tzdef.Definition); ok {
			name := ""
			if p, ok := x.Property.Property(); ok {
				name = p.Name
			}
			defs = append(defs, tzdef.Source{Property: name, Definition: od})
		}
	}
	c, err := tzdef.ChooseZone(d, defs, nil, o.zone, o.now.Year())
	rep.Candidates = c.Candidates
	switch {
	case err != nil:
		why := "no other time-zone definition in " + o.where() + " names the zone"
		if !errors.Is(err, tzdef.ErrNoZone) {
			why = err.Error()
		}
		switch len(rep.Candidates) {
		case 0:
			rep.Note = why + ", and its rules match no Windows time zone today: pick the zone the meeting was made in"
		default:
			rep.Note = fmt.Sprintf("%s; its rules match %d Windows time zones (%s): pick the one the meeting was made in", why, len(rep.Candidates), strings.Join(rep.Candidates, ", "))
		}
		return rep
	case c.Picked:
		rep.Reason = "the zone you picked"
	case c.ByRules:
		rep.Reason = fmt.Sprintf("its rules match one Windows time zone only, %q (compared in %s)", c.Zone, yearList(c.Years))
	default:
		rep.Reason = fmt.Sprintf("another time-zone definition in %s names %q and has the same rules", o.where(), c.Zone)
	}
	nd, _, first, err := tzdef.BuildRepair(c.Zone, tzdef.RepairFirstYear)
	if err != nil {
		rep.Note = "cannot build the zone: " + err.Error()
		return rep
	}
	if rep.Display {
		nd = nd.ForDisplay()
	}
	b, err := nd.MarshalBinary()
	if err != nil {
		rep.Note = "cannot build the zone: " + err.Error()
		return rep
	}
	rep.Zone = nd.KeyName
	rep.Hex = strings.ToUpper(hex.EncodeToString(b))
	rep.MFCMAPI = fmt.Sprintf("cb: %d lpb: %s", len(b), rep.Hex)
	rep.Command = "mapiblob tz build --zone " + shell.Quote(rep.Zone)
	if first != tzdef.RepairFirstYear {
		rep.Command += fmt.Sprintf(" --years %d-%d", first, tzdef.RepairLastYear)
	}
	if rep.Display {
		rep.Command += " --display"
	}
	rep.Text = nd.Text()
	return rep
}

func yearList(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = fmt.Sprint(y)
	}
	return strings.Join(s, ", ")
}

// KindView is one structure a user may choose: its kind and MFCMAPI's
// name of its SmartView parser.
type KindView struct {
	Kind   string `json:"kind"`
	Parser string `json:"parser"`
}

// Kinds lists every structure smartview decodes, in the registry's order,
// for the page's kind list.
func Kinds() []KindView {
	var out []KindView
	for _, d := range smartview.Decoders() {
		out = append(out, KindView{string(d.Kind), d.Parser})
	}
	return out
}

// ZoneNames lists the Windows time-zone key names a user may pick from
// (CLDR's table), sorted.
func ZoneNames() []string {
	names := tzdef.WindowsNames()
	sort.Strings(names)
	return names
}

func formViews(g guid.GUID) []FormView {
	fs := guid.Forms()
	out := make([]FormView, len(fs))
	for i, f := range fs {
		out[i] = FormView{Form: f.String(), Value: g.Format(f)}
	}
	return out
}

func explainGUID(x *Explanation, g guid.GUID, d guid.Detail) {
	x.Input = InputGUID
	x.Command = "mapiblob guid"
	ge := &GUIDExplanation{ReadAs: d.String(), Forms: formViews(g), Name: g.Name(), Ambiguous: d.Ambiguous}
	if d.Ambiguous {
		ge.Alternative = d.Alternative.String()
	}
	x.GUID = ge
	var b strings.Builder
	guidtext.WriteGUID(&b, g, &d)
	x.Text = b.String()
}

func explainExMerge(x *Explanation, text string) {
	explainExMergeReader(x, strings.NewReader(text))
}

func explainExMergeReader(x *Explanation, r io.Reader) {
	x.Input = InputExMerge
	x.Command = "mapiblob guid --exmerge-log FILE"
	var good []guid.ExMergeRecord
	for rec, err := range guid.ScanExMergeLog(r) {
		e := ExMergeExplanation{Line: rec.Line, Escaped: rec.Escaped, LegacyExchangeDN: rec.LegacyExchangeDN}
		if err != nil {
			var le *guid.LogLineError
			if !errors.As(err, &le) {
				x.Error = err.Error()
				break
			}
			e.Error = err.Error()
			e.Remediation = "nothing is guessed from this line: the text after msExchMailboxGuid is not exactly 16 escaped bytes; read the GUID from Active Directory instead"
			x.ExMerge = append(x.ExMerge, e)
			continue
		}
		e.Forms = formViews(rec.GUID)
		e.ADSI = rec.GUID.Format(guid.FormADSI)
		e.PowerShell = rec.PowerShell()
		if e.PowerShell != "" {
			e.LDIF = rec.LDIF()
			e.Remediation = "set msExchMailboxGuid of the user whose legacyExchangeDN the line names to this GUID: in ADSI Edit paste the adsi form, or run the PowerShell command, or complete the LDIF with the user's DN and import it with ldifde -i"
		} else {
			e.Remediation = "the line names no legacyExchangeDN: find the user by other means, then set msExchMailboxGuid to this GUID (the adsi form in ADSI Edit)"
		}
		x.ExMerge = append(x.ExMerge, e)
		good = append(good, rec)
	}
	source := "the text"
	if len(x.ExMerge) > 0 || x.Error != "" {
		source = "" // refused lines, or a read error: the text may name mailboxes
	}
	var b strings.Builder
	guidtext.WriteExMerge(&b, good, source)
	x.Text = b.String()
}

// kindList lists kinds for a message: "tzdef, tzstruct, …".
func kindList(ks []blob.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
