package ical

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
)

var (
	sinkItems []*item.Item
	sinkWarns []Warning
	sinkErr   error
)

// BenchmarkImport imports a series with an EXDATE and a moved override in
// its own VTIMEZONE, a file of 300 single events in one zone, and a series
// with 300 overrides; B/op over the input's bytes is the importer's cost
// per byte read.
func BenchmarkImport(b *testing.B) {
	var singles, overrides strings.Builder
	day := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := range 300 {
		fmt.Fprintf(&singles, "BEGIN:VEVENT\nUID:%d\nDTSTART;TZID=America/Los_Angeles:20260105T090000\nDURATION:PT1H\nEND:VEVENT\n", i)
		d := day.AddDate(0, 0, i).Format("20060102T150405")
		fmt.Fprintf(&overrides, "BEGIN:VEVENT\nUID:s\nRECURRENCE-ID;TZID=America/Los_Angeles:%s\nDTSTART;TZID=America/Los_Angeles:%s\nSUMMARY:moved\nEND:VEVENT\n", d, strings.Replace(d, "T09", "T10", 1))
	}
	cases := []struct{ name, ics string }{
		{"series", calendar(vtzLosAngeles, `BEGIN:VEVENT
UID:abc
DTSTART;TZID=America/Los_Angeles:20260302T100000
DTEND;TZID=America/Los_Angeles:20260302T110000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z
EXDATE;TZID=America/Los_Angeles:20260316T100000
SUMMARY:Standup
END:VEVENT
BEGIN:VEVENT
UID:abc
RECURRENCE-ID;TZID=America/Los_Angeles:20260325T100000
DTSTART;TZID=America/Los_Angeles:20260326T150000
DTEND;TZID=America/Los_Angeles:20260326T153000
SUMMARY:Standup (moved)
END:VEVENT`)},
		{"300-singles", calendar(vtzLosAngeles, strings.TrimSuffix(singles.String(), "\n"))},
		{"300-overrides", calendar(vtzLosAngeles, "BEGIN:VEVENT\nUID:s\nDTSTART;TZID=America/Los_Angeles:20260105T090000\nDURATION:PT1H\nRRULE:FREQ=DAILY\nEND:VEVENT\n"+strings.TrimSuffix(overrides.String(), "\n"))},
	}
	for _, c := range cases {
		in := []byte(c.ics)
		opt := ImportOptions{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)} // the year a VTIMEZONE is read for does not drift
		b.Run(c.name, func(b *testing.B) {
			if _, _, err := ImportBytes(in, opt); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				sinkItems, sinkWarns, sinkErr = ImportBytes(in, opt)
			}
		})
	}
}

var sinkText []byte

// BenchmarkExport writes the test meeting (a weekly series with a deleted
// and a moved, retitled occurrence) as a bare series and as an item, each
// built as components and written once; B/op over the output's bytes is
// the export's cost per byte written.
func BenchmarkExport(b *testing.B) {
	it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true})
	ap, zone := it.Recurrence(), it.SeriesZone()
	opt := ExportOptions{Summary: "Weekly sync", Stamp: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.Run("series", func(b *testing.B) {
		cal, _, err := Series(ap, zone, opt)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(cal.String())))
		b.ReportAllocs()
		for b.Loop() {
			cal, _, sinkErr = Series(ap, zone, opt)
			sinkText, _ = cal.AppendText(sinkText[:0])
		}
	})
	b.Run("item", func(b *testing.B) {
		text, err := Encode(it, opt)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		var s string
		for b.Loop() {
			s, sinkErr = Encode(it, opt)
		}
		sinkText = append(sinkText[:0], s...)
	})
}
