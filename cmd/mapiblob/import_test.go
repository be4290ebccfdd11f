package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/item/mfcxml"
)

const importICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTAMP:20260101T000000Z\r\n" +
	"DTSTART;TZID=W. Europe Standard Time:20260106T093000\r\nDTEND;TZID=W. Europe Standard Time:20260106T100000\r\n" +
	"RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10\r\nEXDATE;TZID=W. Europe Standard Time:20260203T093000\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20260217T093000\r\n" +
	"DTSTART;TZID=W. Europe Standard Time:20260218T140000\r\nDTEND;TZID=W. Europe Standard Time:20260218T143000\r\nLOCATION:Room 5\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:single-1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T120000Z\r\nDTEND:20260301T130000Z\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func writeICS(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.ics")
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

func TestImportCommand(t *testing.T) {
	path := writeICS(t, importICS)
	items, warns, err := ical.ImportBytes([]byte(importICS), ical.ImportOptions{})
	require.NoError(t, err)
	require.Empty(t, warns)
	recur := items[0].Get("PidLidAppointmentRecur").Value.Bytes

	// Text: each item as decode prints one.
	r := runBin(t, nil, "import", path)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "== item /VEVENT/weekly-1 (IPM.Appointment)\n")
	require.Contains(t, r.stdout, "== item /VEVENT/single-1 (IPM.Appointment)\n")
	require.Contains(t, r.stdout, "PidLidAppointmentRecur (PT_BINARY): apptrecur\n    every week on Tuesday, 09:30–10:00, from 2026-01-06")
	require.Contains(t, r.stdout, `PidTagSubject (PT_UNICODE): "Standup"`)
	var want bytes.Buffer
	for _, it := range items {
		require.NoError(t, it.WriteText(&want, false))
	}
	require.Equal(t, want.String(), r.stdout)

	// The XML reads back through the MFCMAPI export reader, and decodes.
	r = runBin(t, nil, "import", "--format", "xml", path)
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, string(mfcxml.Marshal(items...)), r.stdout)
	blobs, err := input.Parse(r.stdout)
	require.NoError(t, err)
	var found bool
	for _, b := range blobs {
		p, ok := b.Identity.Property()
		require.True(t, ok)
		if p.Name == "PidLidAppointmentRecur" {
			require.Equal(t, recur, b.Bytes)
			found = true
		}
	}
	require.True(t, found)
	xmlPath := writeICS(t, r.stdout)
	r = runBin(t, nil, "decode", "@"+xmlPath)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "every week on Tuesday")
	back, err := mfcxml.Read([]byte(readFile(t, xmlPath)), "import.xml")
	require.NoError(t, err)
	require.Len(t, back, len(items))
	for i := range items {
		require.Len(t, back[i].Properties, len(items[i].Properties))
		for j, p := range items[i].Properties {
			q := back[i].Properties[j]
			require.Equal(t, p.Tag, q.Tag, p.Name())
			require.Equal(t, p.Named, q.Named, p.Name())
			require.Equal(t, p.Value, q.Value, p.Name())
		}
	}

	// JSON: one item per line, as decode writes items, without "source".
	r = runBin(t, nil, "import", "--format", "json", "@"+path)
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2)
	for i, l := range lines {
		wantLine, err := items[i].JSON(nil)
		require.NoError(t, err)
		require.JSONEq(t, string(wantLine), l)
		var js map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &js))
		require.NotContains(t, js, "source")
		require.Equal(t, items[i].Path, js["item"])
		require.Equal(t, "IPM.Appointment", js["messageClass"])
	}
	require.Contains(t, lines[0], `{"name":"PidLidAppointmentRecur","set":"PSETID_Appointment","lid":33302,"tag":"0x800B0102","type":"PT_BINARY","hex":"`)
	require.Contains(t, lines[0], `"decoded":{"kind":"apptrecur"`)

	// stdin, a floating time without --floating, then with it.
	floating := strings.ReplaceAll(strings.ReplaceAll(importICS, ";TZID=W. Europe Standard Time", ""), "Z\r\n", "\r\n")
	r = runBin(t, []byte(floating), "import", "-")
	oneErrorLine(t, r, 1, "floating time")
	require.Contains(t, r.stderr, "give it with --floating ZONE")
	r = runBin(t, []byte(floating), "import", "--floating", "Europe/Berlin")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, `PidLidTimeZoneDescription (PT_UNICODE): "(UTC+01:00) W. Europe Standard Time"`)

	// An RRULE Outlook cannot hold: refused naming the part, or expanded.
	hourly := strings.Replace(importICS, "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10", "RRULE:FREQ=DAILY;BYHOUR=9,15;COUNT=4", 1)
	r = runBin(t, []byte(hourly), "import")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "RRULE: BYHOUR is not expressible in an Outlook recurrence")
	require.Contains(t, r.stdout, "single-1", "the other events are still printed")
	r = runBin(t, []byte(hourly), "import", "--expand")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "== item /VEVENT/weekly-1/2026-01-07T15:30:00 (IPM.Appointment)\n")
	require.Contains(t, r.stderr, "mapiblob: warning: item 4 (/VEVENT/weekly-1/2026-01-07T15:30:00): ")
	require.Contains(t, r.stderr, "expanded into single occurrences")
	// The warnings are the items' findings in JSON.
	r = runBin(t, []byte(hourly), "import", "--expand", "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	first := strings.SplitN(r.stdout, "\n", 2)[0]
	require.Contains(t, first, `"findings":[{"code":"ICAL_IMPORT_WARNING","severity":"warning","path":"","message":"RRULE: BYHOUR is not expressible`)

	r = runBin(t, nil, "import", "--format", "yaml", path)
	oneErrorLine(t, r, 2, "unknown --format")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
