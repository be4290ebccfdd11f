package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/guidtext"
)

const guidUsage = `mapiblob guid [flags] INPUT
mapiblob guid --exmerge-log FILE [--format FORMAT]

Converts a GUID between every form an Exchange administrator meets: the GUID
string, ADSI Edit hex, compact hex, the LDAP filter escape, base64 (LDIF), the
ExMerge.log escape and a PowerShell byte array. The form of INPUT is detected
and named on the "read as:" line. Bare 32 hex digits are read as bytes in wire
order; PowerShell's [guid]'…', [guid]::Parse('…'), New-Object Guid '…' are GUID
strings, and .ToByteArray() output is decimal bytes.

With --exmerge-log it lists every mailbox ExMerge could not identify, with its
legacyExchangeDN, the GUID in every form, a PowerShell command that finds the
user by legacyExchangeDN and sets the GUID, and an LDIF to complete with the
user's DN. The log may be UTF-8 or UTF-16. A line whose GUID is not exactly 16
bytes is reported on standard error with its line number (nothing is guessed)
and the exit code is 1.`

const guidExamples = `mapiblob guid 'C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7'
mapiblob guid --to adsi '{66960343-B15D-443B-8199-1F9143325B37}'
mapiblob guid --as string 66960343B15D443B81991F9143325B37
mapiblob guid --exmerge-log ExMerge.log
mapiblob guid --exmerge-log ExMerge.log --format csv > mailboxes.csv`

// formNames are the names of guid.Forms, as --to and --as take them.
func formNames() []string {
	var names []string
	for _, f := range guid.Forms() {
		names = append(names, f.String())
	}
	return names
}

func runGUID(e *env, args []string) error {
	fs := newFlags("guid")
	to := enumFlag(fs, "to", "", "print the GUID in this form only", formNames()...)
	as := enumFlag(fs, "as", "auto", "read INPUT in this form; auto detects it, and string reads 32 bare hex digits as a GUID string without dashes",
		append([]string{guid.FormAuto.String()}, formNames()...)...)
	logPath := fs.String("exmerge-log", "", "list the mailboxes the ExMerge.log `FILE` could not identify, with what sets each GUID back")
	format := enumFlag(fs, "format", "text", "what --exmerge-log prints: text for people; json, one JSON object per mailbox (NDJSON); csv, a row per mailbox",
		"text", "json", "csv")
	rest, err := parseFlags(fs, args, guidUsage, e)
	if err != nil {
		return err
	}
	if *logPath != "" {
		if len(rest) > 0 {
			return usageErr("--exmerge-log takes no other input")
		}
		return scanLog(e, *logPath, *format)
	}
	var toForm guid.Form
	if *to != "" {
		f, ok := guid.ParseForm(*to)
		if !ok || f == guid.FormAuto {
			return usageErr("unknown --to %q (want exmerge, adsi, hex, ldap, base64, string or powershell)", *to)
		}
		toForm = f
	}
	asForm, ok := guid.ParseForm(*as)
	if !ok {
		return usageErr("unknown --as %q", *as)
	}
	// A GUID in ExMerge form may contain spaces, so the text is used as it
	// is rather than split into words.
	text, err := readText(e, rest)
	if err != nil {
		return err
	}
	text = strings.TrimRight(text, "\r\n")
	var g guid.GUID
	var detail *guid.Detail
	if asForm == guid.FormAuto {
		var d guid.Detail
		g, d, err = guid.ParseDetail(text)
		detail = &d
	} else {
		g, err = guid.ParseAs(text, asForm)
	}
	if err != nil {
		return invalidErr("%v", err)
	}
	if toForm != guid.FormAuto {
		fmt.Fprintln(e.stdout, g.Format(toForm))
		if detail != nil && detail.Ambiguous {
			fmt.Fprintf(e.stderr, "mapiblob: note: %s (--as string for that)\n", detail)
		}
		return nil
	}
	guidtext.WriteGUID(e.stdout, g, detail)
	return nil
}

type logRow struct {
	Line             int               `json:"line"`
	Timestamp        string            `json:"timestamp,omitempty"`
	LegacyExchangeDN string            `json:"legacyExchangeDN"`
	GUID             map[string]string `json:"guid"`
	PowerShell       string            `json:"powershell"`
	LDIF             string            `json:"ldif"`
}

func scanLog(e *env, path, format string) error {
	if format != "text" && format != "json" && format != "csv" {
		return usageErr("unknown --format %q (want text, json or csv)", format)
	}
	f, err := e.open(path)
	if err != nil {
		return usageErr("cannot read %s: %v", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return usageErr("%s is a directory, not a file", path)
	}
	var recs []guid.ExMergeRecord
	var warnings []string
	for rec, err := range guid.ScanExMergeLog(f) {
		if err != nil {
			var le *guid.LogLineError
			if !errors.As(err, &le) {
				return usageErr("reading %s: %v", path, err)
			}
			warnings = append(warnings, err.Error())
			continue
		}
		recs = append(recs, rec)
	}
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "mapiblob: %s: %s\n", path, w)
	}
	switch format {
	case "json": // NDJSON: one object per mailbox, one per line
		for _, rec := range recs {
			forms := map[string]string{}
			for _, fm := range guid.Forms() {
				forms[fm.String()] = rec.GUID.Format(fm)
			}
			b, _ := json.Marshal(logRow{Line: rec.Line, Timestamp: rec.Timestamp, LegacyExchangeDN: rec.LegacyExchangeDN,
				GUID: forms, PowerShell: rec.PowerShell(), LDIF: rec.LDIF()})
			fmt.Fprintln(e.stdout, string(b))
		}
	case "csv":
		w := csv.NewWriter(e.stdout)
		header := []string{"line", "legacyExchangeDN"}
		for _, fm := range guid.Forms() {
			header = append(header, fm.String())
		}
		header = append(header, "powershell")
		_ = w.Write(header)
		for _, r := range recs {
			row := []string{fmt.Sprint(r.Line), r.LegacyExchangeDN}
			for _, fm := range guid.Forms() {
				row = append(row, r.GUID.Format(fm))
			}
			_ = w.Write(append(row, r.PowerShell()))
		}
		w.Flush()
	default:
		source := path
		if len(warnings) > 0 {
			source = "" // refused lines: the log does name mailboxes
		}
		guidtext.WriteExMerge(e.stdout, recs, source)
	}
	if len(warnings) > 0 {
		return invalidErr("%s: %d line(s) name a msExchMailboxGuid that is not exactly 16 bytes; nothing was guessed for them", path, len(warnings))
	}
	return nil
}
