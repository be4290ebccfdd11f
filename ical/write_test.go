package ical

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// line writes one property the way a component writes it.
func line(name, value string, params ...Param) string {
	p := Prop{Name: name, Params: params, Value: value}
	return string(p.appendTo(nil))
}

// every physical line is at most 75 octets (RFC 5545
// §3.1), long values included, and a fold never splits a UTF-8 character;
// unfolding gives the line back.
func TestFolding(t *testing.T) {
	for _, value := range []string{
		"",
		strings.Repeat("a", 68),  // 8 + 68 = 76 octets: one fold
		strings.Repeat("a", 67),  // exactly 75
		strings.Repeat("a", 500), // many continuation lines
		strings.Repeat("é", 300), // two-octet characters
		strings.Repeat("€", 300), // three-octet characters
		strings.Repeat("😀", 300), // four-octet characters
		strings.Repeat("ab€😀", 100),
	} {
		out := line("SUMMARY", value)
		require.True(t, strings.HasSuffix(out, "\r\n"))
		phys := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, l := range phys {
			require.LessOrEqual(t, len(l), 75, "line %d of %d octets", i, len(l))
			require.True(t, utf8.ValidString(l), "line %d splits a character: %q", i, l)
			if i > 0 {
				require.True(t, strings.HasPrefix(l, " "), "continuation line %d", i)
				require.Greater(t, len(l), 1, "empty continuation line %d", i)
			}
		}
		// A fold is used only when needed: each line but the last is as full as
		// the next character allows.
		for i := 0; i+1 < len(phys); i++ {
			_, size := utf8.DecodeRuneInString(strings.TrimPrefix(phys[i+1], " "))
			require.Greater(t, len(phys[i])+size, 75, "line %d folded early", i)
		}
		unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "")
		if d := cmp.Diff("SUMMARY:"+value, unfolded); d != "" {
			t.Error(d)
		}
	}
	require.Equal(t, "X:"+strings.Repeat("a", 73)+"\r\n", line("X", strings.Repeat("a", 73))) // "X:" + 73 = 75: no fold
	// 149 octets: 75, then a space and 74
	require.Equal(t, "X:"+strings.Repeat("a", 73)+"\r\n "+strings.Repeat("a", 74)+"\r\n", line("X", strings.Repeat("a", 74+73)))
	for _, l := range strings.Split(strings.TrimSuffix(line("X", strings.Repeat("a", 300)), "\r\n"), "\r\n") {
		require.LessOrEqual(t, len(l), 75)
	}
	// Parameters are part of the line that is folded.
	long := line("DTSTART", "20260106T093000", Param{"TZID", strings.Repeat("Zone ", 20)})
	require.Equal(t, "DTSTART;TZID="+strings.Repeat("Zone ", 20)+":20260106T093000", strings.ReplaceAll(strings.TrimSuffix(long, "\r\n"), "\r\n ", ""))
}

// TEXT values are escaped; parameter values are quoted when they hold a
// separator, a double quote (which they cannot hold) becoming a single one.
func TestEscaping(t *testing.T) {
	require.Equal(t, `a\\b\;c\,d\ne\nf`, Text("a\\b;c,d\r\ne\nf"))
	require.Equal(t, "ORGANIZER;CN=Ada:mailto:a@example.com\r\n", line("ORGANIZER", "mailto:a@example.com", Param{"CN", "Ada"}))
	require.Equal(t, "ORGANIZER;CN=\"Smith, John; 'Jr'\":mailto:a@example.com\r\n",
		line("ORGANIZER", "mailto:a@example.com", Param{"CN", `Smith, John; "Jr"`}))
	require.Equal(t, "DTSTART;TZID=\"a:b\";VALUE=DATE:20260106\r\n", line("DTSTART", "20260106", Param{"TZID", "a:b"}, Param{"VALUE", "DATE"}))
}

// A component writes its properties in order, then its components, each
// between BEGIN and END; Get finds a property in any letter case.
func TestComponent(t *testing.T) {
	ev := &Component{Name: "VEVENT"}
	ev.Add("UID", "u")
	ev.Add("SUMMARY", Text("a, b"))
	alarm := &Component{Name: "VALARM"}
	alarm.Add("ACTION", "DISPLAY")
	ev.Children = append(ev.Children, alarm)
	cal := &Component{Name: "VCALENDAR", Children: []*Component{ev}}
	cal.Add("VERSION", "2.0")
	want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u\r\nSUMMARY:a\\, b\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	require.Equal(t, want, cal.String())
	b, err := cal.MarshalText()
	require.NoError(t, err)
	require.Equal(t, want, string(b))
	b, err = cal.AppendText([]byte("x"))
	require.NoError(t, err)
	require.Equal(t, "x"+want, string(b))
	var w strings.Builder
	n, err := cal.WriteTo(&w)
	require.NoError(t, err)
	require.Equal(t, int64(len(want)), n)
	require.Equal(t, want, w.String())
	require.Equal(t, "a\\, b", ev.Get("summary").Value)
	require.Nil(t, ev.Get("LOCATION"))
}
