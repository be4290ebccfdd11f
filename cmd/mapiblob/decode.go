package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/smartview"
)

const decodeUsage = `mapiblob decode [flags] [INPUT]
mapiblob decode [flags] FILE|DIR...

Decodes each blob of INPUT: a time-zone definition or TimeZoneStruct, a
recurrence pattern, or a GlobalObjectId, the structure chosen from the property
an MFCMAPI XML export names, else from the bytes.

` + itemsHelp

const decodeExamples = `mapiblob decode @blob.hex
mapiblob decode --format smartview 'cb: 48 lpb: 2C01…'
mapiblob decode --codepage 932 @appt.hex
mapiblob decode @export.xml
mapiblob decode --format json Calendar/`

const checkUsage = `mapiblob check [flags] [INPUT]
mapiblob check [flags] FILE|DIR...

Prints each blob's findings: code, severity, field path and what Outlook does
with it. Exits 1 when a finding has error severity.

` + itemsHelp

const checkExamples = `mapiblob check @startdisplay.hex
mapiblob check export.xml
mapiblob check --format json Calendar/`

const itemsHelp = `FILE|DIR: whole items — Outlook .msg files, TNEF (winmail.dat, raw or base64),
.eml messages with a TNEF part, MFCMAPI XML exports (one message, or several in
a contents table) — and directories of them (.msg .eml .tnef .dat .xml .b64,
read recursively). Every property is shown by its name, each binary one this
tool decodes is decoded, and one that does not decode keeps its error while
the rest go on. check adds the item checks of Microsoft's Calendar Checking
Tool and, for several items, the recurring-meeting limit and duplicates.
--format json writes one JSON object per item, one per line (NDJSON); check
ends with a {"set": …} line. A file that cannot be read is reported on
standard error and the rest go on.`

// codePageUsage is the usage of every --codepage flag.
const codePageUsage = "decode the 8-bit subjects and locations of appointment exceptions with code page `CP`, " +
	"a number or a name (932, shift_jis, windows-1250, utf-8); windows-1252 when not given"

type decodeOpts struct {
	kind    blob.Kind
	format  string
	opt     smartview.Options
	input   input.Mode
	folders folderFlags // the folders of a mailbox the item commands read
}

// decodeFlags parses the flags decode and check share; formatUsage says
// what each of formats prints.
func decodeFlags(name, usage string, e *env, args []string, formatUsage string, formats ...string) (*decodeOpts, []string, error) {
	fs := newFlags(name)
	kind := enumFlag(fs, "kind", "auto", "the structure of every blob, by its kind or MFCMAPI's parser name (CONVERSATIONINDEX) in any letter case; "+
		"auto picks it from the property an MFCMAPI XML export names, else from the bytes of the structures that have a signature",
		kindValues()...)
	format := enumFlag(fs, "format", "text", formatUsage, formats...)
	cp := fs.String("codepage", "", codePageUsage)
	inMode := enumFlag(fs, "input", "auto", "how to read INPUT: auto takes binary data (a .bin file of the blob's bytes) as the blob and detects the text form; the others force one",
		"auto", "hex", "base64", "binary", "xml")
	folders := addFolderFlags(fs)
	rest, err := parseFlags(fs, args, usage, e)
	if err != nil {
		return nil, nil, err
	}
	o := &decodeOpts{format: *format, folders: folders}
	if o.input, err = inputMode(*inMode); err != nil {
		return nil, nil, err
	}
	k, ok := smartview.ParseKind(*kind)
	if !ok {
		return nil, nil, usageErr("unknown --kind %q (want auto, %s, or MFCMAPI's parser name of one)", *kind, strings.Join(kindValues()[1:], ", "))
	}
	o.kind = k
	valid := false
	for _, f := range formats {
		valid = valid || f == o.format
	}
	if !valid {
		return nil, nil, usageErr("unknown --format %q (want %s)", o.format, strings.Join(formats, ", "))
	}
	if o.opt, err = codePageOption(*cp); err != nil {
		return nil, nil, err
	}
	return o, rest, nil
}

// kindValues are the values --kind lists: auto and every registered kind.
func kindValues() []string {
	out := []string{"auto"}
	for _, k := range smartview.Kinds() {
		out = append(out, string(k))
	}
	return out
}

// codePageOption reads a --codepage value ("" keeps the default).
func codePageOption(s string) (smartview.Options, error) {
	var opt smartview.Options
	if s == "" {
		return opt, nil
	}
	c, ok := blob.ParseCodePage(s)
	if !ok {
		return opt, usageErr("unknown --codepage %q (e.g. 1252, 932, shift_jis, windows-1250, utf-8)", s)
	}
	opt.CodePage = c
	return opt, nil
}

func decodeAll(e *env, o *decodeOpts, args []string) ([]*smartview.Result, error) {
	_, rs, err := decodeBlobs(e, o, args)
	return rs, err
}

func decodeBlobs(e *env, o *decodeOpts, args []string) ([]input.Blob, []*smartview.Result, error) {
	raw, err := readBytes(e, args)
	if err != nil {
		return nil, nil, err
	}
	blobs, err := input.ParseBytes(raw, o.input)
	if err != nil {
		return nil, nil, invalidErr("input: %v", err)
	}
	out := make([]*smartview.Result, 0, len(blobs))
	for i, b := range blobs {
		opt := o.opt
		opt.Kind, opt.Property = o.kind, b.Identity
		r, err := smartview.Decode(b.Bytes, opt)
		if err != nil {
			where := ""
			if len(blobs) > 1 || blobName(b) != "" {
				where = blobLabel(i, b) + ": "
			}
			if errors.Is(err, smartview.ErrUnknownKind) {
				return nil, nil, invalidErr("%s%v; name the kind with --kind", where, err)
			}
			return nil, nil, invalidErr("%s%v", where, err)
		}
		out = append(out, r)
	}
	return blobs, out, nil
}

func runDecode(e *env, args []string) error {
	o, rest, err := decodeFlags("decode", decodeUsage, e, args,
		"text for people; json, one JSON object per blob (per item for item files, NDJSON); smartview, what MFCMAPI's SmartView pane shows",
		"text", "json", "smartview")
	if err != nil {
		return err
	}
	if src, err := itemArgs(e, rest); err != nil || src != nil {
		if err == nil {
			err = o.folders.apply(src)
		}
		if err != nil {
			return err
		}
		return runItemsDecode(e, o, src)
	}
	results, err := decodeAll(e, o, rest)
	if err != nil {
		return err
	}
	for i, r := range results {
		switch o.format {
		case "json":
			b, err := json.Marshal(r)
			if err != nil {
				return invalidErr("json: %v", err)
			}
			fmt.Fprintln(e.stdout, string(b))
		case "smartview":
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			fmt.Fprintln(e.stdout, r.SmartView())
		default:
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			fmt.Fprintln(e.stdout, r.Text())
		}
	}
	return nil
}

func runCheck(e *env, args []string) error {
	o, rest, err := decodeFlags("check", checkUsage, e, args,
		"text, a line per finding; json, one JSON object per blob with its findings (per item for item files, NDJSON, then a {\"set\": …} line)",
		"text", "json")
	if err != nil {
		return err
	}
	if src, err := itemArgs(e, rest); err != nil || src != nil {
		if err == nil {
			err = o.folders.apply(src)
		}
		if err != nil {
			return err
		}
		return runItemsCheck(e, o, src)
	}
	blobs, results, err := decodeBlobs(e, o, rest)
	if err != nil {
		return err
	}
	bad := false
	if cross := smartview.CrossCheck(results); len(cross) > 0 {
		for _, f := range cross {
			if o.format == "json" {
				b, _ := json.Marshal(struct {
					Kind     string         `json:"kind"`
					Findings []blob.Finding `json:"findings"`
				}{"crosscheck", []blob.Finding{f}})
				fmt.Fprintln(e.stdout, string(b))
			} else {
				fmt.Fprintf(e.stdout, "TimeZoneStruct vs TZDefRecur: %-7s %s %s: %s\n", f.Severity, f.Code, f.Path, f.Message)
			}
			if f.Severity == blob.Error {
				bad = true
			}
		}
	}
	for i, r := range results {
		if o.format == "json" {
			fs := r.Findings
			if fs == nil {
				fs = []blob.Finding{}
			}
			b, _ := json.Marshal(struct {
				Kind     blob.Kind      `json:"kind"`
				Findings []blob.Finding `json:"findings"`
			}{r.Kind, fs})
			fmt.Fprintln(e.stdout, string(b))
		} else {
			prefix := ""
			if len(results) > 1 {
				prefix = fmt.Sprintf("%s (%s): ", blobLabel(i, blobs[i]), r.Kind)
			}
			if len(r.Findings) == 0 {
				fmt.Fprintf(e.stdout, "%s%s: no findings\n", prefix, r.Kind)
			}
			for _, f := range r.Findings {
				path := f.Path
				if path == "" {
					path = "-"
				}
				fmt.Fprintf(e.stdout, "%s%-7s %s %s: %s\n", prefix, f.Severity, f.Code, path, f.Message)
			}
		}
		for _, f := range r.Findings {
			if f.Severity == blob.Error {
				bad = true
			}
		}
	}
	if bad {
		return &cliError{code: exitInvalid}
	}
	return nil
}

// blobName is the name of the property a blob was read from (an MFCMAPI
// export names it), or "".
func blobName(b input.Blob) string {
	if p, ok := b.Identity.Property(); ok {
		return p.DisplayName()
	}
	return ""
}

// blobLabel names a blob in messages: its property's name, else its
// place among the input's blobs.
func blobLabel(i int, b input.Blob) string {
	if n := blobName(b); n != "" {
		return n
	}
	return fmt.Sprintf("blob %d", i+1)
}
