package main

import (
	"fmt"

	"github.com/mapiblob/mapiblob/item/mfcxml"
)

const repairUsage = `mapiblob repair tz [flags] ITEM

Writes the consistent set of time-zone properties for the meeting in ITEM (a
.msg, TNEF, .eml or MFCMAPI XML file): PidLidAppointmentTimeZoneDefinition-
StartDisplay, …EndDisplay, …Recur, PidLidTimeZoneStruct and
PidLidTimeZoneDescription, each as hex ready to paste into MFCMAPI's property
editor, and as an MFCMAPI-style XML fragment. Without --zone the zone is
inferred from the item's time-zone properties that name one, and the output
says which; when none names one, or they disagree, nothing is written: give
--zone. This repairs the empty key name that crashes Outlook 2010 after
KB 2553248.`

const repairExamples = `mapiblob repair tz export.xml
mapiblob repair tz --zone "Atlantic Standard Time" meeting.msg
mapiblob repair tz --format xml export.xml > fixed.xml`

func runRepair(e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("repair needs a subcommand: tz (usage: %s)", firstLine(repairUsage))
	}
	switch args[0] {
	case "tz":
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, commandHelp("repair"))
		return nil
	default:
		return usageErr("unknown repair subcommand %q (want tz)", args[0])
	}
	fs := newFlags("repair tz")
	zone := fs.String("zone", "", "the meeting's `ZONE`, a Windows key name (\"Atlantic Standard Time\") or an IANA zone; inferred when not given")
	format := enumFlag(fs, "format", "both", "text, each property as hex for MFCMAPI's property editor; xml, an MFCMAPI-style XML fragment; both",
		"text", "xml", "both")
	rest, err := parseFlags(fs, args[1:], repairUsage, e)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "xml" && *format != "both" {
		return usageErr("unknown --format %q (want text, xml or both)", *format)
	}
	if len(rest) != 1 {
		return usageErr("repair tz takes one ITEM file (usage: %s)", firstLine(repairUsage))
	}
	src, err := itemArgs(e, rest)
	if err != nil {
		return err
	}
	if len(src) != 1 {
		return usageErr("%s is not an item file (.msg, TNEF, .eml or MFCMAPI XML)", rest[0])
	}
	fr := &fileResult{src: src[0]}
	readItemFile(fr)
	if fr.err != nil {
		if fr.io {
			return usageErr("cannot read %s: %v", src[0].path, fr.err)
		}
		return invalidErr("%s: %v", src[0].path, fr.err)
	}
	for i, it := range fr.items {
		r, err := it.RepairTZ(*zone)
		if err != nil {
			return invalidErr("%s: %v", it.Label(), err)
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if len(fr.items) > 1 {
			fmt.Fprintf(e.stdout, "== %s\n", it.Label())
		}
		if r.Inferred != "" {
			fmt.Fprintf(e.stderr, "mapiblob: no --zone given: using %q, %s\n", r.Zone, r.Inferred)
		}
		if *format != "xml" {
			note := "given with --zone"
			if r.Inferred != "" {
				note = "inferred: " + r.Inferred
			}
			fmt.Fprintf(e.stdout, "# time-zone properties for %s (%s)\n", r.Zone, note)
			fmt.Fprint(e.stdout, r.Text())
		}
		if *format != "text" {
			fmt.Fprint(e.stdout, mfcxml.MarshalProperties(r.Properties, "repair"))
		}
	}
	return nil
}
