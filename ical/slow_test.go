package ical

import (
	"strings"
	"testing"
	"time"
)

// Inputs that once took long: each must import (or fail) quickly.
func TestBoundedWork(t *testing.T) {
	for _, rr := range []string{"FREQ=DAILY;COUNT=999999999", "FREQ=DAILY;UNTIL=99991231T000000Z", "FREQ=YEARLY;COUNT=99999", "FREQ=DAILY;COUNT=99999"} {
		ics := calendar("BEGIN:VEVENT\nUID:x\nDTSTART:20260105T090000Z\nRRULE:" + rr + "\nEXDATE:20260106T090000Z,20270106T090000Z\nEND:VEVENT")
		start := time.Now()
		_, err := ImportBytes([]byte(ics), ImportOptions{})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v (%v)", rr, d, err)
		}
	}
	long := calendar("BEGIN:VEVENT\nUID:x\nDTSTART;X-A=" + strings.Repeat("a", 30000) + ":20260105T090000Z\nEND:VEVENT")
	start := time.Now()
	_, _ = ImportBytes([]byte(long), ImportOptions{})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a long parameter took %v", d)
	}
}
