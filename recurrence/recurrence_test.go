package recurrence

import (
	"bytes"
	"errors"
	"strings"
	"testing"

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
			if out, _ := p.MarshalBinary(); !bytes.Equal(out, fx.Blob) {
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
			if out, _ := ap.MarshalBinary(); !bytes.Equal(out, fx.Blob) {
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
			var de *DecodeError
			if !errors.As(err, &de) || !errors.Is(err, ErrTruncated) || de.Path == "" || de.Offset > n {
				t.Fatalf("%s[:%d]: %v", name, n, err)
			}
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, name := range apptFixtures {
		fx := fixtures.Load(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(fx.Blob)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Parse(fx.Blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, name := range apptFixtures {
		fx := fixtures.Load(b, name)
		b.Run("reuse/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(fx.Blob)))
			b.ReportAllocs()
			var ap AppointmentPattern
			for i := 0; i < b.N; i++ {
				if err := ap.UnmarshalBinary(fx.Blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, name := range patternFixtures {
		fx := fixtures.Load(b, name)
		b.Run("reuse/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(fx.Blob)))
			b.ReportAllocs()
			var p Pattern
			for i := 0; i < b.N; i++ {
				if err := p.UnmarshalBinary(fx.Blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, name := range patternFixtures {
		fx := fixtures.Load(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(fx.Blob)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := ParsePattern(fx.Blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
