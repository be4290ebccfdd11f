// Package shell quotes the arguments of the commands the project shows
// its users to run.
package shell

import "strings"

// Quote returns s as one POSIX-shell word: unchanged when it holds nothing
// a shell reads specially, else in single quotes, where a single quote of
// s closes the quoting, is escaped with a backslash and opens it again; so
// that pasting it expands nothing and runs nothing.
func Quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\r'\"\\$`;&|<>()*?[]{}!#~=%^") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
