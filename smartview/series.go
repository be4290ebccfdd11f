package smartview

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Series is a recurring meeting (Appointment) or task (Task) with the
// zone its wall-clock dates are read in. It is what the occurrences and
// ical commands and the web page expand.
type Series struct {
	Appointment *recurrence.AppointmentPattern // PidLidAppointmentRecur, or nil
	Task        *recurrence.Pattern            // PidLidTaskRecurrence, or nil
	// Zone is the series' time zone; nil means no zone is known and times
	// are wall-clock times.
	Zone tzdef.Zone
	// CodePage decodes the 8-bit strings of exceptions (0: windows-1252).
	CodePage blob.CodePage
}

// ErrNoSeries is returned by SeriesOf when no blob is a recurrence pattern.
var ErrNoSeries = errors.New("no recurrence pattern among the blobs")

// SeriesOf gathers a series from decoded blobs: the first recurrence
// pattern, and the zone tzdef.SeriesZone chooses from the time-zone blobs
// (a definition read from a property other than
// PidLidAppointmentTimeZoneDefinitionRecur is not the series' zone and is
// skipped). zones, when not empty, are the blobs that give the zone
// instead of those among results.
func SeriesOf(results []*Result, zones []*Result, cp blob.CodePage) (*Series, error) {
	s := &Series{CodePage: cp}
	for _, r := range results {
		switch v := r.Value.(type) {
		case *recurrence.AppointmentPattern:
			if s.Appointment == nil && s.Task == nil {
				s.Appointment = v
			}
		case *recurrence.Pattern:
			if s.Appointment == nil && s.Task == nil {
				s.Task = v
			}
		}
	}
	if s.Appointment == nil && s.Task == nil {
		return nil, ErrNoSeries
	}
	if len(zones) == 0 {
		zones = results
	}
	var def *tzdef.Definition
	var st *tzdef.TimeZoneStruct
	for _, r := range zones {
		switch v := r.Value.(type) {
		case *tzdef.Definition:
			if p, ok := r.Property.Property(); ok && p.Name != "PidLidAppointmentTimeZoneDefinitionRecur" {
				continue
			}
			if def == nil {
				def = v
			}
		case *tzdef.TimeZoneStruct:
			if st == nil {
				st = v
			}
		}
	}
	s.Zone = tzdef.SeriesZone(def, st)
	return s, nil
}

// Expansion is the occurrences of a series in a range, in the JSON form of
// the JSON contract ("Occurrences").
type Expansion struct {
	// Occurrences of an appointment series; deleted instances are not listed.
	Occurrences []OccurrenceRecord
	// Dates of a task series.
	Dates []time.Time
	// Floating is true when the series has no zone: times are wall-clock.
	Floating bool
	// Capped is true when the expansion stopped after Cap pattern
	// dates; later occurrences exist but are not listed.
	Capped bool
	// Cap is the cap that applied (ExpandOptions.Cap, or its default).
	Cap int
}

// OccurrenceRecord is one occurrence as the JSON contract writes it.
type OccurrenceRecord struct {
	Start         string              `json:"start"`              // RFC 3339 with the zone's offset at that instant
	End           string              `json:"end"`                // likewise
	StartUTC      string              `json:"startUTC,omitempty"` // absent for wall-clock times
	OriginalStart string              `json:"originalStart"`      // the slot the pattern gave it (RECURRENCE-ID)
	Status        string              `json:"status"`             // "normal" or "modified"
	Overrides     *recurrence.Changes `json:"overrides,omitzero"` // what a modified occurrence changes

	occ recurrence.Occurrence
}

// ExpandOptions bound an expansion.
type ExpandOptions struct {
	From, To time.Time // the range; a zero To needs Limit or an end to the series
	// Limit stops after this many occurrences (0: no limit).
	Limit int
	// Cap caps the pattern dates walked, deleted ones included
	// (0: recurrence.DefaultMaxInstances). Reaching it is not an error:
	// the expansion says Capped. (recurrence.ExpandOptions.MaxInstances,
	// the bound of the iterators beneath, ends them with an error instead.)
	Cap int
}

// localLayout writes the zone's offset, +00:00 included (RFC 3339 "Z" is
// kept for UTC instants).
const localLayout = "2006-01-02T15:04:05-07:00"

// Expand lists the occurrences of s in a range. It fails with
// recurrence.ErrUnbounded for a series without end when neither To nor
// Limit bounds it.
func (s *Series) Expand(opt ExpandOptions) (*Expansion, error) {
	max := opt.Cap
	if max <= 0 {
		max = recurrence.DefaultMaxInstances
	}
	// Series end by 4500-12-31 (recurrence.NeverEndDate); a later bound,
	// or none with a Limit, is that day's end.
	lastDay := time.Date(4501, 1, 1, 0, 0, 0, 0, time.UTC)
	to := opt.To
	if to.IsZero() && opt.Limit > 0 || to.After(lastDay) {
		to = lastDay
	}
	x := &Expansion{Floating: s.Zone == nil, Cap: max}
	full := func(n int) bool { return opt.Limit > 0 && n >= opt.Limit }
	if s.Task != nil {
		for d, err := range s.Task.Occurrences(opt.From, to, recurrence.ExpandOptions{MaxInstances: max}) {
			if errors.Is(err, recurrence.ErrTooManyInstances) {
				x.Capped = true
				break
			}
			if err != nil {
				return nil, err
			}
			x.Dates = append(x.Dates, d)
			if full(len(x.Dates)) {
				break
			}
		}
		return x, nil
	}
	layout := localLayout
	if x.Floating {
		layout = "2006-01-02T15:04:05"
	}
	for o, err := range s.Appointment.Occurrences(s.Zone, opt.From, to, recurrence.ExpandOptions{MaxInstances: max}) {
		if errors.Is(err, recurrence.ErrTooManyInstances) {
			x.Capped = true
			break
		}
		if err != nil {
			return nil, err
		}
		r := OccurrenceRecord{Start: o.Start.Format(layout), End: o.End.Format(layout),
			OriginalStart: o.OriginalStart.Format(layout), Status: "normal", occ: o}
		if !x.Floating {
			r.StartUTC = o.Start.UTC().Format(time.RFC3339)
		}
		if o.Modified() {
			r.Status = "modified"
			r.Overrides = o.Changes(s.CodePage)
		}
		x.Occurrences = append(x.Occurrences, r)
		if full(len(x.Occurrences)) {
			break
		}
	}
	return x, nil
}

// MarshalJSON writes the contract's form: an array of occurrences (of
// dates for a task); the cap is not part of it (see Capped).
func (x *Expansion) MarshalJSON() ([]byte, error) {
	if x.Dates != nil {
		ds := make([]string, len(x.Dates))
		for i, d := range x.Dates {
			ds[i] = d.Format("2006-01-02")
		}
		return json.Marshal(ds)
	}
	if x.Occurrences == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(x.Occurrences)
}

// WriteCSV writes a header line and one line per occurrence (per date for
// a task).
func (x *Expansion) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if x.Dates != nil {
		cw.Write([]string{"date"})
		for _, d := range x.Dates {
			cw.Write([]string{d.Format("2006-01-02")})
		}
	} else {
		cw.Write([]string{"start", "end", "startUTC", "originalStart", "status", "overrides"})
		for _, r := range x.Occurrences {
			ov := ""
			if r.Overrides != nil {
				b, err := json.Marshal(r.Overrides)
				if err != nil {
					return err
				}
				ov = string(b)
			}
			cw.Write([]string{r.Start, r.End, r.StartUTC, r.OriginalStart, r.Status, ov})
		}
	}
	cw.Flush()
	return cw.Error()
}

// CapNote is the sentence that says the cap was reached, or "".
func (x *Expansion) CapNote() string {
	if !x.Capped {
		return ""
	}
	return fmt.Sprintf("stopped after %d pattern dates (the expansion cap); later occurrences exist: narrow the range or raise the cap", x.Cap)
}

// Text lists the occurrences for people, one a line: local start and end
// with the offset, the UTC start, the status and what a modified one
// overrides. CapNote says whether the cap cut the list short.
func (x *Expansion) Text() string {
	var b strings.Builder
	if x.Floating && x.Dates == nil {
		b.WriteString("no time zone given: times are wall-clock times in the series' zone\n")
	}
	for _, d := range x.Dates {
		b.WriteString(d.Format("2006-01-02"))
		b.WriteByte('\n')
	}
	for i := range x.Occurrences {
		b.WriteString(x.Occurrences[i].Text(x.Floating))
		b.WriteByte('\n')
	}
	if len(x.Occurrences) == 0 && len(x.Dates) == 0 {
		b.WriteString("no occurrences in that range\n")
	}
	return b.String()
}

// Text is the occurrence's line for people. An occurrence that ends on
// another calendar day of the series' zone shows both dates.
func (r *OccurrenceRecord) Text(floating bool) string {
	o := &r.occ
	line := o.Start.Format("2006-01-02 15:04") + "–" + o.End.Format("15:04")
	sy, sm, sd := o.Start.Date()
	ey, em, ed := o.End.Date()
	if sy != ey || sm != em || sd != ed {
		line = o.Start.Format("2006-01-02 15:04") + " – " + o.End.Format("2006-01-02 15:04")
	}
	if !floating {
		line += " " + o.Start.Format("-07:00") + "  (" + o.Start.UTC().Format("15:04Z") + ")"
	}
	status := r.Status
	if o.Modified() && !o.OriginalStart.Equal(o.Start) {
		status += ", moved from " + o.OriginalStart.Format("2006-01-02 15:04")
	}
	line += "  " + status
	if !r.Overrides.IsZero() {
		var parts []string
		for k, v := range r.Overrides.Each {
			if s, ok := v.(string); ok {
				v = fmt.Sprintf("%q", s)
			}
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
		line += ": " + strings.Join(parts, " ")
	}
	return line
}

// ZoneNamed is the zone a series is read in when a zone is named instead of
// given as blobs: the definition and TimeZoneStruct of a Windows key name
// or an IANA zone (tzdef.FromZoneName), with the rules of 1970 to 2100, as
// results SeriesOf takes among its zones.
func ZoneNamed(name string) ([]*Result, error) {
	d, tz, err := tzdef.FromZoneName(name, 1970, 2100)
	if err != nil {
		return nil, err
	}
	return []*Result{{Kind: blob.KindTZDef, Value: d}, {Kind: blob.KindTZStruct, Value: tz}}, nil
}
