package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"unicode/utf8"
)

// A command's help is its hand-written usage (the synopsis and what the
// command does), then its flags as its flag sets define them (name, value
// name, usage and default), then its examples: the flags part cannot
// drift from the flags, and completion reads the same flag sets.

// enumValue is a string flag that takes one of a list of values: help
// shows the list as the flag's value and completion offers it. It accepts
// any text; the command checks it, with its own message.
type enumValue struct {
	s      *string
	values []string
}

func (v *enumValue) String() string {
	if v.s == nil {
		return ""
	}
	return *v.s
}

func (v *enumValue) Set(s string) error { *v.s = s; return nil }

// enumFlag defines a string flag that takes one of values.
func enumFlag(fs *flag.FlagSet, name, value, usage string, values ...string) *string {
	s := value
	fs.Var(&enumValue{&s, values}, name, usage)
	return &s
}

var errProbed = errors.New("flags probed")

// commandFlagSets returns the flag sets a command defines, one for each
// of its subcommands when it has them: the command runs with env.probe
// set, and parseFlags hands each flag set to the probe instead of parsing.
// A command that parses no flags yields none.
func commandFlagSets(name string) []*flag.FlagSet {
	cmd, ok := commands[name]
	if !ok {
		return nil
	}
	variants := [][]string{nil}
	if len(cmd.subcommands) > 0 {
		variants = nil
		for _, s := range cmd.subcommands {
			variants = append(variants, []string{s})
		}
	}
	var sets []*flag.FlagSet
	for _, args := range variants {
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
			probe: func(fs *flag.FlagSet) { sets = append(sets, fs) }}
		_ = cmd.run(e, args)
	}
	return sets
}

// commandHelp is what `mapiblob help NAME` and `mapiblob NAME --help`
// print.
func commandHelp(name string) string {
	cmd := commands[name]
	var b strings.Builder
	b.WriteString(strings.TrimRight(cmd.usage, "\n"))
	b.WriteByte('\n')
	for _, fs := range commandFlagSets(name) {
		title := "Flags:"
		if len(cmd.subcommands) > 0 {
			title = "Flags of " + fs.Name() + ":"
		}
		var fb strings.Builder
		fs.VisitAll(func(f *flag.Flag) { writeFlag(&fb, f) })
		if fb.Len() > 0 {
			b.WriteString("\n" + title + "\n" + fb.String())
		}
	}
	if cmd.examples != "" {
		b.WriteString("\nExamples:\n")
		for _, l := range strings.Split(strings.Trim(cmd.examples, "\n"), "\n") {
			b.WriteString("  " + l + "\n")
		}
	}
	return b.String()
}

// helpFor is the help parseFlags prints for -h: the command's, or for a
// flag set of no command, the usage it was given and its flags.
func helpFor(fs *flag.FlagSet, usage string) string {
	name, _, _ := strings.Cut(fs.Name(), " ")
	if _, ok := commands[name]; ok {
		return commandHelp(name)
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(usage, "\n") + "\n\nFlags:\n")
	fs.VisitAll(func(f *flag.Flag) { writeFlag(&b, f) })
	return b.String()
}

// flagValueName is the name help shows for a flag's value ("" for a bool
// flag) and its usage: the list of an enumFlag, else the back-quoted word
// of the usage (flag.UnquoteUsage), else the value's type.
func flagValueName(f *flag.Flag) (name, usage string) {
	name, usage = flag.UnquoteUsage(f)
	if e, ok := f.Value.(*enumValue); ok {
		name = strings.Join(e.values, "|")
	}
	return name, usage
}

// writeFlag writes "  --name VALUE" and, indented below it, the usage
// with the default, wrapped.
func writeFlag(b *strings.Builder, f *flag.Flag) {
	value, usage := flagValueName(f)
	b.WriteString("  --" + f.Name)
	if value != "" {
		b.WriteString(" " + value)
	}
	b.WriteByte('\n')
	if d := f.DefValue; d != "" && d != "false" && d != "0" {
		usage = strings.TrimSpace(usage + " (default " + d + ")")
	}
	if usage != "" {
		b.WriteString(wrap(usage, "      ", 80))
	}
}

// wrap breaks s into lines of at most width columns (a longer word stands
// alone), each starting with indent and ending with a newline.
func wrap(s, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, w := range strings.Fields(s) {
		if line != indent && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += w
	}
	if line != indent {
		b.WriteString(line + "\n")
	}
	return b.String()
}
