package ical

import (
	"sort"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"
	"github.com/teambition/rrule-go"

	"github.com/mapiblob/mapiblob/tzdef"
)

// The zones whose IANA history has a year with more than two changes of
// offset between 2000 and 2037, which a Windows rule cannot express.
var inexpressible = map[string]bool{
	"Egypt Standard Time": true, "Morocco Standard Time": true, "Samoa Standard Time": true,
	"Tomsk Standard Time": true, "West Bank Standard Time": true, "Georgian Standard Time": true,
}

func mustBuild(t *testing.T, key string) *tzdef.Definition {
	t.Helper()
	d, _, err := tzdef.FromWindowsName(key, 2000, 2037)
	require.NoError(t, err)
	return d
}

type vtzOnset struct {
	at  time.Time
	off int
}

// vtzOnsets evaluates a VTIMEZONE with go-ical and rrule-go, independently
// of this package: every observance's onsets up to `until`, as instants
// with the offset they bring, in time order.
func vtzOnsets(t *testing.T, text string, until time.Time) []vtzOnset {
	t.Helper()
	cal, err := goical.NewDecoder(strings.NewReader("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + text + "END:VCALENDAR\r\n")).Decode()
	require.NoError(t, err)
	require.Len(t, cal.Children, 1)
	parseOff := func(s string) int {
		sign := 1
		if s[0] == '-' {
			sign = -1
		}
		h := int(s[1]-'0')*10 + int(s[2]-'0')
		m := int(s[3]-'0')*10 + int(s[4]-'0')
		return sign * (h*3600 + m*60)
	}
	var out []vtzOnset
	for _, obs := range cal.Children[0].Children {
		start, err := time.Parse("20060102T150405", obs.Props.Get("DTSTART").Value)
		require.NoError(t, err)
		from := parseOff(obs.Props.Get("TZOFFSETFROM").Value)
		to := parseOff(obs.Props.Get("TZOFFSETTO").Value)
		locals := []time.Time{start}
		if rr := obs.Props.Get("RRULE"); rr != nil {
			opt, err := rrule.StrToROption(rr.Value)
			require.NoError(t, err)
			opt.Dtstart = start
			if !opt.Until.IsZero() { // UNTIL is UTC; the onsets are local times on the FROM clock
				opt.Until = opt.Until.Add(time.Duration(from) * time.Second)
			}
			r, err := rrule.NewRRule(*opt)
			require.NoError(t, err)
			locals = r.Between(start, until, true)
		}
		for _, l := range locals {
			out = append(out, vtzOnset{l.Add(-time.Duration(from) * time.Second), to})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

// VTimezone(d, "", 2000) of every buildable CLDR zone gives Offset's offsets
// at every twelve hours of 2000–2037 and at every change of offset; its
// observances are yearly RRULEs (not one per year), and the zones whose
// rules repeat unchanged end in observances without UNTIL.
func TestVTimezoneAgreesWithOffset(t *testing.T) {
	names := tzdef.WindowsNames()
	sort.Strings(names)
	for _, key := range names {
		if inexpressible[key] {
			continue
		}
		d := mustBuild(t, key)
		text := VTimezone(d, "", 2000).String()
		// At most one observance per rule and direction, and one for each
		// change at a year's start.
		require.LessOrEqual(t, strings.Count(text, "BEGIN:DAYLIGHT")+strings.Count(text, "BEGIN:STANDARD"), 2*len(d.Rules)+2, "%s: too many observances:\n%s", key, text)
		onsets := vtzOnsets(t, text, time.Date(2039, 1, 1, 0, 0, 0, 0, time.UTC))
		check := func(u time.Time) {
			i := sort.Search(len(onsets), func(i int) bool { return onsets[i].at.After(u) })
			require.Greater(t, i, 0, "%s: no observance before %v", key, u)
			want, _, _ := d.Offset(u)
			require.Equal(t, want, onsets[i-1].off, "%s at %v:\n%s", key, u, text)
		}
		for u := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC); u.Year() < 2038; u = u.Add(12 * time.Hour) {
			check(u)
		}
		for y := 2000; y < 2038; y++ {
			for _, tr := range d.Transitions(y) {
				check(tr.UTC)
				check(tr.UTC.Add(-time.Second))
			}
		}
	}
}
