package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/tzdef"
)

const tzUsage = `mapiblob tz build --zone ZONE [--years 2000-2037] [--kind tzdef|tzstruct] [--display]
mapiblob tz transitions [--year YEAR] INPUT

build prints a time-zone blob as hex for a Windows key name ("Atlantic Standard
Time") or an IANA zone ("America/Halifax"), with one rule per year whose rules
changed and the current rule marked effective. The tzdef blob suits
PidLidAppointmentTimeZoneDefinitionRecur (with the tzstruct blob in
PidLidTimeZoneStruct); --display clears the recurrence flag for the
StartDisplay/EndDisplay properties.

transitions lists a year's changes of offset (default: this year) in UTC and
local time, for a tzdef or tzstruct blob.`

func runTZ(e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("tz needs a subcommand: build or transitions (usage: %s)", firstLine(tzUsage))
	}
	switch args[0] {
	case "build":
		return runTZBuild(e, args[1:])
	case "transitions":
		return runTZTransitions(e, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, tzUsage)
		return nil
	}
	return usageErr("unknown tz subcommand %q (want build or transitions)", args[0])
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
	zone := fs.String("zone", "", "")
	years := fs.String("years", "2000-2037", "")
	kind := fs.String("kind", "tzdef", "")
	display := fs.Bool("display", false, "")
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
	year := fs.Int("year", time.Now().Year(), "")
	rest, err := parseFlags(fs, args, tzUsage, e)
	if err != nil {
		return err
	}
	if *year < 1601 || *year > 30827 {
		return usageErr("--year %d is out of range", *year)
	}
	o := &decodeOpts{kind: mapiblob.KindAuto}
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
