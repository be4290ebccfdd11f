package blob

import "strconv"

// Severity ranks a Finding.
type Severity uint8

// Severities, from least to most serious.
const (
	Info    Severity = iota // worth knowing; Outlook copes
	Warning                 // outside the specification; some clients misbehave
	Error                   // Outlook or Exchange fails, or data is lost or wrong
)

// String is "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText writes the name, so JSON shows "warning" rather than 1.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a name written by MarshalText (any letter case).
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{Info, Warning, Error} {
		if equalFoldASCII(string(b), v.String()) {
			*s = v
			return nil
		}
	}
	return &DecodeError{Path: "severity", Err: ErrInvalid, Detail: "unknown severity " + strconv.Quote(string(b))}
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

// Finding is a structural problem that does not stop decoding: trailing
// bytes, an empty time-zone key name, an exception whose original day was
// not deleted… Code is stable across versions; Message tells an
// administrator what Outlook will do with it.
type Finding struct {
	Code     string   `json:"code"`     // stable identifier, e.g. "TZ_EMPTY_KEYNAME"
	Severity Severity `json:"severity"` // info, warning or error
	Path     string   `json:"path"`     // field path, e.g. "TZRules[1].stStandardDate.wMonth"
	Message  string   `json:"message"`  // what it means and what Outlook does with it
}

// String is "severity CODE path: message".
func (f Finding) String() string {
	return f.Severity.String() + " " + f.Code + " " + f.Path + ": " + f.Message
}

// Worst is the highest severity among fs, and false when fs is empty.
func Worst(fs []Finding) (Severity, bool) {
	if len(fs) == 0 {
		return Info, false
	}
	w := Info
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w, true
}
