package recurrence

import (
	"bytes"
	"runtime"
	"slices"
	"testing"
	"time"
)

// Editing a decoded pattern never writes into the decode's storage: the
// lists read before the edit keep their values, and the bytes re-encoded
// from a second decode of the same blob are the blob.
func TestEditDoesNotWriteDecodeStorage(t *testing.T) {
	p, err := NewDaily(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 1, EndAfter(30))
	if err != nil {
		t.Fatal(err)
	}
	ap, err := NewAppointment(p, 9*time.Hour, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	day := func(i int) time.Time { return time.Date(2026, 1, 5+i, 0, 0, 0, 0, time.UTC) }
	for _, i := range []int{3, 9} {
		s := day(i).Add(14 * time.Hour)
		subj := "moved"
		if err := ap.ModifyInstance(day(i), Overrides{Start: &s, Subject: &subj}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ap.DeleteInstance(day(6)); err != nil {
		t.Fatal(err)
	}
	b, err := ap.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	del := d.RecurrencePattern.DeletedInstanceDates
	mod := d.RecurrencePattern.ModifiedInstanceDates
	exs := d.Exceptions
	wantDel, wantMod, wantExs := slices.Clone(del), slices.Clone(mod), slices.Clone(exs)
	for _, i := range []int{1, 2, 4, 5} {
		s := day(i).Add(11 * time.Hour)
		if err := d.ModifyInstance(day(i), Overrides{Start: &s}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.DeleteInstance(day(0)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(del, wantDel) || !slices.Equal(mod, wantMod) || !slices.Equal(exs, wantExs) {
		t.Fatalf("an edit wrote into the decoded lists:\ndeleted %v, was %v\nmodified %v, was %v", del, wantDel, mod, wantMod)
	}
	moved := 0
	for i := range d.Exceptions {
		if d.ExceptionSubject(i, 0) == "moved" {
			moved++
		}
	}
	if moved != 2 {
		t.Fatalf("%d exceptions keep their decoded subject after the edits, want 2", moved)
	}
	again, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := again.MarshalBinary(); err != nil || !bytes.Equal(out, b) {
		t.Fatalf("re-encoding a fresh decode: %v", err)
	}
	if n := len(d.Exceptions); n != 6 || d.ExceptionCount != 6 || len(d.RecurrencePattern.DeletedInstanceDates) != 8 {
		t.Fatalf("after the edits: %d exceptions (count %d), %d deleted dates; want 6, 6, 8", n, d.ExceptionCount, len(d.RecurrencePattern.DeletedInstanceDates))
	}
}

// A long run of edits costs amortised constant work per edit, not a copy
// of every list per edit: twice the edits allocate about twice the bytes
// (a copy per edit would allocate four times as many).
func TestEditsAllocateAmortised(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	edits := func(n int) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p, _ := NewDaily(start, 1, NoEnd())
		ap, _ := NewAppointment(p, 9*time.Hour, time.Hour)
		for i := range n {
			d := start.AddDate(0, 0, 2*i)
			if err := ap.DeleteInstance(d); err != nil {
				t.Fatal(err)
			}
			d = d.AddDate(0, 0, 1)
			s := d.Add(10 * time.Hour)
			if err := ap.ModifyInstance(d, Overrides{Start: &s}); err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	edits(10)
	small, large := edits(2000), edits(4000)
	if ratio := float64(large) / float64(small); ratio > 2.6 {
		t.Fatalf("2000 edit pairs allocate %d bytes, 4000 allocate %d: %.1f times as much, want about 2", small, large, ratio)
	}
}
