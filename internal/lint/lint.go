// Package lint collects the findings of Check methods.
package lint

import "github.com/mapiblob/mapiblob/blob"

// Finding and Severity are blob's.
type (
	Finding  = blob.Finding
	Severity = blob.Severity
)

// Severities.
const (
	Info    = blob.Info
	Warning = blob.Warning
	Error   = blob.Error
)

// List collects findings.
type List []Finding

// Add appends a finding.
func (l *List) Add(code string, sev Severity, path, msg string) {
	*l = append(*l, Finding{Code: code, Severity: sev, Path: path, Message: msg})
}
