package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

const occurrencesUsage = `mapiblob occurrences --recur INPUT [--tz INPUT] [--from DATE] [--to DATE] [--limit N] [--format text|json|csv] [--codepage CP]
mapiblob occurrences [--from DATE] [--to DATE] [--limit N] [--format text|json] FILE|DIR...

Lists the meetings of a recurring series: PidLidAppointmentRecur (or a task's
PidLidTaskRecurrence) in --recur, and its time zone in --tz — either
PidLidAppointmentTimeZoneDefinitionRecur or PidLidTimeZoneStruct. Without --tz
the times are wall-clock times and the output says so. DATE is 2026-03-01 or
2026-03-01T09:00 (in the series' zone). A series without end needs --to or
--limit.

With FILE|DIR (item files, see 'mapiblob help decode'), each recurring item's
series is expanded in its own zone; --format json writes one object per item
({"source", "item", "occurrences"}), one per line.`

const icalUsage = `mapiblob ical --recur INPUT --tz INPUT [--summary S] [--location L] [--uid U] [--codepage CP] [--profile standard|compatible]
mapiblob ical [--profile standard|compatible] FILE|DIR...

Prints the series as a complete iCalendar VCALENDAR: the VTIMEZONE of its
zone, the recurring VEVENT with RRULE and EXDATE, and one VEVENT with
RECURRENCE-ID per modified instance. What had to be adjusted so that
clients show what Outlook shows (a StartDate that is not a date of the
pattern, a deleted or original date the pattern does not give) is said on
standard error, one "mapiblob: note: …" line each.

With FILE|DIR (item files, see 'mapiblob help decode'), every event of the
items goes into one VCALENDAR: UID from the GlobalObjectId, SUMMARY, LOCATION,
ORGANIZER, TRANSP, all-day events as DATE values, the series in its own zone
or a single item's StartWhole/EndWhole, each VTIMEZONE once.

--profile standard (the default) writes one exact RRULE. Thunderbird
(ical.js) misreads one form: a monthly series on day 29 or 30 whose months
include February (BYMONTHDAY=28,29,30;BYSETPOS=-1 shows three meetings a
month there); --profile compatible writes those as the day itself plus an
RDATE for each short month's last day, which Thunderbird and Evolution
(libical) read right; Outlook does not read RDATE, so give it the standard
profile.`

// readSeries decodes --recur (with any time-zone blobs an export holds
// beside it) and --tz, which is a time-zone blob or a zone name.
func readSeries(e *env, recurArg, tzArg string, opt smartview.Options) (*smartview.Series, error) {
	if recurArg == "" {
		return nil, usageErr("--recur is required (the PidLidAppointmentRecur blob)")
	}
	rs, err := decodeAll(e, &decodeOpts{kind: blob.KindAuto, opt: opt}, []string{recurArg})
	if err != nil {
		return nil, err
	}
	var zones []*smartview.Result
	if tzArg != "" {
		if zones, err = readZone(e, tzArg); err != nil {
			return nil, err
		}
	}
	s, err := smartview.SeriesOf(rs, zones, opt.CodePage)
	if err != nil {
		return nil, invalidErr("--recur holds no recurrence pattern")
	}
	return s, nil
}

// readZone reads --tz: a Windows or IANA zone name, or blobs.
func readZone(e *env, arg string) ([]*smartview.Result, error) {
	if name := strings.TrimSpace(arg); !strings.HasPrefix(name, "@") && name != "-" && looksLikeZoneName(name) {
		d, tz, err := tzdef.FromZoneName(name, 1970, 2100)
		if err != nil {
			return nil, invalidErr("--tz: %v", err)
		}
		return []*smartview.Result{{Kind: blob.KindTZDef, Value: d}, {Kind: blob.KindTZStruct, Value: tz}}, nil
	}
	zs, err := decodeAll(e, &decodeOpts{kind: blob.KindAuto}, []string{arg})
	if err != nil {
		return nil, err
	}
	for _, z := range zs {
		if z.Kind != blob.KindTZDef && z.Kind != blob.KindTZStruct {
			return nil, invalidErr("--tz holds a %s blob, not a time zone", z.Kind)
		}
	}
	return zs, nil
}

// looksLikeZoneName tells a zone name ("Eastern Standard Time",
// "Europe/Berlin", "UTC") from blob text: a name has a letter beyond
// a–f, and no run of hex long enough to be a blob.
func looksLikeZoneName(s string) bool {
	if tzdef.IANAName(s) != "" || strings.Contains(s, "/") && !strings.ContainsAny(s, "<>:") {
		return true
	}
	for _, c := range s {
		if c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' {
			return !strings.Contains(strings.ToLower(s), "lpb:")
		}
	}
	return false
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

// items returns the item files among the arguments (positional ones, or
// --recur naming one), or nil when they are blobs.
func (f seriesFlags) items(e *env, rest []string) ([]itemSource, error) {
	args := rest
	if len(args) == 0 && *f.recur != "" {
		args = []string{*f.recur}
	} else if len(args) == 0 || *f.recur != "" {
		return nil, nil
	}
	src, err := itemArgs(e, args)
	if err != nil || src == nil {
		return nil, err
	}
	if *f.tz != "" {
		return nil, usageErr("--tz applies to blobs; an item's series uses its own time-zone properties")
	}
	return src, nil
}

// read takes a lone positional argument as --recur and decodes the series.
func (f seriesFlags) read(e *env, rest []string) (*smartview.Series, smartview.Options, error) {
	if len(rest) == 1 && *f.recur == "" {
		*f.recur = rest[0]
	} else if len(rest) > 0 {
		return nil, smartview.Options{}, usageErr("unexpected argument %q (give the blobs with --recur and --tz)", rest[0])
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
	maxArg := fs.Int("max", recurrence.DefaultMaxInstances, "")
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
	if *maxArg <= 0 {
		return usageErr("--max must be positive")
	}
	if src, err := sf.items(e, rest); err != nil || src != nil {
		if err != nil {
			return err
		}
		return runItemsOccurrences(e, src, *format, smartview.ExpandOptions{Limit: *limit, MaxInstances: *maxArg}, *fromArg, *toArg)
	}
	s, _, err := sf.read(e, rest)
	if err != nil {
		return err
	}
	loc := time.UTC
	if s.Zone != nil {
		if l, err := s.Zone.Location(); err == nil {
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
	if !to.IsZero() && len(*toArg) == 10 {
		to = to.AddDate(0, 0, 1) // a date includes its whole day
	}
	x, err := s.Expand(smartview.ExpandOptions{From: from, To: to, Limit: *limit, MaxInstances: *maxArg})
	if errors.Is(err, recurrence.ErrUnbounded) {
		return invalidErr("%v: give --to or --limit", err)
	}
	if err != nil {
		return invalidErr("%v", err)
	}
	switch *format {
	case "json":
		b, err := json.MarshalIndent(x, "", "  ")
		if err != nil {
			return invalidErr("json: %v", err)
		}
		fmt.Fprintln(e.stdout, string(b))
	case "csv":
		if err := x.WriteCSV(e.stdout); err != nil {
			return err
		}
	default:
		fmt.Fprint(e.stdout, x.Text())
	}
	if x.Capped {
		fmt.Fprintf(e.stderr, "mapiblob: %s (--max %d, or a narrower --from/--to)\n", x.CapNote(), 10*x.MaxInstances)
	}
	return nil
}

func runICal(e *env, args []string) error {
	fs := newFlags("ical")
	sf := addSeriesFlags(fs)
	summary := fs.String("summary", "", "")
	location := fs.String("location", "", "")
	uid := fs.String("uid", "", "")
	profile := fs.String("profile", "standard", "")
	rest, err := parseFlags(fs, args, icalUsage, e)
	if err != nil {
		return err
	}
	var opt ical.ExportOptions
	switch *profile {
	case "standard":
	case "compatible":
		opt.Profile = ical.ProfileCompatible
	default:
		return usageErr("unknown --profile %q (want standard or compatible)", *profile)
	}
	if src, err := sf.items(e, rest); err != nil || src != nil {
		if err != nil {
			return err
		}
		if *summary != "" || *location != "" || *uid != "" {
			return usageErr("--summary, --location and --uid apply to blobs; an item has its own")
		}
		return runItemsICal(e, src, opt)
	}
	s, _, err := sf.read(e, rest)
	if err != nil {
		return err
	}
	if s.Appointment == nil {
		return invalidErr("ical needs an appointment's PidLidAppointmentRecur, not a task pattern")
	}
	opt.Summary, opt.Location, opt.UID = *summary, *location, *uid
	cal, notes, err := ical.Series(s.Appointment, s.Zone, opt)
	if err != nil {
		return invalidErr("%v", err)
	}
	fmt.Fprint(e.stdout, cal.String())
	for _, n := range notes {
		fmt.Fprintln(e.stderr, "mapiblob: note:", n)
	}
	return nil
}
