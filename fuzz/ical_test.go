package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

var icalNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// icalSeeds are iCalendar texts written here: exports of builder series
// with exceptions, and hand-written texts in the forms other clients use.
func icalSeeds(t testing.TB) []string {
	def, _, err := tzdef.FromZoneName("Eastern Standard Time", 2000, 2037)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)
	var out []string
	mk := func(p *recurrence.Pattern, err error) {
		if err != nil {
			t.Fatal(err)
		}
		ap, err := recurrence.NewAppointment(p, 9*time.Hour+30*time.Minute, 30*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		var dates []recurrence.Minutes
		for d, err := range p.Dates(time.Time{}, time.Time{}, recurrence.DateOptions{}) {
			if err != nil || len(dates) == 4 {
				break
			}
			dates = append(dates, d)
		}
		if len(dates) == 4 {
			_ = ap.DeleteInstance(dates[1].Time(nil))
			s := dates[2].Time(nil).Add(14 * time.Hour)
			e := s.Add(time.Hour)
			subj, loc, b := "Moved", "Room 5", uint32(0)
			_ = ap.ModifyInstance(dates[2].Time(nil), recurrence.Overrides{Start: &s, End: &e, Subject: &subj, Location: &loc, BusyStatus: &b})
		}
		cal, _, err := ical.Series(ap, def, ical.ExportOptions{Summary: "Sync", UID: "seed@mapiblob", Stamp: icalNow})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cal.String())
	}
	mk(recurrence.NewWeekly(start, 2, recurrence.Tuesday|recurrence.Thursday, time.Monday, recurrence.EndAfter(10)))
	mk(recurrence.NewMonthlyNth(start, 1, 5, recurrence.Weekdays, recurrence.NoEnd()))
	mk(recurrence.NewYearly(start, 1, time.February, 29, recurrence.EndOn(time.Date(2034, 1, 1, 0, 0, 0, 0, time.UTC))))
	mk(recurrence.NewDaily(start, 3, recurrence.EndAfter(20)))
	cal := func(body string) string {
		return strings.ReplaceAll("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//seed//EN\n"+body+"\nEND:VCALENDAR\n", "\n", "\r\n")
	}
	out = append(out,
		cal("BEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19701025T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:19700329T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n"+
			"BEGIN:VEVENT\nUID:c1\nDTSTART;TZID=Custom:20260113T173000\nDTEND;TZID=Custom:20260113T190000\nRRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=20\nEXDATE;TZID=Custom:20260210T173000\nSUMMARY:Club\nEND:VEVENT\n"+
			"BEGIN:VEVENT\nUID:c1\nRECURRENCE-ID;TZID=Custom:20260310T173000\nDTSTART;TZID=Custom:20260311T180000\nDTEND;TZID=Custom:20260311T190000\nSUMMARY:Club (moved)\nX-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE\nEND:VEVENT"),
		cal("BEGIN:VEVENT\nUID:g1\nDTSTART;TZID=America/Los_Angeles:20260302T100000\nDTEND;TZID=America/Los_Angeles:20260302T110000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z\nEND:VEVENT"),
		cal("BEGIN:VEVENT\nUID:a1\nDTSTART;VALUE=DATE:20260704\nRRULE:FREQ=YEARLY\nTRANSP:TRANSPARENT\nEND:VEVENT"),
		cal("BEGIN:VEVENT\nUID:f1\nDTSTART:20260105T090000\nDURATION:PT1H\nRRULE:FREQ=DAILY;BYHOUR=9,14;COUNT=4\nEND:VEVENT"),
		cal("BEGIN:VTODO\nUID:t1\nDTSTART;VALUE=DATE:20260105\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12\nSUMMARY:Report\nEND:VTODO"),
	)
	return out
}

// imported is an item of an import with its warnings.
type imported struct {
	*item.Item
	warnings []string
}

// importItems imports b and gives each item its warnings.
func importItems(b []byte, opt ical.ImportOptions) ([]imported, error) {
	items, warns, err := ical.ImportBytes(b, opt)
	out := make([]imported, len(items))
	for i, it := range items {
		out[i].Item = it
	}
	for _, w := range warns {
		out[w.Item].warnings = append(out[w.Item].warnings, w.Message)
	}
	return out, err
}

func blobsOf(t *testing.T, it imported) [][]byte {
	t.Helper()
	var out [][]byte
	for _, name := range []string{"PidLidAppointmentRecur", "PidLidAppointmentTimeZoneDefinitionRecur", "PidLidTimeZoneStruct", "PidLidTaskRecurrence"} {
		if p := it.Get(name); p != nil {
			out = append(out, p.Value.Bytes)
		}
	}
	return out
}

func textOf(it imported, name string) string {
	if p := it.Get(name); p != nil {
		return p.Value.Str
	}
	return ""
}

// zoneOf is the series' PidLidAppointmentTimeZoneDefinitionRecur.
func zoneOf(it imported) *tzdef.Definition {
	return it.TZDefinition(item.PidLidAppointmentTimeZoneDefinitionRecur)
}

// reimport exports a series with the project's export and imports it again.
func reimport(t *testing.T, it imported, opt ical.ImportOptions) imported {
	t.Helper()
	again, err := tryReimport(it, opt)
	if err != nil {
		t.Fatal(err)
	}
	return again
}

// tryReimport is reimport that returns its failure.
func tryReimport(it imported, opt ical.ImportOptions) (imported, error) {
	cal, _, err := ical.Series(it.Recurrence(), zoneOf(it), ical.ExportOptions{Summary: textOf(it, "PidTagSubject"),
		Location: textOf(it, "PidLidLocation"), UID: it.CleanGlobalObjectID().UID(), Stamp: icalNow})
	if err != nil {
		return imported{}, fmt.Errorf("an imported series does not export: %w", err)
	}
	ics := cal.String()
	items, err := importItems([]byte(ics), opt)
	if err != nil || len(items) != 1 {
		return imported{}, fmt.Errorf("the export of an imported series does not import (%d items): %w\n%s", len(items), err, ics)
	}
	return items[0], nil
}

// customZone reports whether the series' zone is the file's own VTIMEZONE
// rather than a zone CLDR knows (followed when they disagree, or when the
// TZID names no zone).
func customZone(it imported) bool {
	for _, w := range it.warnings {
		if strings.Contains(w, "the VTIMEZONE is followed") {
			return true
		}
	}
	return tzdef.IANAName(zoneOf(it).KeyName) == ""
}

// lossy names what of an imported series the export cannot write, so
// that only a second round trip must be exact.
func lossy(it imported) string {
	ap := it.Recurrence()
	def := zoneOf(it)
	inGap := func(m recurrence.Minutes) bool {
		w := m.Time(nil)
		yr, ok := def.Year(w.Year())
		if !ok {
			return false
		}
		u, _ := yr.UTC(w)
		off, _, _ := def.Offset(u)
		return !u.Add(time.Duration(off) * time.Second).Equal(w)
	}
	p := &ap.RecurrencePattern
	if inGap(p.StartDate+recurrence.Minutes(ap.StartTimeOffset)) || inGap(p.StartDate+recurrence.Minutes(ap.EndTimeOffset)) || inGap(p.EndDate+recurrence.Minutes(ap.StartTimeOffset)) {
		return "series time in a daylight-saving gap"
	}
	for _, d := range p.DeletedInstanceDates {
		if inGap(d + recurrence.Minutes(ap.StartTimeOffset)) {
			return "deleted time in a gap"
		}
	}
	subject, location := textOf(it, "PidTagSubject"), textOf(it, "PidLidLocation")
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		f := e.OverrideFlags
		switch {
		case inGap(e.StartDateTime) || inGap(e.EndDateTime) || inGap(e.OriginalStartDate):
			return "exception time in a gap"
		case f&recurrence.ARO_BUSYSTATUS != 0 && e.BusyStatus != 0 && e.BusyStatus != 2:
			return "busy status other than free or busy"
		case f&recurrence.ARO_SUBTYPE != 0:
			return "all-day exception"
		case f&recurrence.ARO_MEETINGTYPE != 0 && e.MeetingType != 4:
			return "meeting type"
		case f&recurrence.ARO_SUBJECT != 0 && (strings.Contains(ap.Exception(i).Subject(0), "\r") || ap.Exception(i).Subject(0) == "" || ap.Exception(i).Subject(0) == subject):
			return "subject the export writes differently"
		case f&recurrence.ARO_LOCATION != 0 && (strings.Contains(ap.Exception(i).Location(0), "\r") || ap.Exception(i).Location(0) == "" || ap.Exception(i).Location(0) == location):
			return "location the export writes differently"
		}
	}
	return ""
}

// FuzzICalImport: no input makes Import panic, with or without Expand; every series it imports
// exports (ical.Series) and imports again to
// the same blobs — at once when nothing the export cannot write is
// involved (lossy), else from the second round on; every recurring task's
// RRULE imports back to the same PidLidTaskRecurrence.
func FuzzICalImport(f *testing.F) {
	for _, s := range icalSeeds(f) {
		f.Add([]byte(s))
	}
	opt := ical.ImportOptions{FloatingZone: "W. Europe Standard Time", Now: icalNow}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 32<<10 {
			return
		}
		expanded, _, _ := ical.ImportBytes(b, ical.ImportOptions{Expand: true, MaxExpanded: 20, Now: icalNow})
		if len(expanded) > 20*len(b) {
			t.Fatalf("%d items from %d bytes", len(expanded), len(b))
		}
		items, _ := importItems(b, opt)
		if measureAllocs(b) {
			icalAllocBound(t, "input", b, opt)
		}
		for _, it := range items {
			useItems(t, []*item.Item{it.Item})
			if task := it.TaskRecurrence(); task != nil {
				rr, err := ical.RRule(task)
				if err != nil {
					t.Fatalf("an imported task pattern has no RRULE: %v", err)
				}
				ics := "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nDTSTART;VALUE=DATE:" + task.StartDate.Time(nil).Format("20060102") + "\r\nRRULE:" + rr + "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
				again, err := importItems([]byte(ics), opt)
				if err != nil || len(again) != 1 || !bytes.Equal(blobsOf(t, again[0])[0], blobsOf(t, it)[0]) {
					t.Fatalf("task RRULE %s does not import back: %v", rr, err)
				}
			}
			if it.Recurrence() == nil {
				continue
			}
			second, err := tryReimport(it, opt)
			if err != nil {
				// A zone of the file's own VTIMEZONE is written as its real
				// changes of offset from 1601, which may not read back as
				// Windows rules (a VTIMEZONE can change offset three times
				// a year) or, for a zone whose rules reach far ahead, may
				// span more years than the importer reads: those, and only
				// those, may fail.
				if customZone(it) && (errors.Is(err, tzdef.ErrNotExpressible) || strings.Contains(err.Error(), "observances span")) {
					continue
				}
				t.Fatal(err)
			}
			third := reimport(t, second, opt)
			want, got := blobsOf(t, second), blobsOf(t, third)
			if why := lossy(it); why == "" && !customZone(it) {
				// A zone CLDR knows survives the first trip; a file's own
				// need only settle after it (its rules are rewritten as the
				// years they hold).
				want = blobsOf(t, it)
				got = blobsOf(t, second)
			}
			for k := range want {
				if !bytes.Equal(want[k], got[k]) {
					t.Fatalf("blob %d differs after export and import:\nwant %X\ngot  %X", k, want[k], got[k])
				}
			}
		}
	})
}

// allocated is what f allocates the second time it runs (the first warms
// the process's caches: zones built by name, the property index).
func allocated(f func()) uint64 {
	f()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// withinBound reports whether f allocates at most limit bytes. The
// counts are the process's: in a fuzzing worker other goroutines allocate
// too, so a count over the limit is taken again, and the least of three
// decides (what f allocates never varies; the noise only adds).
func withinBound(f func() uint64, limit uint64) (got uint64, ok bool) {
	got = f()
	for range 2 {
		if got <= limit {
			break
		}
		got = min(got, f())
	}
	return got, got <= limit
}

// icalAllocBound checks that importing b allocates at most what the
// iCalendar parser itself allocates for b (go-ical builds a map of
// properties per component and a 4 KiB read buffer: about 16 bytes per
// input byte plus 6 KiB), plus what decoding the items' blobs allocates
// (item.Item.Decode, as every item reader decodes them, bounded by the
// readers' own tests), plus 16 bytes per input byte, plus 4 KiB per item
// returned, plus 4 KiB. The per-item term is what an item makes rather than
// reads: its 13 to 20 properties (item.Property, 160 bytes each), the names
// of its named properties, two GlobalObjectIds and the encodings of its
// zone, about 3 KiB for a 60-byte VEVENT.
func icalAllocBound(t testing.TB, name string, b []byte, opt ical.ImportOptions) {
	t.Helper()
	parse := func() uint64 {
		return allocated(func() {
			defer func() { _ = recover() }() // go-ical panics on some malformed lines; the importer recovers too
			d := goical.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := d.Decode(); err != nil {
					return
				}
			}
		})
	}
	items, _, _ := ical.ImportBytes(b, opt)
	n := len(items)
	p := parse()
	dec := allocated(func() {
		for _, it := range items {
			it.Decode()
		}
	})
	limit := p + dec + uint64(16*len(b)+4<<10*n+4096)
	got, ok := withinBound(func() uint64 { return allocated(func() { _, _, _ = ical.ImportBytes(b, opt) }) }, limit)
	if !ok {
		t.Errorf("%s (%d bytes, %d items): import allocated %d bytes, the parser %d of them, decoding %d; limit %d", name, len(b), n, got, p, dec, limit)
	}
	if testing.Verbose() {
		t.Logf("%s (%d bytes, %d items): import allocated %d bytes, the parser %d of them, decoding %d; limit %d", name, len(b), n, got, p, dec, limit)
	}
}

// TestICalImportAllocationBound imports every seed and texts made of many
// of the smallest components and properties the importer acts on.
func TestICalImportAllocationBound(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	opt := ical.ImportOptions{FloatingZone: "W. Europe Standard Time", Now: icalNow}
	for i, s := range icalSeeds(t) {
		icalAllocBound(t, "seed "+strconv.Itoa(i), []byte(s), opt)
	}
	cal := func(body string) []byte {
		return []byte("BEGIN:VCALENDAR\r\n" + body + "END:VCALENDAR\r\n")
	}
	ev := func(i int) string {
		return "BEGIN:VEVENT\r\nUID:" + strconv.Itoa(i) + "\r\nDTSTART:20260105T090000\r\nEND:VEVENT\r\n"
	}
	var events, exdates, overrides, versions strings.Builder
	day := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := range 300 {
		events.WriteString(ev(i))
		d := day.AddDate(0, 0, i).Format("20060102T150405")
		fmt.Fprintf(&exdates, "EXDATE:%s\r\n", d)
		fmt.Fprintf(&overrides, "BEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID:%s\r\nDTSTART:%s\r\nEND:VEVENT\r\n", d, d)
		fmt.Fprintf(&versions, "BEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID:20260105T090000\r\nSEQUENCE:%d\r\nDTSTART:20260105T100000\r\nEND:VEVENT\r\n", i%3)
	}
	series := "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20260105T090000\r\nRRULE:FREQ=DAILY\r\n"
	// A zone of the file's own (no CLDR name) used by events over 30
	// years, and one that cannot be built, used by as many: each is built
	// once for the file.
	custom := "BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" +
		"TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" +
		"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
	var broken, inCustom, inBroken strings.Builder
	broken.WriteString("BEGIN:VTIMEZONE\r\nTZID:Broken\r\n")
	for y := range 200 {
		fmt.Fprintf(&broken, "BEGIN:STANDARD\r\nDTSTART:%04d0101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n", 1800+y)
	}
	broken.WriteString("BEGIN:STANDARD\r\nDTSTART:bad\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
	for i := range 300 {
		fmt.Fprintf(&inCustom, "BEGIN:VEVENT\r\nUID:c%d\r\nDTSTART;TZID=Custom:%04d0105T090000\r\nEND:VEVENT\r\n", i, 2000+i%30)
		fmt.Fprintf(&inBroken, "BEGIN:VEVENT\r\nUID:b%d\r\nDTSTART;TZID=Broken:20260105T090000\r\nEND:VEVENT\r\n", i)
	}
	for name, b := range map[string][]byte{
		"single events":                cal(events.String()),
		"single events in a VTIMEZONE": cal(custom + inCustom.String()),
		"a VTIMEZONE that fails":       cal(broken.String() + inBroken.String()),
		"EXDATEs":                      cal(series + exdates.String() + "END:VEVENT\r\n"),
		"overrides":                    cal(series + "END:VEVENT\r\n" + overrides.String()),
		"versions":                     cal(series + "END:VEVENT\r\n" + versions.String()),
		"tasks":                        cal(strings.Repeat("BEGIN:VTODO\r\nDTSTART;VALUE=DATE:20260105\r\nRRULE:FREQ=DAILY\r\nEND:VTODO\r\n", 300)),
	} {
		icalAllocBound(t, name, b, opt)
	}
}
