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
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
	// usage is the synopsis (its first line is quoted in usage errors) and
	// what the command does; help adds the flags from the flag sets the
	// command defines, and the examples.
	usage    string
	examples string // one command line a line
	run      func(env *env, args []string) error
	// subcommands are those whose flag sets help lists (tz build, …).
	subcommands []string
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"decode":      {summary: "decode a blob (time zone or recurrence)", usage: decodeUsage, examples: decodeExamples, run: runDecode},
		"check":       {summary: "list a blob's structural problems; exit 1 on an error-level one", usage: checkUsage, examples: checkExamples, run: runCheck},
		"tag":         {summary: "explain a property tag or a property name", usage: tagUsage, examples: tagExamples, run: runTag},
		"guid":        {summary: "convert a GUID between forms; scan ExMerge.log", usage: guidUsage, examples: guidExamples, run: runGUID},
		"tz":          {summary: "build a time-zone blob for a zone; list a blob's transitions", usage: tzUsage, examples: tzExamples, run: runTZ, subcommands: tzSubcommands},
		"occurrences": {summary: "list the meetings of a recurring series", usage: occurrencesUsage, examples: occurrencesExamples, run: runOccurrences},
		"ical":        {summary: "print a recurring series as an iCalendar VCALENDAR", usage: icalUsage, examples: icalExamples, run: runICal},
		"uid":         {summary: "print a meeting's iCalendar UID from its GlobalObjectId, or the reverse", usage: uidUsage, examples: uidExamples, run: runUID},
		"import":      {summary: "turn iCalendar (VEVENT, RRULE, VTIMEZONE) into Outlook's properties", usage: importUsage, run: runImport},
		"repair":      {summary: "write an item's consistent time-zone properties (repair tz)", usage: repairUsage, examples: repairExamples, run: runRepair, subcommands: []string{"tz"}},
		"folders":     {summary: "list the folder tree of a PST or OST", usage: foldersUsage, examples: foldersExamples, run: runFolders},
		"version":     {summary: "print the version", usage: "mapiblob version", run: runVersion},
		"help":        {summary: "show help for a command", usage: "mapiblob help [COMMAND]", run: runHelp},
		"completion":  {summary: "print a shell completion script: bash, zsh, fish or powershell", usage: completionUsage, run: runCompletion},
	}
}

// env is what a command may touch, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dir            string // where relative paths start; "" is the working directory
	// probe, when set, receives each flag set the command defines instead
	// of the command running (parseFlags returns errProbed): help and
	// completion learn the flags from the commands themselves.
	probe func(fs *flag.FlagSet)
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
		fmt.Fprint(e.stdout, commandHelp(name))
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
	names := slices.Sorted(maps.Keys(commands))
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
	if _, ok := commands[args[0]]; !ok {
		return usageErr("unknown command %q; run 'mapiblob help' for the list", args[0])
	}
	fmt.Fprint(e.stdout, commandHelp(args[0]))
	return nil
}

//go:generate go run ./internal/gentzdata -in $GOROOT -o zz_tzdata.go

func runVersion(e *env, args []string) error {
	fmt.Fprintf(e.stdout, "mapiblob %s (%s %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(e.stdout, "time zones built in: IANA %s (time/tzdata of %s)\n", tzdataRelease, tzdataGo)
	fmt.Fprintf(e.stdout, "time zones read from: %s\n", zoneSource())
	return nil
}

// newFlags makes a flag set that reports errors through the return value
// (parseFlags prints the command's help for -h). Its name is the command's,
// with the subcommand after a space ("tz build").
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses flags wherever they stand among the arguments, so that
// `mapiblob decode 0201… --format json` works too. usage is the command's;
// its first line goes into the message of a bad flag.
func parseFlags(fs *flag.FlagSet, args []string, usage string, e *env) ([]string, error) {
	if e.probe != nil { // help or completion is asking for the flags
		e.probe(fs)
		return nil, errProbed
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(e.stdout, helpFor(fs, usage))
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
