// Package lint holds the finding type that every Check method of this
// module returns. The public packages re-export it as an alias.
package lint

import "strings"

// Severity ranks a finding.
type Severity uint8

// Severities, from least to most serious.
const (
	Info    Severity = iota // worth knowing; Outlook copes
	Warning                 // outside the specification; some clients misbehave
	Error                   // Outlook or Exchange fails, or data is lost or wrong
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "severity(" + string(rune('0'+s)) + ")"
}

// MarshalText writes the name, so JSON shows "warning" rather than 1.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	switch strings.ToLower(string(b)) {
	case "info":
		*s = Info
	case "warning":
		*s = Warning
	case "error":
		*s = Error
	default:
		return &unknownSeverity{string(b)}
	}
	return nil
}

type unknownSeverity struct{ s string }

func (e *unknownSeverity) Error() string { return "unknown severity " + e.s }

// Finding is a structural problem that does not stop decoding.
type Finding struct {
	Code     string   `json:"code"`     // stable identifier, e.g. "TZ_EMPTY_KEYNAME"
	Severity Severity `json:"severity"` // info, warning or error
	Path     string   `json:"path"`     // field path, e.g. "TZRules[1].stStandardDate.wMonth"
	Message  string   `json:"message"`  // what it means and what Outlook does with it
}

func (f Finding) String() string {
	return f.Severity.String() + " " + f.Code + " " + f.Path + ": " + f.Message
}

// List collects findings.
type List []Finding

// Add appends a finding.
func (l *List) Add(code string, sev Severity, path, msg string) {
	*l = append(*l, Finding{Code: code, Severity: sev, Path: path, Message: msg})
}
