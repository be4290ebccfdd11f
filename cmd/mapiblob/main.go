// Command mapiblob decodes, checks and explains the binary MAPI properties
// of calendar items (time-zone definitions, recurrence patterns), property
// tags, and mailbox GUIDs in every form an Exchange administrator meets.
//
// Run `mapiblob help` for the commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	_ "time/tzdata" // zone rules built in: tz build works without a zone database on the machine
)

// Exit codes.
const (
	exitOK       = 0 // fine
	exitInvalid  = 1 // findings of error severity, or the input was read but is invalid
	exitUsage    = 2 // usage or I/O error
	exitInternal = 3 // an internal error: a bug in mapiblob (a recovered panic)
)

// command is one subcommand. Adding one is a table entry and a function.
type command struct {
	summary string
	usage   string
	run     func(env *env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"decode":      {"decode a blob (time zone or recurrence)", decodeUsage, runDecode},
		"check":       {"list a blob's structural problems; exit 1 on an error-level one", checkUsage, runCheck},
		"tag":         {"explain a property tag or a property name", tagUsage, runTag},
		"guid":        {"convert a GUID between forms; scan ExMerge.log", guidUsage, runGUID},
		"tz":          {"build a time-zone blob for a zone; list a blob's transitions", tzUsage, runTZ},
		"occurrences": {"list the meetings of a recurring series", occurrencesUsage, runOccurrences},
		"ical":        {"print a recurring series as an iCalendar VCALENDAR", icalUsage, runICal},
		"uid":         {"print a meeting's iCalendar UID from its GlobalObjectId, or the reverse", uidUsage, runUID},
		"import":      {"turn iCalendar (VEVENT, RRULE, VTIMEZONE) into Outlook's properties", importUsage, runImport},
		"repair":      {"write an item's consistent time-zone properties (repair tz)", repairUsage, runRepair},
		"version":     {"print the version", "mapiblob version", runVersion},
		"help":        {"show help for a command", "mapiblob help [COMMAND]", runHelp},
		"completion":  {"print a shell completion script: bash, zsh, fish or powershell", completionUsage, runCompletion},
	}
}

// env is what a command may touch, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dir            string // where relative paths start; "" is the working directory
}

// open opens a file named on the command line.
func (e *env) open(path string) (*os.File, error) {
	if e.dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	return os.Open(path)
}

// cliError carries an exit code with a message.
type cliError struct {
	code int
	msg  string
}

func (e *cliError) Error() string { return e.msg }

func usageErr(format string, a ...any) error {
	return &cliError{exitUsage, fmt.Sprintf(format, a...)}
}

func invalidErr(format string, a ...any) error {
	return &cliError{exitInvalid, fmt.Sprintf(format, a...)}
}

func main() {
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
}

func run(args []string, e *env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "mapiblob: internal error: %s (please report it with the input)\n", oneLine(fmt.Sprint(r)))
			code = exitInternal
		}
	}()
	if len(args) == 0 {
		writeOverview(e.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		writeOverview(e.stdout)
		return exitOK
	case "-v", "--version", "-version":
		name = "version"
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "mapiblob: unknown command %q%s; run 'mapiblob help' for the list\n", name, commandSuggestion(name))
		return exitUsage
	}

	// -h/--help right after any command prints its usage, also for the
	// commands that take no flags (version, help, completion).
	if len(args) > 1 && (args[1] == "-h" || args[1] == "--help" || args[1] == "-help") {
		fmt.Fprintln(e.stdout, cmd.usage)
		return exitOK
	}

	err := cmd.run(e, args[1:])
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ce *cliError
	if errors.As(err, &ce) {
		if ce.msg != "" {
			fmt.Fprintf(e.stderr, "mapiblob: %s\n", oneLine(ce.msg))
		}
		return ce.code
	}
	fmt.Fprintf(e.stderr, "mapiblob: %s\n", oneLine(err.Error()))
	return exitInvalid
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func writeOverview(w io.Writer) {
	fmt.Fprintln(w, "mapiblob decodes, checks and explains the binary MAPI properties of calendar items.")
	fmt.Fprintln(w, "\nUsage: mapiblob COMMAND [flags] [INPUT]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nINPUT is the text itself, @path for a file, or - (or nothing) for standard input.")
	fmt.Fprintln(w, "It may be hex in any layout, MFCMAPI's \"cb: N lpb: HEX\", an MFCMAPI XML property export, or base64.")
	fmt.Fprintln(w, "\nExit codes:")
	fmt.Fprintln(w, "  0  fine")
	fmt.Fprintln(w, "  1  findings (check found an error-level one) or invalid input")
	fmt.Fprintln(w, "  2  usage or I/O error")
	fmt.Fprintln(w, "  3  internal error: a bug in mapiblob (please report it with the input)")
}

func runHelp(e *env, args []string) error {
	if len(args) == 0 {
		writeOverview(e.stdout)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return usageErr("unknown command %q; run 'mapiblob help' for the list", args[0])
	}
	fmt.Fprintln(e.stdout, cmd.usage)
	return nil
}

//go:generate go run ./internal/gentzdata -o zz_tzdata.go

func runVersion(e *env, args []string) error {
	fmt.Fprintf(e.stdout, "mapiblob %s (%s %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(e.stdout, "time zones built in: IANA %s (time/tzdata of %s)\n", tzdataRelease, tzdataGo)
	fmt.Fprintf(e.stdout, "time zones read from: %s\n", zoneSource())
	return nil
}

// newFlags makes a flag set that reports errors through the return value
// (parseFlags prints the command's usage for -h).
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses flags wherever they stand among the arguments, so that
// `mapiblob decode 0201… --format json` works too.
func parseFlags(fs *flag.FlagSet, args []string, usage string, e *env) ([]string, error) {
	if flagProbe != nil { // completion is asking for the flags
		flagProbe(fs)
		return nil, errProbed
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(e.stdout, usage)
				return nil, flag.ErrHelp
			}
			return nil, usageErr("%v%s (usage: %s)", err, flagSuggestion(fs, err), firstLine(usage))
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
