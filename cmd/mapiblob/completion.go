package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
)

const completionUsage = `mapiblob completion bash|zsh|fish|powershell

Prints a script that completes mapiblob's commands, flags and flag values in
that shell. Load it with:

  bash:        source <(mapiblob completion bash)     (or save it in /etc/bash_completion.d/mapiblob)
  zsh:         source <(mapiblob completion zsh)      (or save it as _mapiblob in a directory of $fpath)
  fish:        mapiblob completion fish > ~/.config/fish/completions/mapiblob.fish
  powershell:  mapiblob completion powershell | Out-String | Invoke-Expression   (add it to $PROFILE to keep it)

mapiblob prints no colour, so NO_COLOR and terminals without colour need nothing.`

// shells are the shells completion writes a script for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// cmdFlag is a flag of a command, with the values it takes.
type cmdFlag struct {
	name   string
	bool   bool
	values []string
}

// cmdSpec is what completion knows of a command.
type cmdSpec struct {
	name, summary string
	subcommands   []string // tz build|transitions|drift; help's commands; completion's shells
	flags         []cmdFlag
}

// flagValues reads "--format hex|xml|json" enumerations from a usage text,
// for a plain string flag whose values its command's usage lists.
var flagValues = regexp.MustCompile(`--([a-z][a-z0-9-]*)[ =]([a-z0-9_-]+(?:\|[a-z0-9_-]+)+)`)

// commandFlags returns the flags of every flag set the command defines
// (commandFlagSets, as help lists them), sorted, each with the values an
// enumFlag takes or, for a plain string flag, those its usage lists.
func commandFlags(name string) []cmdFlag {
	listed := map[string][]string{}
	for _, m := range flagValues.FindAllStringSubmatch(commands[name].usage, -1) {
		if _, ok := listed[m[1]]; !ok {
			listed[m[1]] = strings.Split(m[2], "|")
		}
	}
	var fl []cmdFlag
	seen := map[string]bool{}
	for _, fs := range commandFlagSets(name) {
		fs.VisitAll(func(f *flag.Flag) {
			if seen[f.Name] {
				return
			}
			seen[f.Name] = true
			b, ok := f.Value.(interface{ IsBoolFlag() bool })
			c := cmdFlag{name: f.Name, bool: ok && b.IsBoolFlag(), values: listed[f.Name]}
			if e, ok := f.Value.(*enumValue); ok {
				c.values = e.values
			}
			fl = append(fl, c)
		})
	}
	sort.Slice(fl, func(i, j int) bool { return fl[i].name < fl[j].name })
	return fl
}

// commandSpecs lists every command with its flags, for completion.
func commandSpecs() []cmdSpec {
	names := slices.Sorted(maps.Keys(commands))
	var out []cmdSpec
	for _, n := range names {
		s := cmdSpec{name: n, summary: commands[n].summary, subcommands: commands[n].subcommands, flags: commandFlags(n)}
		switch n {
		case "help":
			s.subcommands = names
		case "completion":
			s.subcommands = shells
		}
		out = append(out, s)
	}
	return out
}

func runCompletion(e *env, args []string) error {
	if len(args) != 1 {
		return usageErr("completion takes one shell: bash, zsh, fish or powershell (usage: %s)", firstLine(completionUsage))
	}
	specs := commandSpecs()
	switch args[0] {
	case "bash":
		writeBash(e.stdout, specs)
	case "zsh":
		writeZsh(e.stdout, specs)
	case "fish":
		writeFish(e.stdout, specs)
	case "powershell", "pwsh":
		writePowerShell(e.stdout, specs)
	default:
		msg := fmt.Sprintf("unknown shell %q (want bash, zsh, fish or powershell)", args[0])
		if s := suggest(args[0], shells); s != "" {
			msg += "; did you mean " + s + "?"
		}
		return usageErr("%s", msg)
	}
	return nil
}

func (s cmdSpec) flagWords() []string {
	var w []string
	for _, f := range s.flags {
		w = append(w, "--"+f.name)
	}
	return w
}

func writeBash(w io.Writer, specs []cmdSpec) {
	var names []string
	for _, s := range specs {
		names = append(names, s.name)
	}
	fmt.Fprintln(w, "# bash completion for mapiblob. Load with: source <(mapiblob completion bash)")
	fmt.Fprintln(w, "_mapiblob() {")
	fmt.Fprintln(w, `  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"`)
	fmt.Fprintln(w, `  if [ "$COMP_CWORD" -eq 1 ]; then`)
	fmt.Fprintf(w, "    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n", strings.Join(names, " "))
	fmt.Fprintln(w, "    return")
	fmt.Fprintln(w, "  fi")
	fmt.Fprintln(w, `  case "${COMP_WORDS[1]}" in`)
	for _, s := range specs {
		fmt.Fprintf(w, "  %s)\n", s.name)
		fmt.Fprintln(w, `    case "$prev" in`)
		for _, f := range s.flags {
			if len(f.values) > 0 {
				fmt.Fprintf(w, "    --%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", f.name, strings.Join(f.values, " "))
			} else if !f.bool {
				fmt.Fprintf(w, "    --%s) return ;;\n", f.name)
			}
		}
		fmt.Fprintln(w, "    esac")
		words := s.flagWords()
		if len(s.subcommands) > 0 {
			fmt.Fprintf(w, "    if [ \"$COMP_CWORD\" -eq 2 ]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); return; fi\n", strings.Join(s.subcommands, " "))
		}
		if len(words) > 0 {
			fmt.Fprintf(w, "    [[ \"$cur\" == -* ]] && COMPREPLY=($(compgen -W %q -- \"$cur\"))\n", strings.Join(words, " "))
		}
		fmt.Fprintln(w, "    ;;")
	}
	fmt.Fprintln(w, "  esac")
	fmt.Fprintln(w, "}")
	fmt.Fprintln(w, "complete -o default -F _mapiblob mapiblob")
}

// zshQuote quotes s for a single-quoted zsh word, escaping what _arguments
// and _describe read specially.
func zshQuote(s string) string {
	s = strings.NewReplacer("'", `'\''`, ":", `\:`, "[", `\[`, "]", `\]`).Replace(s)
	return s
}

func writeZsh(w io.Writer, specs []cmdSpec) {
	fmt.Fprintln(w, "#compdef mapiblob")
	fmt.Fprintln(w, "# zsh completion for mapiblob. Load with: source <(mapiblob completion zsh)")
	fmt.Fprintln(w, "_mapiblob() {")
	fmt.Fprintln(w, "  local -a commands")
	fmt.Fprintln(w, "  commands=(")
	for _, s := range specs {
		fmt.Fprintf(w, "    '%s:%s'\n", s.name, zshQuote(s.summary))
	}
	fmt.Fprintln(w, "  )")
	fmt.Fprintln(w, "  if (( CURRENT == 2 )); then")
	fmt.Fprintln(w, "    _describe 'command' commands")
	fmt.Fprintln(w, "    return")
	fmt.Fprintln(w, "  fi")
	fmt.Fprintln(w, "  case $words[2] in")
	for _, s := range specs {
		fmt.Fprintf(w, "  %s)\n", s.name)
		if len(s.subcommands) > 0 {
			fmt.Fprintf(w, "    if (( CURRENT == 3 )); then compadd -- %s; return; fi\n", strings.Join(s.subcommands, " "))
		}
		fmt.Fprint(w, "    _arguments")
		for _, f := range s.flags {
			switch {
			case f.bool:
				fmt.Fprintf(w, " '--%s'", f.name)
			case len(f.values) > 0:
				fmt.Fprintf(w, " '--%s:%s:(%s)'", f.name, f.name, strings.Join(f.values, " "))
			default:
				fmt.Fprintf(w, " '--%s:%s:_files'", f.name, f.name)
			}
		}
		fmt.Fprintln(w, " '*:input:_files'")
		fmt.Fprintln(w, "    ;;")
	}
	fmt.Fprintln(w, "  esac")
	fmt.Fprintln(w, "}")
	fmt.Fprintln(w, `if [ "$funcstack[1]" = "_mapiblob" ]; then _mapiblob "$@"; else compdef _mapiblob mapiblob; fi`)
}

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func writeFish(w io.Writer, specs []cmdSpec) {
	fmt.Fprintln(w, "# fish completion for mapiblob. Save as ~/.config/fish/completions/mapiblob.fish")
	fmt.Fprintln(w, "complete -c mapiblob -f")
	for _, s := range specs {
		fmt.Fprintf(w, "complete -c mapiblob -n __fish_use_subcommand -a %s -d %s\n", s.name, fishQuote(s.summary))
	}
	for _, s := range specs {
		cond := "'__fish_seen_subcommand_from " + s.name + "'"
		if len(s.subcommands) > 0 {
			fmt.Fprintf(w, "complete -c mapiblob -n %s -a %s\n", cond, fishQuote(strings.Join(s.subcommands, " ")))
		}
		for _, f := range s.flags {
			switch {
			case f.bool:
				fmt.Fprintf(w, "complete -c mapiblob -n %s -l %s\n", cond, f.name)
			case len(f.values) > 0:
				fmt.Fprintf(w, "complete -c mapiblob -n %s -l %s -x -a %s\n", cond, f.name, fishQuote(strings.Join(f.values, " ")))
			default:
				fmt.Fprintf(w, "complete -c mapiblob -n %s -l %s -r -F\n", cond, f.name)
			}
		}
		if s.name != "help" && s.name != "version" && s.name != "completion" {
			fmt.Fprintf(w, "complete -c mapiblob -n %s -F\n", cond)
		}
	}
}

func psQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func writePowerShell(w io.Writer, specs []cmdSpec) {
	fmt.Fprintln(w, "# PowerShell completion for mapiblob. Load with: mapiblob completion powershell | Out-String | Invoke-Expression")
	fmt.Fprintln(w, "Register-ArgumentCompleter -Native -CommandName mapiblob, mapiblob.exe -ScriptBlock {")
	fmt.Fprintln(w, "    param($wordToComplete, $commandAst, $cursorPosition)")
	fmt.Fprintln(w, "    $commands = @{")
	for _, s := range specs {
		var words []string
		for _, x := range append(append([]string{}, s.subcommands...), s.flagWords()...) {
			words = append(words, psQuote(x))
		}
		fmt.Fprintf(w, "        %s = @(%s)\n", psQuote(s.name), strings.Join(words, ", "))
	}
	fmt.Fprintln(w, "    }")
	fmt.Fprintln(w, "    $values = @{")
	for _, s := range specs {
		for _, f := range s.flags {
			if len(f.values) > 0 {
				var vs []string
				for _, v := range f.values {
					vs = append(vs, psQuote(v))
				}
				fmt.Fprintf(w, "        %s = @(%s)\n", psQuote(s.name+" --"+f.name), strings.Join(vs, ", "))
			}
		}
	}
	fmt.Fprintln(w, "    }")
	fmt.Fprintln(w, "    $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })")
	fmt.Fprintln(w, "    if ($wordToComplete -ne '') { $words = $words[0..($words.Count - 2)] }")
	fmt.Fprintln(w, "    if ($words.Count -le 1) {")
	fmt.Fprintln(w, "        $candidates = $commands.Keys")
	fmt.Fprintln(w, "    } else {")
	fmt.Fprintln(w, "        $key = $words[1] + ' ' + $words[-1]")
	fmt.Fprintln(w, "        if ($values.ContainsKey($key)) { $candidates = $values[$key] } else { $candidates = $commands[$words[1]] }")
	fmt.Fprintln(w, "    }")
	fmt.Fprintln(w, "    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | Sort-Object | ForEach-Object {")
	fmt.Fprintln(w, "        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)")
	fmt.Fprintln(w, "    }")
	fmt.Fprintln(w, "}")
}

// suggest returns the candidate closest to word when it is close enough to
// be a slip (edit distance at most 2, or a third of the word), or a
// candidate that word is a prefix of; "" otherwise.
func suggest(word string, candidates []string) string {
	word = strings.ToLower(strings.TrimLeft(word, "-"))
	if word == "" {
		return ""
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(strings.TrimLeft(c, "-"))
		d := editDistance(word, lc)
		if strings.HasPrefix(lc, word) && len(word) >= 2 {
			d = min(d, 1)
		}
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len(word)/3) && bestD < len(word) {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein distance (adjacent swaps count
// one, as typing slips do).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// flagNames lists the flags of fs as the user types them ("--kind").
func flagNames(fs *flag.FlagSet) []string {
	var out []string
	fs.VisitAll(func(f *flag.Flag) { out = append(out, "--"+f.Name) })
	return out
}

// undefinedFlag is the flag package's message for an unknown flag.
var undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(\S+)`)

// flagSuggestion returns "; did you mean --x?" for a parse error naming an
// unknown flag close to one of fs, else "".
func flagSuggestion(fs *flag.FlagSet, err error) string {
	m := undefinedFlag.FindStringSubmatch(err.Error())
	if m == nil {
		return ""
	}
	if s := suggest(m[1], flagNames(fs)); s != "" {
		return "; did you mean " + s + "?"
	}
	return ""
}

// commandSuggestion returns "; did you mean x?" for an unknown command
// close to one of the commands, else "".
func commandSuggestion(name string) string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	if s := suggest(name, names); s != "" {
		return "; did you mean " + s + "?"
	}
	return ""
}
