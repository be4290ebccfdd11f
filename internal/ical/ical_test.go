package ical

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

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
		var w Writer
		w.Line("SUMMARY", value)
		out := w.String()
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
	var w Writer
	w.Line("X", strings.Repeat("a", 73)) // "X:" + 73 = 75: no fold
	require.Equal(t, "X:"+strings.Repeat("a", 73)+"\r\n", w.String())
	w = Writer{}
	w.Line("X", strings.Repeat("a", 74+73)) // 149 octets: 75, then a space and 74
	require.Equal(t, "X:"+strings.Repeat("a", 73)+"\r\n "+strings.Repeat("a", 74)+"\r\n", w.String())
	w = Writer{}
	w.Line("X", strings.Repeat("a", 300))
	for _, l := range strings.Split(strings.TrimSuffix(w.String(), "\r\n"), "\r\n") {
		require.LessOrEqual(t, len(l), 75)
	}
}
