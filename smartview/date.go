package smartview

import (
	"strconv"
	"time"
)

// dateLayouts are the wall-clock forms ParseDate reads, in loc.
var dateLayouts = []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"}

// ParseDate reads a bound of ExpandOptions as people type it: a day
// ("2026-03-01", its midnight), a wall-clock time ("2026-03-01T09:00",
// "2026-03-01T09:00:05", "2026-03-01 09:00"), both in loc — the series'
// zone — or an RFC 3339 instant ("2026-03-01T09:00:00-05:00"). An empty s
// is the zero time: no bound. The error quotes s and says what a date
// looks like.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, &DateError{Text: s}
}

// A DateError is a text ParseDate could not read as a date.
type DateError struct {
	Text string
}

func (e *DateError) Error() string {
	return strconv.Quote(e.Text) + ": want a date like 2026-03-01 or 2026-03-01T09:00"
}
