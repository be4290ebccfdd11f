package shell

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"meeting.msg", "meeting.msg"},
		{"", "''"},
		{"my meeting.msg", "'my meeting.msg'"},
		{"a$HOME`id`.msg", "'a$HOME`id`.msg'"},
		{"it's.msg", `'it'\''s.msg'`},
		{"Pacific Standard Time (Mexico)", "'Pacific Standard Time (Mexico)'"},
	} {
		require.Equal(t, c.want, Quote(c.in), c.in)
	}
}

// A POSIX shell reads every quoted word back as the string itself.
func TestQuoteThroughShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh on this machine")
	}
	for _, s := range []string{"plain", "two words", "a$HOME`id`;rm -rf x", "it's", `back\slash "dq"`, "*?[a]{b}~#!", "tab\there\nnewline", ""} {
		out, err := exec.Command(sh, "-c", "printf %s "+Quote(s)).Output()
		require.NoError(t, err, s)
		require.Equal(t, s, string(out))
	}
}
