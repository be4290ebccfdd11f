package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item/msg"
)

// withCommand adds a command to the table for the length of the test.
func withCommand(t *testing.T, name string, run func(e *env, args []string) error) {
	t.Helper()
	if _, ok := commands[name]; ok {
		t.Fatalf("command %q exists", name)
	}
	commands[name] = command{summary: "test only", usage: "mapiblob " + name, run: run}
	t.Cleanup(func() { delete(commands, name) })
}

// Each exit code, as help documents them: 0 fine, 1 findings or invalid
// input, 2 usage or I/O, 3 an internal error.
func TestExitCodes(t *testing.T) {
	msg, err := msg.Marshal(itemtest.Meeting(itemtest.Options{Seed: 1}))
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "meeting.msg"), msg, 0o644))

	withCommand(t, "test-panic", func(*env, []string) error { panic("boom\nsecond line") })
	// A panic in an item worker goroutine reaches run too.
	withCommand(t, "test-worker-panic", func(e *env, args []string) error {
		src, err := itemArgs(e, args)
		if err != nil {
			return err
		}
		require.Len(t, src, 1)
		return processItems(e, src, func(*fileResult) { panic("in a worker") }, func(*fileResult) error { return nil })
	})

	for _, tt := range []struct {
		name string
		args []string
		code int
		frag string // on standard error
	}{
		{"fine", []string{"decode", "@testdata/samples/eastern.tzdef.hex"}, exitOK, ""},
		{"no findings", []string{"check", "@testdata/samples/eastern.tzdef.hex"}, exitOK, ""},
		{"finding", []string{"check", "0201060002000000010002013E000200D70700000000000000000000000000002C01000000000000C4FFFFFF00000B0000000100020000000000000000000300000002000200000000000000"}, exitInvalid, ""},
		{"invalid input", []string{"decode", "02013Z"}, exitInvalid, "stray character"},
		{"unknown flag", []string{"decode", "--nope", "00"}, exitUsage, "flag provided but not defined"},
		{"unknown command", []string{"nosuch"}, exitUsage, "unknown command"},
		{"missing file", []string{"guid", "--exmerge-log", "testdata/no/such/ExMerge.log"}, exitUsage, "cannot read"},
		{"panic", []string{"test-panic"}, exitInternal, "mapiblob: internal error: boom second line (please report it with the input)"},
		{"worker panic", []string{"test-worker-panic", filepath.Join(dir, "meeting.msg")}, exitInternal, "internal error: " + filepath.Join(dir, "meeting.msg") + ": in a worker"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runBin(t, nil, tt.args...)
			if tt.frag == "" {
				require.Equal(t, tt.code, r.code, "%+v", r)
				return
			}
			oneErrorLine(t, r, tt.code, tt.frag)
		})
	}

	// help and --help list the four.
	for _, args := range [][]string{{"help"}, {"--help"}} {
		r := runBin(t, nil, args...)
		require.Equal(t, exitOK, r.code)
		for _, line := range []string{
			"  0  fine\n",
			"  1  findings (check found an error-level one) or invalid input\n",
			"  2  usage or I/O error\n",
			"  3  internal error: a bug in mapiblob (please report it with the input)\n",
		} {
			require.True(t, strings.Contains(r.stdout, line), "%v lacks %q", args, line)
		}
	}
}
