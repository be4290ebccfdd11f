package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/input"
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
	items, err := ical.ImportBytes([]byte(importICS), ical.ImportOptions{})
	require.NoError(t, err)
	recur := items[0].Property("PidLidAppointmentRecur").Bytes()

	r := runBin(t, nil, "import", path)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "# item 1: VEVENT \"weekly-1\" (series)")
	require.Contains(t, r.stdout, "# item 2: VEVENT \"single-1\" (single)")
	require.Contains(t, r.stdout, "PidLidAppointmentRecur PSETID_Appointment:0x8216 PT_BINARY "+strings.ToUpper(hexUpper(recur)))
	require.Contains(t, r.stdout, "PidTagSubject 0x0037001F PT_UNICODE 5300740061006E0064007500700")

	// The XML reads back through the MFCMAPI export reader, and decodes.
	r = runBin(t, nil, "import", "--format", "xml", path)
	require.Equal(t, 0, r.code, r.stderr)
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

	r = runBin(t, nil, "import", "--format", "json", "@"+path)
	require.Equal(t, 0, r.code, r.stderr)
	var js []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &js))
	require.Len(t, js, 2)

	// stdin, a floating time without --floating, then with it.
	floating := strings.ReplaceAll(strings.ReplaceAll(importICS, ";TZID=W. Europe Standard Time", ""), "Z\r\n", "\r\n")
	r = runBin(t, []byte(floating), "import", "-")
	oneErrorLine(t, r, 1, "floating time")
	require.Contains(t, r.stderr, "give it with --floating ZONE")
	r = runBin(t, []byte(floating), "import", "--floating", "Europe/Berlin")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "PidLidTimeZoneDescription PSETID_Appointment:0x8234 PT_UNICODE")

	// An RRULE Outlook cannot hold: refused naming the part, or expanded.
	hourly := strings.Replace(importICS, "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10", "RRULE:FREQ=DAILY;BYHOUR=9,15;COUNT=4", 1)
	r = runBin(t, []byte(hourly), "import")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "RRULE: BYHOUR is not expressible in an Outlook recurrence")
	require.Contains(t, r.stdout, "single-1", "the other events are still printed")
	r = runBin(t, []byte(hourly), "import", "--expand")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "# item 4: VEVENT \"weekly-1\" (occurrence 2026-01-07T15:30)")
	require.Contains(t, r.stderr, "expanded into single occurrences")

	r = runBin(t, nil, "import", "--format", "yaml", path)
	oneErrorLine(t, r, 2, "unknown --format")
}
