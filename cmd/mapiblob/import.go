package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/item/mfcxml"
)

const importUsage = `mapiblob import [flags] FILE.ics

Turns iCalendar into the properties Outlook keeps on an item: for each series
(a VEVENT with RRULE and its RECURRENCE-ID overrides), single event and VTODO,
PidLidAppointmentRecur with its exceptions, the time-zone blobs built from the
VTIMEZONE or from a Windows or IANA TZID, the GlobalObjectId pair from the
UID, the start and end, and PidLidRecurrencePattern's description. Each item
is named by its component and UID ("/VEVENT/UID", with the original start
of an occurrence imported on its own).

FILE.ics may also be @path, or - (or nothing) for standard input.

Warnings (what was assumed or could not be kept) go to standard error.`

func runImport(e *env, args []string) error {
	fs := newFlags("import")
	format := enumFlag(fs, "format", "text", "text: each item as 'mapiblob decode' prints one, every blob decoded; "+
		"xml: an MFCMAPI XML export (one <message>, or a contents table of several), which 'mapiblob decode' reads back; "+
		"json: one item per line in decode's item JSON form, the warnings as its findings (ICAL_IMPORT_WARNING)", "text", "xml", "json")
	floating := fs.String("floating", "", "the `ZONE` of floating times (a Windows key name or IANA zone); without it floating times are refused and all-day dates read in UTC")
	expand := fs.Bool("expand", false, "an RRULE Outlook cannot hold (BYHOUR, FREQ=HOURLY, RDATE…) becomes single items instead of an error")
	cp := fs.String("codepage", "", codePageUsage)
	rest, err := parseFlags(fs, args, importUsage, e)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "xml" && *format != "json" {
		return usageErr("unknown --format %q (want text, xml or json)", *format)
	}
	opt := ical.ImportOptions{FloatingZone: *floating, Expand: *expand}
	if *cp != "" {
		c, ok := blob.ParseCodePage(*cp)
		if !ok {
			return usageErr("unknown --codepage %q", *cp)
		}
		opt.CodePage = c
	}
	if len(rest) == 1 && rest[0] != "-" && !strings.HasPrefix(rest[0], "@") {
		rest = []string{"@" + rest[0]}
	}
	if len(rest) > 1 {
		return usageErr("import takes one file (usage: %s)", firstLine(importUsage))
	}
	b, err := readBytes(e, rest)
	if err != nil {
		return err
	}
	items, warns, ierr := ical.ImportBytes(b, opt)
	if len(items) == 0 && ierr != nil {
		if errors.Is(ierr, ical.ErrFloating) {
			return invalidErr("%v; give it with --floating ZONE", ierr)
		}
		return invalidErr("%v", ierr)
	}
	findings := make([][]blob.Finding, len(items))
	for _, w := range warns {
		fmt.Fprintf(e.stderr, "mapiblob: warning: item %d (%s): %s\n", w.Item+1, items[w.Item].Path, w.Message)
		findings[w.Item] = append(findings[w.Item], w.Finding())
	}
	switch *format {
	case "text":
		for _, it := range items {
			if err := it.WriteText(e.stdout, false); err != nil {
				return err
			}
		}
	case "xml":
		if _, err := e.stdout.Write(mfcxml.Marshal(items...)); err != nil {
			return err
		}
	case "json":
		var line []byte
		for i, it := range items {
			if line, err = it.AppendJSON(line[:0], findings[i]); err != nil {
				return err
			}
			if _, err := e.stdout.Write(append(line, '\n')); err != nil {
				return err
			}
		}
	}
	if ierr != nil {
		return invalidErr("%v", ierr)
	}
	return nil
}
