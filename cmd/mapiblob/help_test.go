package main

import (
	"flag"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// Help lists every flag each command defines, with its usage, and
// mentions no flag the command does not define.
func TestHelpMatchesFlags(t *testing.T) {
	mention := regexp.MustCompile(`(?:^|[^A-Za-z0-9-])--([a-z][a-z0-9-]*)`)
	for name := range commands {
		help := commandHelp(name)
		defined := map[string]bool{}
		for _, fs := range commandFlagSets(name) {
			fs.VisitAll(func(f *flag.Flag) {
				defined[f.Name] = true
				if !regexp.MustCompile(`(?m)^  --` + regexp.QuoteMeta(f.Name) + `( |$)`).MatchString(help) {
					t.Errorf("help %s does not list --%s", name, f.Name)
				}
				if f.Usage == "" {
					t.Errorf("%s --%s has no usage", fs.Name(), f.Name)
				}
			})
		}
		for _, m := range mention.FindAllStringSubmatch(help, -1) {
			if !defined[m[1]] {
				t.Errorf("help %s mentions --%s, which %s does not define", name, m[1], name)
			}
		}
		if strings.Contains(help, "\n\n\n") || !strings.HasSuffix(help, "\n") || strings.HasSuffix(help, "\n\n") {
			t.Errorf("help %s is not laid out in paragraphs:\n%s", name, help)
		}
	}
}

// However it is asked for, a command's help is the same text.
func TestHelpEverywhereTheSame(t *testing.T) {
	for name, cmd := range commands {
		want := commandHelp(name)
		asks := [][]string{{"help", name}, {name, "--help"}, {name, "-h"}}
		for _, sub := range cmd.subcommands {
			asks = append(asks, []string{name, sub, "--help"}, []string{name, sub, "x", "-h"})
		}
		for _, args := range asks {
			r := runBin(t, nil, args...)
			require.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
			if d := cmp.Diff(want, r.stdout); d != "" {
				t.Errorf("%v (-want +got):\n%s", args, d)
			}
		}
	}
	// A bad flag quotes the synopsis.
	oneErrorLine(t, runBin(t, nil, "tz", "transitions", "--yaer", "2026"), exitUsage, "did you mean --year? (usage: mapiblob tz build --zone ZONE [flags])")
}

// Completion offers the flags help lists, with the values an enumeration
// flag takes.
func TestCompletionMatchesHelp(t *testing.T) {
	for _, s := range commandSpecs() {
		var fromSets []string
		values := map[string][]string{}
		for _, fs := range commandFlagSets(s.name) {
			fs.VisitAll(func(f *flag.Flag) {
				fromSets = append(fromSets, f.Name)
				if e, ok := f.Value.(*enumValue); ok {
					values[f.Name] = e.values
				}
			})
		}
		sort.Strings(fromSets)
		fromSets = slices.Compact(fromSets)
		var got []string
		for _, f := range s.flags {
			got = append(got, f.name)
			if v, ok := values[f.name]; ok {
				require.Equal(t, v, f.values, "%s --%s", s.name, f.name)
			}
		}
		if d := cmp.Diff(fromSets, got); d != "" {
			t.Errorf("%s flags (-help +completion):\n%s", s.name, d)
		}
		require.Equal(t, commands[s.name].subcommands == nil, s.subcommands == nil || s.name == "help" || s.name == "completion", s.name)
	}
	fl := map[string]cmdFlag{}
	for _, f := range commandFlags("guid") {
		fl[f.name] = f
	}
	require.Equal(t, []string{"string", "adsi", "hex", "ldap", "base64", "exmerge", "powershell"}, fl["to"].values)
	fl = map[string]cmdFlag{}
	for _, f := range commandFlags("import") {
		fl[f.name] = f
	}
	require.Equal(t, []string{"text", "xml", "json"}, fl["format"].values)
	require.True(t, fl["expand"].bool)
}
