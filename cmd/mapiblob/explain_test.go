package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/explain"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/internal/seed"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// The web page shows explain.Explain; the CLI prints the same answers.
func TestExplainMatchesCLI(t *testing.T) {
	root := "../.."
	seedXML, err := seed.SeedExport(root)
	require.NoError(t, err)
	series, err := seed.SeriesExport(root)
	require.NoError(t, err)
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(root, p))
		require.NoError(t, err)
		return string(b)
	}
	inputs := map[string]string{
		"seed export":    seedXML,
		"series export":  series,
		"apptrecur hex":  read("testdata/samples/weekly-standup.apptrecur.hex"),
		"task hex":       read("testdata/samples/monthly-task.recur.hex"),
		"tzstruct":       read("testdata/samples/eastern.tzstruct.hex"),
		"goid":           read("testdata/goid/outlook-exception.goid.hex"),
		"mfcmapi cb lpb": "cb: 48 lpb: " + strings.TrimSpace(read("testdata/samples/eastern.tzstruct.hex")),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			x := explain.Explain(in, explain.Options{})
			require.Equal(t, explain.InputBlobs, x.Input, x.Error)
			require.Equal(t, "mapiblob decode", x.Command)
			r := runBin(t, []byte(in), "decode")
			require.Equal(t, 0, r.code, r.stderr)
			if strings.HasPrefix(r.stdout, "== ") {
				// An MFCMAPI export of a message is an item for the CLI: one
				// listing of every property, each decoded blob's text indented
				// under its name. The page shows the same decodes blob by blob.
				for _, b := range x.Blobs {
					require.Contains(t, r.stdout, b.Property+" (PT_BINARY): "+string(b.Kind)+"\n", name)
					for _, l := range strings.Split(strings.TrimRight(b.Text, "\n"), "\n") {
						require.Contains(t, r.stdout, "    "+l+"\n", name)
					}
				}
				return
			}
			if d := cmp.Diff(r.stdout, x.Text); d != "" {
				t.Errorf("decode text (-cli +explain):\n%s", d)
			}
			r = runBin(t, []byte(in), "decode", "--format", "smartview")
			var sv []string
			for _, b := range x.Blobs {
				sv = append(sv, b.SmartView)
			}
			require.Equal(t, r.stdout, strings.Join(sv, "\n\n")+"\n")
			r = runBin(t, []byte(in), "decode", "--format", "json")
			var js []string
			for _, b := range x.Blobs {
				var c bytes.Buffer
				require.NoError(t, json.Compact(&c, []byte(b.JSON)))
				js = append(js, c.String())
			}
			require.Equal(t, r.stdout, strings.Join(js, "\n")+"\n")
		})
	}

	// GUIDs: what `mapiblob guid` prints.
	for _, in := range []string{seed.ExMergeEscape, seed.ExMergeADSI, "{00062002-0000-0000-C000-000000000046}", "430396665DB13B4481991F9143325B37"} {
		x := explain.Explain(in, explain.Options{})
		require.Equal(t, explain.InputGUID, x.Input, in)
		r := runBin(t, nil, "guid", in)
		require.Equal(t, 0, r.code, r.stderr)
		if d := cmp.Diff(r.stdout, x.Text); d != "" {
			t.Errorf("guid %s (-cli +explain):\n%s", in, d)
		}
	}

	// ExMerge lines: what `mapiblob guid --exmerge-log` prints for the good ones.
	log := read("testdata/exmerge/ExMerge.log")
	x := explain.Explain(log, explain.Options{})
	require.Equal(t, explain.InputExMerge, x.Input)
	r := runBin(t, nil, "guid", "--exmerge-log", "testdata/exmerge/ExMerge.log")
	if d := cmp.Diff(r.stdout, x.Text); d != "" {
		t.Errorf("exmerge (-cli +explain):\n%s", d)
	}

	// The series: what `mapiblob occurrences` and `mapiblob ical` print.
	now := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	x = explain.Explain(series, explain.Options{Now: now, Count: 4})
	require.NotNil(t, x.Series)
	require.Equal(t, "mapiblob occurrences --recur @FILE --from 2026-01-01 --limit 4", x.Series.Command)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "export.xml"), []byte(series), 0o644))
	xml := filepath.Join(dir, "export.xml")
	r = runBin(t, nil, "occurrences", "--recur", "@"+xml, "--from", "2026-01-01", "--limit", "4")
	require.Equal(t, 0, r.code, r.stderr)
	// The export is an item for the CLI: its occurrences under a heading.
	require.Equal(t, "== "+xml+"\n"+x.Series.Text+"\n", r.stdout)
	r = runBin(t, nil, "ical", "--recur", "@"+xml)
	require.Equal(t, 0, r.code, r.stderr)
	// The item's calendar adds what the export holds beside the blobs
	// (SUMMARY from PidTagSubject, its own UID); the times are the same.
	times := regexp.MustCompile(`(?m)^(DTSTART|DTEND|RRULE|RDATE|EXDATE|RECURRENCE-ID|TZID|TZOFFSETFROM|TZOFFSETTO)[;:].*\r\n`)
	require.Equal(t, strings.Join(times.FindAllString(x.Series.ICS, -1), ""), strings.Join(times.FindAllString(r.stdout, -1), ""))

	// A series whose zone the user picked: `--tz ZONE`.
	ap := read("testdata/samples/weekly-standup.apptrecur.hex")
	x = explain.Explain(ap, explain.Options{Now: now, Count: 3, Zone: "Atlantic Standard Time"})
	args := strings.Fields(strings.TrimPrefix(x.Series.Command, "mapiblob "))
	require.Equal(t, []string{"occurrences", "--recur"}, args[:2])
	r = runBin(t, nil, "occurrences", "--recur", args[2], "--tz", "Atlantic Standard Time", "--from", "2026-01-01", "--limit", "3")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, r.stdout, x.Series.Text)

	// The repair: what `mapiblob tz build` prints.
	x = explain.Explain(seedXML, explain.Options{})
	rep := x.Blobs[0].Repair
	require.NotNil(t, rep)
	require.Equal(t, "mapiblob tz build --zone 'Eastern Standard Time' --display", rep.Command)
	r = runBin(t, nil, "tz", "build", "--zone", "Eastern Standard Time", "--display")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, r.stdout, rep.Hex+"\n")
}

// A dropped .msg or TNEF file: the page shows what `mapiblob decode FILE`
// prints, the findings `mapiblob check FILE` prints, the occurrences of
// `mapiblob occurrences FILE` and the events of `mapiblob ical FILE`.
func TestExplainItemsMatchCLI(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{Seed: 2, EmptyStartDisplayKeyName: true})
	msg, err := msg.Marshal(it)
	require.NoError(t, err)
	tnef, err := tnef.Marshal(it)
	require.NoError(t, err)
	dir := t.TempDir()
	runIn := func(args ...string) result {
		var so, se bytes.Buffer
		code := run(args, &env{stdin: bytes.NewReader(nil), stdout: &so, stderr: &se, dir: dir})
		return result{code, so.String(), se.String()}
	}
	now := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for name, b := range map[string][]byte{"meeting.msg": msg, "winmail.dat": tnef} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
			x := explain.Bytes(b, explain.Options{Name: name, Now: now, Count: 4})
			require.Equal(t, explain.InputItems, x.Input, x.Error)
			require.Equal(t, "mapiblob decode "+name, x.Command)
			r := runIn("decode", name)
			if d := cmp.Diff(r.stdout, x.Text); d != "" {
				t.Errorf("decode (-cli +explain):\n%s", d)
			}

			// check: one line per finding, under the item's label.
			r = runIn("check", name)
			var lines []string
			for _, ie := range x.Items {
				label := name // check labels an item without its message class
				if ie.Path != "/" && ie.Path != "" {
					label += " " + ie.Path
				}
				if len(ie.Findings) == 0 {
					lines = append(lines, label+": no findings")
				}
				for _, f := range ie.Findings {
					lines = append(lines, fmt.Sprintf("%s: %-7s %s %s: %s", label, f.Severity, f.Code, f.Path, f.Message))
				}
			}
			if d := cmp.Diff(r.stdout, strings.Join(lines, "\n")+"\n"); d != "" {
				t.Errorf("check (-cli +explain):\n%s", d)
			}

			// repair tz: the command shown prints the same properties.
			rep := x.Items[0].TZRepair
			require.NotNil(t, rep)
			args := strings.Fields(strings.TrimPrefix(rep.Command, "mapiblob "))
			r = runIn(args...)
			require.Equal(t, 0, r.code, r.stderr)
			require.Equal(t, rep.XML, r.stdout)

			// occurrences: the command shown prints the same dates.
			se := x.Items[0].Series
			require.NotNil(t, se)
			args = strings.Fields(strings.TrimPrefix(se.Command, "mapiblob "))
			require.Equal(t, []string{"occurrences", name, "--from"}, args[:3])
			r = runIn(args...)
			require.Equal(t, 0, r.code, r.stderr)
			require.Equal(t, "== "+x.Items[0].Label+"\n"+se.Text+"\n", r.stdout)

			// ical: the same events (DTSTAMP aside).
			r = runIn("ical", name)
			require.Equal(t, 0, r.code, r.stderr)
			stamp := regexp.MustCompile(`(?m)^DTSTAMP:.*\r\n`)
			require.Equal(t, stamp.ReplaceAllString(r.stdout, ""), stamp.ReplaceAllString(x.Items[0].ICS, ""))
		})
	}
}

// The page's From and the CLI's --from read the same dates the same way,
// and refuse the same text with the same words.
func TestExplainFromMatchesCLI(t *testing.T) {
	b, err := os.ReadFile("../../testdata/samples/weekly-standup.apptrecur.hex")
	require.NoError(t, err)
	ap := strings.TrimSpace(string(b))
	const zone = "Eastern Standard Time"
	for _, from := range []string{"2026-02-01", "2026-02-10T10:00", "2026-02-10 09:30", "2026-02-10T09:30:00", "2026-02-10T14:00:00Z"} {
		x := explain.Explain(ap, explain.Options{Zone: zone, From: from, Count: 3})
		require.NotNil(t, x.Series, from)
		require.Empty(t, x.Series.Error, from)
		r := runBin(t, nil, "occurrences", "--recur", ap, "--tz", zone, "--from", from, "--limit", "3")
		require.Equal(t, 0, r.code, r.stderr)
		if d := cmp.Diff(r.stdout, x.Series.Text); d != "" {
			t.Errorf("--from %s (-cli +explain):\n%s", from, d)
		}
	}
	x := explain.Explain(ap, explain.Options{Zone: zone, From: "next tuesday"})
	r := runBin(t, nil, "occurrences", "--recur", ap, "--tz", zone, "--from", "next tuesday")
	oneErrorLine(t, r, exitUsage, "--"+x.Series.Error)
	require.Equal(t, `from "next tuesday": want a date like 2026-03-01 or 2026-03-01T09:00`, x.Series.Error)
}
