package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/proptag"
)

const importUsage = `mapiblob import [--format hex|xml|json] [--floating ZONE] [--expand] [--codepage CP] FILE.ics

Turns iCalendar into the properties Outlook keeps on an item: for each series
(a VEVENT with RRULE and its RECURRENCE-ID overrides), single event and VTODO,
PidLidAppointmentRecur with its exceptions, the time-zone blobs built from the
VTIMEZONE or from a Windows or IANA TZID, the GlobalObjectId pair from the
UID, the start and end, and PidLidRecurrencePattern's description.

FILE.ics may also be @path, or - (or nothing) for standard input.

--format hex   one line per property: name, tag (or set:LID), type, value hex
--format xml   an MFCMAPI-style XML export, one <item> per item; 'mapiblob decode'
               reads it back (named properties get placeholder ids 0x8000…)
--format json  the items with their properties and warnings
--floating     the zone of floating times (a Windows key name or IANA zone);
               without it floating times are refused and all-day dates read in UTC
--expand       an RRULE Outlook cannot hold (BYHOUR, FREQ=HOURLY, RDATE…)
               becomes single items instead of an error

Warnings (what was assumed or could not be kept) go to standard error.`

func runImport(e *env, args []string) error {
	fs := newFlags("import")
	format := fs.String("format", "hex", "")
	floating := fs.String("floating", "", "")
	expand := fs.Bool("expand", false, "")
	cp := fs.String("codepage", "", "")
	rest, err := parseFlags(fs, args, importUsage, e)
	if err != nil {
		return err
	}
	if *format != "hex" && *format != "xml" && *format != "json" {
		return usageErr("unknown --format %q (want hex, xml or json)", *format)
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
	items, ierr := ical.ImportBytes(b, opt)
	if len(items) == 0 && ierr != nil {
		if errors.Is(ierr, ical.ErrFloating) {
			return invalidErr("%v; give it with --floating ZONE", ierr)
		}
		return invalidErr("%v", ierr)
	}
	for i := range items {
		for _, w := range items[i].Warnings {
			fmt.Fprintf(e.stderr, "mapiblob: warning: item %d (%s %q): %s\n", i+1, items[i].Component, items[i].UID, w)
		}
	}
	switch *format {
	case "hex":
		writeImportHex(e, items)
	case "xml":
		fmt.Fprint(e.stdout, importXML(items))
	case "json":
		out, err := json.MarshalIndent(importJSON(items), "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, string(out))
	}
	if ierr != nil {
		return invalidErr("%v", ierr)
	}
	return nil
}

func itemTitle(it *ical.Item) string {
	kind := "single"
	switch {
	case it.Appointment != nil:
		kind = "series"
	case it.Task != nil:
		kind = "recurring task"
	case it.Component == "VTODO":
		kind = "task"
	case !it.Instance.IsZero():
		kind = "occurrence " + it.Instance.Format("2006-01-02T15:04")
	}
	return fmt.Sprintf("%s %q (%s)", it.Component, it.UID, kind)
}

func writeImportHex(e *env, items []ical.Item) {
	for i := range items {
		it := &items[i]
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "# item %d: %s\n", i+1, itemTitle(it))
		for _, p := range it.Properties {
			fmt.Fprintf(e.stdout, "%s %s %s %X\n", p.Name, p.ID(), p.Type, p.Bytes())
		}
	}
}

// xmlValue is a property's <Value> as MFCMAPI writes it: "cb: N lpb: HEX"
// for binary values, the text otherwise.
func xmlValue(p *ical.Property) (string, string) {
	switch v := p.Value.(type) {
	case []byte:
		return fmt.Sprintf("cb: %d lpb: %X", len(v), v), ""
	case string:
		return v, ""
	case int32:
		return fmt.Sprint(v), fmt.Sprintf("0x%X", uint32(v))
	case bool:
		if v {
			return "True", ""
		}
		return "False", ""
	case time.Time:
		b := p.Bytes()
		return v.UTC().Format("03:04:05.000 PM 1/2/2006"), fmt.Sprintf("Low: 0x%02X%02X%02X%02X High: 0x%02X%02X%02X%02X", b[3], b[2], b[1], b[0], b[7], b[6], b[5], b[4])
	}
	return "", ""
}

// importXML writes the items as MFCMAPI's XML property export writes a
// message: one <property> per property, named ones with NamedPropGUID and
// NamedPropName. A store assigns named-property ids itself, so those tags
// are placeholders from 0x8000 up; readers go by the GUID and LID.
func importXML(items []ical.Item) string {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<items>\n")
	for i := range items {
		it := &items[i]
		fmt.Fprintf(&b, "  <item n=\"%d\" component=\"%s\" uid=\"%s\">\n", i+1, it.Component, html.EscapeString(it.UID))
		next := uint16(0x8000)
		for _, p := range it.Properties {
			tag := p.Tag
			if p.Named() {
				tag = proptag.NewTag(next, p.Type)
				next++
			}
			fmt.Fprintf(&b, "    <property tag = \"0x%08X\" type = \"%s\">\n", uint32(tag), p.Type)
			if p.Named() {
				fmt.Fprintf(&b, "      <NamedPropGUID>%s = %s</NamedPropGUID>\n", p.Set, p.SetName)
				fmt.Fprintf(&b, "      <NamedPropName>id: 0x%04X=%d = %s</NamedPropName>\n", p.LID, p.LID, p.Name)
			} else {
				fmt.Fprintf(&b, "      <PropertyName>%s</PropertyName>\n", p.Name)
			}
			v, alt := xmlValue(&p)
			fmt.Fprintf(&b, "      <Value>%s</Value>\n", html.EscapeString(v))
			if alt != "" {
				fmt.Fprintf(&b, "      <AltValue>%s</AltValue>\n", alt)
			}
			b.WriteString("    </property>\n")
		}
		b.WriteString("  </item>\n")
	}
	b.WriteString("</items>\n")
	return b.String()
}

type jsonProp struct {
	Name  string `json:"name"`
	ID    string `json:"id"`
	Type  string `json:"type"`
	Hex   string `json:"hex"`
	Value any    `json:"value,omitempty"`
}

type jsonItem struct {
	Component  string     `json:"component"`
	UID        string     `json:"uid"`
	Instance   string     `json:"instance,omitempty"`
	Warnings   []string   `json:"warnings,omitempty"`
	Properties []jsonProp `json:"properties"`
}

func importJSON(items []ical.Item) []jsonItem {
	out := make([]jsonItem, 0, len(items))
	for i := range items {
		it := &items[i]
		ji := jsonItem{Component: it.Component, UID: it.UID, Warnings: it.Warnings, Properties: []jsonProp{}}
		if !it.Instance.IsZero() {
			ji.Instance = it.Instance.Format("2006-01-02T15:04:05")
		}
		for _, p := range it.Properties {
			jp := jsonProp{Name: p.Name, ID: p.ID(), Type: p.Type.String(), Hex: strings.ToUpper(hex.EncodeToString(p.Bytes()))}
			if _, bin := p.Value.([]byte); !bin {
				jp.Value = p.Value
			}
			ji.Properties = append(ji.Properties, jp)
		}
		out = append(out, ji)
	}
	return out
}
