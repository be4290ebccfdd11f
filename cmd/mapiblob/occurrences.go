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
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/smartview"
)

const occurrencesUsage = `mapiblob occurrences --recur INPUT [flags]
mapiblob occurrences [flags] FILE|DIR...

Lists the meetings of a recurring series: PidLidAppointmentRecur (or a task's
PidLidTaskRecurrence) in --recur, and its time zone in --tz. Without --tz the
times are wall-clock times and the output says so. A series without end needs
--to or --limit.

With FILE|DIR (item files, see 'mapiblob help decode'), each recurring item's
series is expanded in its own zone; --format json writes one object per item
({"source", "item", "occurrences"}), one per line.`

const occurrencesExamples = `mapiblob occurrences --recur @appt.hex --tz @tzdef.hex --from 2026-01-01 --to 2026-12-31
mapiblob occurrences --recur @appt.hex --tz "Eastern Standard Time" --limit 5 --format json
mapiblob occurrences --from 2026-01-01 --to 2026-12-31 meeting.msg`

const icalUsage = `mapiblob ical --recur INPUT --tz INPUT [flags]
mapiblob ical [flags] FILE|DIR...

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

const icalExamples = `mapiblob ical --recur @appt.hex --tz @tzdef.hex --summary "Weekly sync" > series.ics
mapiblob ical --recur @appt.hex --tz @tzdef.hex --profile compatible
mapiblob ical Calendar/ > calendar.ics`

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
	if name := strings.TrimSpace(arg); !strings.HasPrefix(name, "@") && name != "-" && input.IsZoneName(name) {
		zs, err := smartview.ZoneNamed(name)
		if err != nil {
			return nil, invalidErr("--tz: %v", err)
		}
		return zs, nil
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

// parseWhen reads the date of flag --name as smartview.ParseDate does
// ("" is no bound); one it cannot read is a usage error.
func parseWhen(s string, loc *time.Location, name string) (time.Time, error) {
	t, err := smartview.ParseDate(s, loc)
	if err != nil {
		return time.Time{}, usageErr("--%s %v", name, err)
	}
	return t, nil
}

// seriesFlags are the flags occurrences and ical share.
type seriesFlags struct {
	recur, tz, codepage *string
	folders             folderFlags
}

func addSeriesFlags(fs *flag.FlagSet) seriesFlags {
	return seriesFlags{
		fs.String("recur", "", "the series' pattern: a PidLidAppointmentRecur or PidLidTaskRecurrence blob, or an item file; `INPUT` as decode reads it"),
		fs.String("tz", "", "the series' time zone: a PidLidAppointmentTimeZoneDefinitionRecur or PidLidTimeZoneStruct blob (`INPUT`), "+
			"or a Windows key name or IANA zone; an item's series uses its own"),
		fs.String("codepage", "", codePageUsage),
		addFolderFlags(fs),
	}
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
	return src, f.folders.apply(src)
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
	fromArg := fs.String("from", "", "list from this `DATE`: 2026-03-01 or 2026-03-01T09:00 in the series' zone, or an RFC 3339 instant; the series' start when not given")
	toArg := fs.String("to", "", "list up to this `DATE`, in the forms --from takes; a date includes its whole day")
	limit := fs.Int("limit", 0, "list at most `N` occurrences (0: no limit)")
	maxArg := fs.Int("max", recurrence.DefaultMaxInstances, "walk at most `N` dates of the pattern, deleted ones included; reaching it is said on standard error")
	format := enumFlag(fs, "format", "text", "text for people; json, an array of occurrences (one object per item and line for item files); csv, a row per occurrence",
		"text", "json", "csv")
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
		return runItemsOccurrences(e, src, *format, smartview.ExpandOptions{Limit: *limit, Cap: *maxArg}, *fromArg, *toArg)
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
	x, err := s.Expand(smartview.ExpandOptions{From: from, To: to, Limit: *limit, Cap: *maxArg})
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
		fmt.Fprintf(e.stderr, "mapiblob: %s (--max %d, or a narrower --from/--to)\n", x.CapNote(), 10*x.Cap)
	}
	return nil
}

func runICal(e *env, args []string) error {
	fs := newFlags("ical")
	sf := addSeriesFlags(fs)
	summary := fs.String("summary", "", "the events' SUMMARY, `TEXT` (the blob does not hold the subject)")
	location := fs.String("location", "", "the events' LOCATION, `TEXT`")
	uid := fs.String("uid", "", "the events' `UID`; one derived from the blob when not given")
	profile := enumFlag(fs, "profile", "standard", "standard, one exact RRULE, as Outlook reads it; compatible, the form Thunderbird and Evolution read right (see above)",
		"standard", "compatible")
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
