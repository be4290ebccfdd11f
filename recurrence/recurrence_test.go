package recurrence

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

var patternFixtures = []string{"RECURRENCEPATTERN-1", "RECURRENCEPATTERN-2", "RECURRENCEPATTERN-3"}
var apptFixtures = []string{"APPOINTMENTRECURRENCEPATTERN-1", "APPOINTMENTRECURRENCEPATTERN-2", "APPOINTMENTRECURRENCEPATTERN-3", "APPOINTMENTRECURRENCEPATTERN-4"}

func TestSmartViewConformance(t *testing.T) {
	for _, name := range patternFixtures {
		t.Run(name, func(t *testing.T) {
			fx := fixtures.Load(t, name)
			p, err := ParsePattern(fx.Blob)
			if err != nil {
				t.Fatal(err)
			}
			fixtures.EqualText(t, p.SmartView(), fx.SmartView)
			if out := must(p.MarshalBinary()); !bytes.Equal(out, fx.Blob) {
				t.Error("round trip differs")
			}
			if IsAppointmentPattern(fx.Blob) {
				t.Error("task pattern detected as appointment pattern")
			}
		})
	}
	for _, name := range apptFixtures {
		t.Run(name, func(t *testing.T) {
			fx := fixtures.Load(t, name)
			ap, err := Parse(fx.Blob)
			if err != nil {
				t.Fatal(err)
			}
			fixtures.EqualText(t, ap.SmartView(), fx.SmartView)
			if out := must(ap.MarshalBinary()); !bytes.Equal(out, fx.Blob) {
				t.Error("round trip differs")
			}
			if ap.Size() != len(fx.Blob) {
				t.Errorf("Size %d, blob %d", ap.Size(), len(fx.Blob))
			}
			if !IsAppointmentPattern(fx.Blob) {
				t.Error("not detected as appointment pattern")
			}
		})
	}
}

func TestTruncationsFail(t *testing.T) {
	for _, name := range append(append([]string{}, patternFixtures...), apptFixtures...) {
		fx := fixtures.Load(t, name)
		appt := strings.HasPrefix(name, "APPT") || strings.HasPrefix(name, "APPOINTMENT")
		end := len(fx.Blob)
		if name == "APPOINTMENTRECURRENCEPATTERN-2" {
			end = 80 // the rest is trailing bytes
		}
		for n := 0; n < end; n++ {
			var err error
			if appt {
				_, err = Parse(fx.Blob[:n])
			} else {
				_, err = ParsePattern(fx.Blob[:n])
			}
			var de *blob.DecodeError
			if !errors.As(err, &de) || !errors.Is(err, blob.ErrTruncated) || de.Path == "" || de.Offset > n {
				t.Fatalf("%s[:%d]: %v", name, n, err)
			}
		}
	}
}

// The text form of the README's example: ARP-1 is "every 2 weeks on
// Thursday, 14:30–15:30, from 2010-10-28, 18 occurrences until 2011-06-30;
// 4 deleted, 1 modified", then the cancelled dates and the exception.
func TestTextForm(t *testing.T) {
	ap, err := Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-1").Blob)
	if err != nil {
		t.Fatal(err)
	}
	want := "every 2 weeks on Thursday, 14:30–15:30, from 2010-10-28, 18 occurrences until 2011-06-30; 4 deleted, 1 modified\n" +
		"cancelled: 2011-03-03, 2011-03-17, 2011-03-31\n" +
		"modified: 2011-02-17 14:30–15:30"
	fixtures.EqualText(t, ap.Text(), want)
	ap3, err := Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-3").Blob)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ap3.Text(), `modified: 2010-05-26 15:00–16:00 (moved from 2010-05-27 15:00) at "" reminder off`) ||
		!strings.Contains(ap3.Text(), `modified: 2010-04-01 15:00–16:00 "Bi-weekly Team Meeting (YADKIN for this meeting)" at "Yadkin"`) {
		t.Errorf("ARP-3 text:\n%s", ap3.Text())
	}
}

// Every way the two reserved blocks can fail to fit is a DecodeError naming
// the size or the block, at its offset: the blocks' errors come from the
// reading itself, never from a second reader that could disagree with it.
func TestReservedBlockErrors(t *testing.T) {
	ap := must(NewAppointment(must(NewWeekly(date(2026, 3, 2), 1, Monday, time.Sunday, EndAfter(10))), 9*time.Hour, time.Hour))
	full, err := ap.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for cut := len(full) - 1; cut >= len(full)-8; cut-- { // the two 4-byte sizes of a pattern without exceptions
		_, err := Parse(full[:cut])
		var de *blob.DecodeError
		if !errors.As(err, &de) || !errors.Is(err, blob.ErrTruncated) {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		if !strings.HasPrefix(de.Path, "ReservedBlock") {
			t.Errorf("cut at %d: path %q", cut, de.Path)
		}
	}
	// ReservedBlock2Size promising more than is left.
	bad := append([]byte(nil), full...)
	binary.LittleEndian.PutUint32(bad[len(bad)-4:], 9)
	_, err = Parse(bad)
	var de *blob.DecodeError
	if !errors.As(err, &de) || de.Path != "ReservedBlock2" || de.Offset != len(bad) {
		t.Errorf("ReservedBlock2Size 9: %v", err)
	}
}
