package recurrence

import (
	"bytes"
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// Decoding into a value that held another pattern gives the same result
// as a fresh decode, whatever was there before — more or fewer exceptions,
// longer or shorter strings, or input that points into the value's own storage.
func TestUnmarshalReusesStorage(t *testing.T) {
	var blobs [][]byte
	for _, n := range apptFixtures {
		blobs = append(blobs, fixtures.Load(t, n).Blob)
	}
	for _, g := range fixtures.Goldens(t, "../testdata/recur/*.apptrecur.hex") {
		blobs = append(blobs, g.Bytes)
	}
	var ap AppointmentPattern
	var p Pattern
	for round := 0; round < 2; round++ {
		for i, b := range blobs {
			if err := ap.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			fresh := must(Parse(b))
			if !equalJSON(t, &ap, fresh) {
				t.Fatalf("blob %d decoded into a reused value differs from a fresh decode", i)
			}
			if out, _ := ap.MarshalBinary(); !bytes.Equal(out, b) {
				t.Fatalf("blob %d: reused value does not encode back", i)
			}
			n := ap.RecurrencePattern.Size()
			if err := p.UnmarshalBinary(b[:n]); err != nil || !equalJSON(t, &p, &fresh.RecurrencePattern) {
				t.Fatalf("blob %d: reused Pattern differs: %v", i, err)
			}
		}
	}
	// Input inside the value's own storage: ARP-2's trailing bytes.
	arp2 := fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-2").Blob
	if err := ap.UnmarshalBinary(arp2); err != nil {
		t.Fatal(err)
	}
	tail := append([]byte(nil), ap.Trailing...)
	err1 := ap.UnmarshalBinary(ap.Trailing)
	_, err2 := Parse(tail)
	if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
		t.Errorf("aliasing input: %v vs %v", err1, err2)
	}
}
