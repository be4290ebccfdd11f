package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

const occurrencesUsage = `mapiblob occurrences --recur INPUT [--tz INPUT] [--from DATE] [--to DATE] [--limit N] [--format text|json|csv] [--codepage CP]

Lists the meetings of a recurring series: PidLidAppointmentRecur (or a task's
PidLidTaskRecurrence) in --recur, and its time zone in --tz — either
PidLidAppointmentTimeZoneDefinitionRecur or PidLidTimeZoneStruct. Without --tz
the times are wall-clock times and the output says so. DATE is 2026-03-01 or
2026-03-01T09:00 (in the series' zone). A series without end needs --to or
--limit.`

const icalUsage = `mapiblob ical --recur INPUT --tz INPUT [--summary S] [--location L] [--uid U] [--codepage CP]

Prints the series as a complete iCalendar VCALENDAR: the VTIMEZONE of its
zone, the recurring VEVENT with RRULE and EXDATE, and one VEVENT with
RECURRENCE-ID per modified instance.`

type seriesInput struct {
	appt *recurrence.AppointmentPattern
	task *recurrence.Pattern
	zone tzdef.Zone
}

func readSeries(e *env, recurArg, tzArg string, opt mapiblob.Options) (*seriesInput, error) {
	if recurArg == "" {
		return nil, usageErr("--recur is required (the PidLidAppointmentRecur blob)")
	}
	s := &seriesInput{}
	rs, err := decodeAll(e, &decodeOpts{kind: mapiblob.KindAuto, opt: opt}, []string{recurArg})
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		switch v := r.Value.(type) {
		case *recurrence.AppointmentPattern:
			s.appt = v
		case *recurrence.Pattern:
			s.task = v
		case *tzdef.Definition:
			if s.zone == nil {
				s.zone = v
			}
		case *tzdef.TimeZoneStruct:
			s.zone = v // the legacy source of truth wins when an export has both
		}
	}
	if s.appt == nil && s.task == nil {
		return nil, invalidErr("--recur holds no recurrence pattern")
	}
	if tzArg != "" {
		zs, err := decodeAll(e, &decodeOpts{kind: mapiblob.KindAuto}, []string{tzArg})
		if err != nil {
			return nil, err
		}
		s.zone = nil
		var def *tzdef.Definition
		var st *tzdef.TimeZoneStruct
		for _, z := range zs {
			switch v := z.Value.(type) {
			case *tzdef.Definition:
				def = v
			case *tzdef.TimeZoneStruct:
				st = v
			default:
				return nil, invalidErr("--tz holds a %s blob, not a time zone", z.Kind)
			}
		}
		// TZDefRecur is used only when it is consistent with TimeZoneStruct.
		switch {
		case def != nil && st != nil && def.ConsistentWith(st):
			s.zone = def
		case st != nil:
			s.zone = st
		default:
			s.zone = def
		}
	}
	return s, nil
}

func parseWhen(s string, loc *time.Location, name string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageErr("--%s %q: want a date like 2026-03-01 or 2026-03-01T09:00", name, s)
}

// seriesFlags are the flags occurrences and ical share.
type seriesFlags struct {
	recur, tz, codepage *string
}

func addSeriesFlags(fs *flag.FlagSet) seriesFlags {
	return seriesFlags{fs.String("recur", "", ""), fs.String("tz", "", ""), fs.String("codepage", "", "")}
}

// read takes a lone positional argument as --recur and decodes the series.
func (f seriesFlags) read(e *env, rest []string) (*seriesInput, mapiblob.Options, error) {
	if len(rest) == 1 && *f.recur == "" {
		*f.recur = rest[0]
	} else if len(rest) > 0 {
		return nil, mapiblob.Options{}, usageErr("unexpected argument %q (give the blobs with --recur and --tz)", rest[0])
	}
	opt, err := codePageOption(*f.codepage)
	if err != nil {
		return nil, opt, err
	}
	s, err := readSeries(e, *f.recur, *f.tz, opt)
	return s, opt, err
}

func runOccurrences(e *env, args []string) error {
	fs := newFlags("occurrences")
	sf := addSeriesFlags(fs)
	fromArg := fs.String("from", "", "")
	toArg := fs.String("to", "", "")
	limit := fs.Int("limit", 0, "")
	format := fs.String("format", "text", "")
	rest, err := parseFlags(fs, args, occurrencesUsage, e)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		return usageErr("unknown --format %q (want text, json or csv)", *format)
	}
	if *limit < 0 {
		return usageErr("--limit must be positive")
	}
	s, opt, err := sf.read(e, rest)
	if err != nil {
		return err
	}
	loc := time.UTC
	if s.zone != nil {
		if l, err := s.zone.Location(); err == nil {
			loc = l
		}
	}
	from, err := parseWhen(*fromArg, loc, "from")
	if err != nil {
		return err
	}
	to, err := parseWhen(*toArg, loc, "to")
	if err != nil {
		return err
	}
	if !to.IsZero() && *toArg != "" && len(*toArg) == 10 {
		to = to.AddDate(0, 0, 1) // a date includes its whole day
	}
	if to.IsZero() && *limit > 0 {
		to = time.Date(4501, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	max := recurrence.DefaultMaxInstances
	if s.task != nil {
		return printTask(e, s.task, from, to, *limit, *format)
	}
	floating := s.zone == nil
	type row struct {
		Start         string         `json:"start"`
		End           string         `json:"end"`
		StartUTC      string         `json:"startUTC,omitempty"`
		OriginalStart string         `json:"originalStart"`
		Status        string         `json:"status"`
		Overrides     map[string]any `json:"overrides,omitempty"`
	}
	layout := time.RFC3339
	if floating {
		layout = "2006-01-02T15:04:05"
	}
	var rows []row
	var texts []string
	for o, err := range s.appt.Occurrences(s.zone, from, to, recurrence.ExpandOptions{MaxInstances: max}) {
		if err != nil {
			if len(rows) > 0 && *limit > 0 && len(rows) >= *limit {
				break
			}
			return invalidErr("%v", err)
		}
		r := row{Start: o.Start.Format(layout), End: o.End.Format(layout), OriginalStart: o.OriginalStart.Format(layout), Status: "normal"}
		if !floating {
			r.StartUTC = o.Start.UTC().Format(time.RFC3339)
		}
		if o.Modified() {
			r.Status = "modified"
			r.Overrides = o.Overrides(opt.CodePage)
		}
		rows = append(rows, r)
		texts = append(texts, occurrenceLine(o, floating, r.Overrides))
		if *limit > 0 && len(rows) >= *limit {
			break
		}
	}
	switch *format {
	case "json":
		if rows == nil {
			rows = []row{}
		}
		b, _ := json.MarshalIndent(rows, "", "  ")
		fmt.Fprintln(e.stdout, string(b))
	case "csv":
		w := csv.NewWriter(e.stdout)
		_ = w.Write([]string{"start", "end", "startUTC", "originalStart", "status", "overrides"})
		for _, r := range rows {
			ov := ""
			if r.Overrides != nil {
				b, _ := json.Marshal(r.Overrides)
				ov = string(b)
			}
			_ = w.Write([]string{r.Start, r.End, r.StartUTC, r.OriginalStart, r.Status, ov})
		}
		w.Flush()
	default:
		if floating {
			fmt.Fprintln(e.stdout, "no time zone given: times are wall-clock times in the series' zone")
		}
		for _, t := range texts {
			fmt.Fprintln(e.stdout, t)
		}
		if len(rows) == 0 {
			fmt.Fprintln(e.stdout, "no occurrences in that range")
		}
	}
	return nil
}

// occurrenceLine is one occurrence for people: local start and end with
// the offset, the UTC start, the status and what a modified one overrides.
func occurrenceLine(o recurrence.Occurrence, floating bool, ov map[string]any) string {
	line := o.Start.Format("2006-01-02 15:04") + "–" + o.End.Format("15:04")
	if !o.End.Truncate(24 * time.Hour).Equal(o.Start.Truncate(24 * time.Hour)) {
		line = o.Start.Format("2006-01-02 15:04") + " – " + o.End.Format("2006-01-02 15:04")
	}
	if !floating {
		line += " " + o.Start.Format("-07:00") + "  (" + o.Start.UTC().Format("15:04Z") + ")"
	}
	status := "normal"
	if o.Modified() {
		status = "modified"
		if !o.OriginalStart.Equal(o.Start) {
			status += ", moved from " + o.OriginalStart.Format("2006-01-02 15:04")
		}
	}
	line += "  " + status
	if len(ov) > 0 {
		keys := make([]string, 0, len(ov))
		for k := range ov {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, quoteIfString(ov[k])))
		}
		line += ": " + strings.Join(parts, " ")
	}
	return line
}

func quoteIfString(v any) any {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return v
}

func printTask(e *env, p *recurrence.Pattern, from, to time.Time, limit int, format string) error {
	var dates []string
	for d, err := range p.Occurrences(from, to, recurrence.ExpandOptions{}) {
		if err != nil {
			return invalidErr("%v", err)
		}
		dates = append(dates, d.Format("2006-01-02"))
		if limit > 0 && len(dates) >= limit {
			break
		}
	}
	switch format {
	case "json":
		if dates == nil {
			dates = []string{}
		}
		b, _ := json.Marshal(dates)
		fmt.Fprintln(e.stdout, string(b))
	default:
		if format == "csv" {
			fmt.Fprintln(e.stdout, "date")
		}
		for _, d := range dates {
			fmt.Fprintln(e.stdout, d)
		}
	}
	return nil
}

func runICal(e *env, args []string) error {
	fs := newFlags("ical")
	sf := addSeriesFlags(fs)
	summary := fs.String("summary", "", "")
	location := fs.String("location", "", "")
	uid := fs.String("uid", "", "")
	rest, err := parseFlags(fs, args, icalUsage, e)
	if err != nil {
		return err
	}
	s, _, err := sf.read(e, rest)
	if err != nil {
		return err
	}
	if s.appt == nil {
		return invalidErr("ical needs an appointment's PidLidAppointmentRecur, not a task pattern")
	}
	text, err := s.appt.ICalendar(s.zone, recurrence.ICalOptions{Summary: *summary, Location: *location, UID: *uid})
	if err != nil {
		return invalidErr("%v", err)
	}
	fmt.Fprint(e.stdout, text)
	return nil
}
