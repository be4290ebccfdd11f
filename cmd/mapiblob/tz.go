package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

const tzUsage = `mapiblob tz build --zone ZONE [flags]
mapiblob tz transitions [--year YEAR] INPUT
mapiblob tz drift [--zone IANA] [--from DATE] [--to DATE] [--recur INPUT --tz INPUT] [ITEM...]

build prints a time-zone blob as hex for a Windows key name ("Atlantic Standard
Time") or an IANA zone ("America/Halifax"), with one rule per year whose rules
changed and the current rule marked effective. The tzdef blob suits
PidLidAppointmentTimeZoneDefinitionRecur (with the tzstruct blob in
PidLidTimeZoneStruct); --display makes the blob for StartDisplay/EndDisplay.

transitions lists a year's changes of offset in UTC and local time, for a
tzdef or tzstruct blob.

drift is a dry run of a time-zone law change: for each series it compares
the rule stored with it (PidLidAppointmentTimeZoneDefinitionRecur or
PidLidTimeZoneStruct) with the current IANA rules of its zone (CLDR's zone
for the key name, or --zone), and lists every occurrence from --from
(default: now) to --to (default: five years later) whose instant differs,
with both times: the meetings Outlook will show at another hour until the
time-zone update tool rebases them. A series is given as --recur and --tz
blobs, or as an ITEM holding both (an MFCMAPI XML export); @DIR takes every
file of a folder as an item. Exit code 1 when a meeting moves.`

const tzExamples = `mapiblob tz build --zone "Atlantic Standard Time"
mapiblob tz build --zone Europe/Berlin --kind tzstruct
mapiblob tz build --zone "Eastern Standard Time" --display
mapiblob tz transitions --year 2026 @tzdef.hex
mapiblob tz drift --recur @appt.hex --tz @tzdef.hex`

// tzSubcommands are the subcommands of tz, each with its flags.
var tzSubcommands = []string{"build", "transitions", "drift"}

func runTZ(e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("tz needs a subcommand: build, transitions or drift (usage: %s)", firstLine(tzUsage))
	}
	switch args[0] {
	case "build":
		return runTZBuild(e, args[1:])
	case "transitions":
		return runTZTransitions(e, args[1:])
	case "drift":
		return runTZDrift(e, args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, commandHelp("tz"))
		return nil
	}
	return usageErr("unknown tz subcommand %q (want build, transitions or drift)", args[0])
}

func parseYears(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	first, err1 := strconv.Atoi(strings.TrimSpace(a))
	last, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || first > last || first < 1601 || last > 9999 {
		return 0, 0, usageErr("--years %q: want FIRST-LAST, e.g. 2000-2037", s)
	}
	return first, last, nil
}

func runTZBuild(e *env, args []string) error {
	fs := newFlags("tz build")
	zone := fs.String("zone", "", "the `ZONE`: a Windows key name (\"Atlantic Standard Time\") or an IANA zone (\"America/Halifax\")")
	years := fs.String("years", "2000-2037", "the years the blob covers, `FIRST-LAST`")
	kind := enumFlag(fs, "kind", "tzdef", "tzdef, a TZDEFINITION (PidLidAppointmentTimeZoneDefinition…); tzstruct, a TimeZoneStruct (PidLidTimeZoneStruct)",
		"tzdef", "tzstruct")
	display := fs.Bool("display", false, "clear TZRULE_FLAG_RECUR_CURRENT_TZREG on every rule, for PidLidAppointmentTimeZoneDefinitionStartDisplay and …EndDisplay")
	rest, err := parseFlags(fs, args, tzUsage, e)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageErr("tz build takes no input; name the zone with --zone")
	}
	if *zone == "" {
		return usageErr("tz build needs --zone (a Windows key name or an IANA zone)")
	}
	if *kind != "tzdef" && *kind != "tzstruct" {
		return usageErr("unknown --kind %q (want tzdef or tzstruct)", *kind)
	}
	first, last, err := parseYears(*years)
	if err != nil {
		return err
	}
	d, tz, err := tzdef.FromZoneName(*zone, first, last)
	if err != nil {
		return invalidErr("%v", err)
	}
	if *display {
		d = d.ForDisplay()
	}
	var b []byte
	if *kind == "tzstruct" {
		b, err = tz.MarshalBinary()
	} else {
		b, err = d.MarshalBinary()
	}
	if err != nil {
		return invalidErr("%v", err)
	}
	fmt.Fprintln(e.stdout, hexUpper(b))
	return nil
}

func runTZTransitions(e *env, args []string) error {
	fs := newFlags("tz transitions")
	year := fs.Int("year", time.Now().Year(), "list the changes of offset of `YEAR`")
	rest, err := parseFlags(fs, args, tzUsage, e)
	if err != nil {
		return err
	}
	if *year < 1601 || *year > 30827 {
		return usageErr("--year %d is out of range", *year)
	}
	o := &decodeOpts{kind: blob.KindAuto}
	results, err := decodeAll(e, o, rest)
	if err != nil {
		return err
	}
	for _, r := range results {
		var trs []tzdef.Transition
		var desc string
		switch v := r.Value.(type) {
		case *tzdef.Definition:
			if rule := v.RuleFor(*year); rule != nil {
				trs = v.Transitions(*year)
				desc = fmt.Sprintf("%s, rule from %d: %s", v.KeyName, rule.Year, rule.Describe())
			} else {
				desc = v.KeyName + ": no rules"
			}
		case *tzdef.TimeZoneStruct:
			rule := v.Rule()
			trs = v.Transitions(*year)
			desc = "TimeZoneStruct: " + rule.Describe()
		default:
			return invalidErr("transitions needs a time-zone blob, not %s", r.Kind)
		}
		fmt.Fprintf(e.stdout, "%d: %s\n", *year, desc)
		if len(trs) == 0 {
			fmt.Fprintln(e.stdout, "  no transitions")
		}
		for _, tr := range trs {
			what := "to standard time"
			if tr.ToDaylight {
				what = "to daylight time"
			}
			after := tr.UTC.In(time.FixedZone("", tr.OffsetTo))
			fmt.Fprintf(e.stdout, "  %s  %-16s local %s → %s (%s → %s)\n", tr.UTC.Format("2006-01-02 15:04Z"), what,
				tr.Local.Format("2006-01-02 15:04"), after.Format("15:04"), tzdef.FormatOffset(tr.OffsetFrom), tzdef.FormatOffset(tr.OffsetTo))
		}
	}
	return nil
}

func runTZDrift(e *env, args []string) error {
	fs := newFlags("tz drift")
	zone := fs.String("zone", "", "the `IANA` zone whose current rules the stored rule is compared with (default: the zone CLDR gives its key name)")
	fromS := fs.String("from", "", "compare the occurrences from `DATE` on (default: now)")
	toS := fs.String("to", "", "compare the occurrences before `DATE` (default: five years after --from)")
	recurArg := fs.String("recur", "", "the series' PidLidAppointmentRecur (`INPUT`: hex, @file or -)")
	tzArg := fs.String("tz", "", "the stored zone of --recur: its time-zone blob(s) (`INPUT`)")
	rest, err := parseFlags(fs, args, tzUsage, e)
	if err != nil {
		return err
	}
	if len(rest) == 0 && *recurArg == "" {
		return usageErr("tz drift needs a series: --recur and --tz, or ITEMs (item exports holding both)")
	}
	from, err := parseWhen(*fromS, time.UTC, "from")
	if err != nil {
		return err
	}
	if from.IsZero() {
		from = time.Now().UTC().Truncate(time.Minute)
	}
	to, err := parseWhen(*toS, time.UTC, "to")
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = from.AddDate(5, 0, 0)
	}
	type named struct {
		name   string
		series *smartview.Series
	}
	var series []named
	if *recurArg != "" {
		if *tzArg == "" {
			return usageErr("tz drift --recur needs --tz, the stored zone blob(s)")
		}
		s, err := readSeries(e, *recurArg, *tzArg, smartview.Options{})
		if err != nil {
			return err
		}
		series = append(series, named{"--recur", s})
	}
	var items []string
	for _, a := range rest {
		if dir, ok := strings.CutPrefix(a, "@"); ok {
			path := dir
			if e.dir != "" && !filepath.IsAbs(path) {
				path = filepath.Join(e.dir, path)
			}
			if st, err := os.Stat(path); err == nil && st.IsDir() {
				var srcs []itemSource
				if err := walkDir(path, dir, &srcs); err != nil {
					return usageErr("cannot read %s: %v", dir, err)
				}
				for _, src := range srcs {
					items = append(items, "@"+src.path)
				}
				continue
			}
		}
		items = append(items, a)
	}
	for _, item := range items {
		name := item
		if len(name) > 40 {
			name = sv.Clip(name, 37)
		}
		rs, err := decodeAll(e, &decodeOpts{kind: blob.KindAuto}, []string{item})
		if err != nil {
			return err
		}
		s, _ := smartview.SeriesOf(rs, nil, 0)
		series = append(series, named{name, s})
	}
	bad := false
	for _, ns := range series {
		name, s := ns.name, ns.series
		if s == nil || s.Appointment == nil || s.Zone == nil {
			fmt.Fprintf(e.stdout, "%s: no recurring meeting with a time zone\n", name)
			bad = true
			continue
		}
		loc, iana, key, err := s.CurrentRules(*zone)
		if errors.Is(err, smartview.ErrNoCurrentZone) {
			return usageErr("%s: %v with --zone", name, err)
		}
		if err != nil {
			return usageErr("--zone %v", err)
		}
		dr, err := s.Drift(loc, from, to)
		if err != nil {
			return invalidErr("%s: %v", name, err)
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", name, s.Appointment.RecurrencePattern.Describe())
		fmt.Fprintf(e.stdout, "  stored rule %q compared with IANA %s (%s)\n", key, iana, zoneSource())
		if dr.Since == 0 {
			fmt.Fprintf(e.stdout, "  the stored rule agrees with the current rules from %s to %s; %d occurrences, none at another hour\n",
				from.Format("2006-01-02"), to.Format("2006-01-02"), dr.Compared)
			continue
		}
		fmt.Fprintf(e.stdout, "  stored rule for %s is out of date since %d\n", key, dr.Since)
		for _, df := range dr.Differences {
			if !df.To.After(from) || !df.From.Before(to) {
				continue
			}
			fmt.Fprintf(e.stdout, "  %s – %s: stored %s, now %s\n", df.From.In(loc).Format("2006-01-02 15:04"), df.To.In(loc).Format("2006-01-02 15:04"),
				tzdef.FormatOffset(df.Stored), tzdef.FormatOffset(df.Current))
		}
		fmt.Fprintf(e.stdout, "  %d of %d occurrences from %s to %s are at another instant under the current rules:\n",
			len(dr.Drifted), dr.Compared, from.Format("2006-01-02"), to.Format("2006-01-02"))
		for _, r := range dr.Drifted {
			mod := ""
			if r.Modified {
				mod = " (modified)"
			}
			fmt.Fprintf(e.stdout, "  %s  stored %s (%s), current rules %s (%s); clients on the current rules show it at %s%s\n",
				r.Stored.Format("2006-01-02 15:04"), r.Stored.UTC().Format("15:04Z"), tzdef.FormatOffset(offsetOf(r.Stored)),
				r.Current.UTC().Format("15:04Z"), tzdef.FormatOffset(offsetOf(r.Current)), r.Stored.In(loc).Format("15:04"), mod)
		}
		bad = true
	}
	if bad {
		return &cliError{exitInvalid, ""}
	}
	return nil
}

func offsetOf(t time.Time) int { _, o := t.Zone(); return o }
