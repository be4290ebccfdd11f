package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// Every command and subcommand answers -h and --help with its usage on
// standard output and exit code 0.
func TestHelpOnEverySubcommand(t *testing.T) {
	var cases [][]string
	for name := range commands {
		cases = append(cases, []string{name})
	}
	cases = append(cases, []string{"tz", "build"}, []string{"tz", "transitions"})
	for _, c := range cases {
		for _, h := range []string{"-h", "--help", "-help"} {
			args := append(append([]string{}, c...), h)
			r := runBin(t, nil, args...)
			require.Equal(t, 0, r.code, "%v: %+v", args, r)
			require.Empty(t, r.stderr, "%v", args)
			require.True(t, strings.HasPrefix(r.stdout, "mapiblob "+c[0]), "%v: usage %q", args, r.stdout)
		}
	}
	// After other arguments too, for the commands that parse flags.
	r := runBin(t, nil, "decode", "@testdata/samples/eastern.tzdef.hex", "--help")
	require.Equal(t, 0, r.code)
	require.True(t, strings.HasPrefix(r.stdout, "mapiblob decode"))
}

func TestDidYouMean(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"decod"}, `unknown command "decod"; did you mean decode?`},
		{[]string{"ocurrences"}, "did you mean occurrences?"},
		{[]string{"gudi"}, "did you mean guid?"},
		{[]string{"completions", "bash"}, "did you mean completion?"},
		{[]string{"decode", "--formt", "json"}, "flag provided but not defined: -formt; did you mean --format?"},
		{[]string{"decode", "-knd", "tzdef"}, "did you mean --kind?"},
		{[]string{"tz", "build", "--zoen", "UTC"}, "did you mean --zone?"},
		{[]string{"guid", "--exmerge-lgo", "x"}, "did you mean --exmerge-log?"},
		{[]string{"occurrences", "--limt", "3"}, "did you mean --limit?"},
		{[]string{"completion", "powershel"}, "did you mean powershell?"},
	} {
		oneErrorLine(t, runBin(t, nil, tt.args...), exitUsage, tt.want)
	}
	// Nothing close: no suggestion.
	r := runBin(t, nil, "xyzzy")
	oneErrorLine(t, r, exitUsage, `unknown command "xyzzy"; run 'mapiblob help'`)
	r = runBin(t, nil, "decode", "--qqqqqq")
	require.NotContains(t, r.stderr, "did you mean")

	require.Equal(t, "format", suggest("fromat", []string{"format", "kind"}))
	require.Equal(t, "", suggest("x", []string{"format", "kind"}))
	require.Equal(t, 1, editDistance("ab", "ba"))
}

func TestCompletion(t *testing.T) {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	scripts := map[string]string{}
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		r := runBin(t, nil, "completion", sh)
		require.Equal(t, 0, r.code, r.stderr)
		for _, n := range names {
			require.Contains(t, r.stdout, n, sh)
		}
		for _, w := range []string{"format", "smartview", "apptrecur", "exmerge-log", "zone"} {
			require.Contains(t, r.stdout, w, sh)
		}
		scripts[sh] = r.stdout
	}
	oneErrorLine(t, runBin(t, nil, "completion"), exitUsage, "one shell")

	// The flags come from the commands themselves.
	got := map[string]bool{}
	for _, f := range commandFlags("occurrences") {
		got[f.name] = true
	}
	for _, want := range []string{"recur", "tz", "from", "to", "limit", "max", "format", "codepage"} {
		require.True(t, got[want], "occurrences --%s", want)
	}

	dir := t.TempDir()
	for sh, script := range scripts {
		p := filepath.Join(dir, sh)
		require.NoError(t, os.WriteFile(p, []byte(script), 0o644))
		var check []string
		switch sh {
		case "bash", "zsh":
			check = []string{sh, "-n", p}
		case "fish":
			check = []string{"fish", "--no-execute", p}
		case "powershell":
			check = []string{"pwsh", "-NoProfile", "-Command", "$null = [scriptblock]::Create((Get-Content -Raw '" + p + "'))"}
		}
		if _, err := exec.LookPath(check[0]); err != nil {
			t.Logf("%s not installed: %s script not syntax-checked", check[0], sh)
			continue
		}
		out, err := exec.Command(check[0], check[1:]...).CombinedOutput()
		require.NoError(t, err, "%s: %s", sh, out)
	}

	// bash completes what it should.
	if _, err := exec.LookPath("bash"); err == nil {
		complete := func(words ...string) []string {
			script := scripts["bash"] + "\nCOMP_WORDS=(" + strings.Join(quoteAll(words), " ") + ")\nCOMP_CWORD=" +
				strconv.Itoa(len(words)-1) + "\n_mapiblob\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
			out, err := exec.Command("bash", "-c", script).CombinedOutput()
			require.NoError(t, err, "%s", out)
			return strings.Fields(string(out))
		}
		if d := cmp.Diff([]string{"occurrences"}, complete("mapiblob", "oc")); d != "" {
			t.Errorf("mapiblob oc<TAB> (-want +got):\n%s", d)
		}
		if d := cmp.Diff([]string{"json", "smartview", "text"}, sorted(complete("mapiblob", "decode", "--format", ""))); d != "" {
			t.Errorf("decode --format <TAB> (-want +got):\n%s", d)
		}
		if d := cmp.Diff([]string{"build", "transitions", "drift"}, complete("mapiblob", "tz", "")); d != "" {
			t.Errorf("tz <TAB> (-want +got):\n%s", d)
		}
		require.Contains(t, complete("mapiblob", "tz", "build", "--"), "--zone")
	}
}

func quoteAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = "'" + w + "'"
	}
	return out
}

func sorted(s []string) []string { sort.Strings(s); return s }

// mapiblob prints no colour: nothing it writes holds an escape sequence,
// so NO_COLOR (and a terminal without colour) needs nothing.
func TestNoColour(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	for _, args := range [][]string{
		{"help"}, {"decode", "@testdata/samples/weekly-standup.apptrecur.hex"}, {"check", "@testdata/samples/eastern.tzdef.hex"},
		{"guid", `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`}, {"tz", "build", "--zone", "UTC"}, {"decode", "zz"}, {"nosuch"},
		{"occurrences", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex"}, {"completion", "bash"},
	} {
		r := runBin(t, nil, args...)
		require.NotContains(t, r.stdout+r.stderr, "\x1b[", "%v", args)
	}
	r := runBin(t, nil, "completion", "--help")
	require.Contains(t, r.stdout, "mapiblob prints no colour")
}
