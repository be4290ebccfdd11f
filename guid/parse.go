package guid

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// ParseError describes text that is not a GUID in the form tried.
type ParseError struct {
	Form Form   // the form that was tried
	Pos  int    // byte position in the input of the problem, -1 when none
	Msg  string // what is wrong
}

func (e *ParseError) Error() string {
	s := "guid: " + e.Form.String() + " form: " + e.Msg
	if e.Pos >= 0 {
		s += " at position " + strconv.Itoa(e.Pos)
	}
	return s
}

func perr(f Form, pos int, msg string) error { return &ParseError{Form: f, Pos: pos, Msg: msg} }

func lengthErr(f Form, n int) error {
	return perr(f, -1, "came to "+strconv.Itoa(n)+" bytes, a GUID has 16")
}

// Parse reads a GUID in any form, detecting which:
//
//  1. a PowerShell or .NET expression that says it holds a GUID string —
//     [guid]'…', [guid]"…", [System.Guid]'…', [guid]::Parse('…'),
//     [System.Guid]::new('…'), New-Object Guid '…', New-Object System.Guid('…'),
//     also inside ( ) and followed by .ToByteArray(). The quoted text is read
//     as .NET's Guid.Parse reads it, so 32 hex digits there are a GUID string
//     without dashes, not bytes;
//  2. the output of .ToByteArray(): decimal bytes one per line, or separated
//     by spaces or commas (when some value is not two digits long; sixteen
//     two-digit values on one line are ADSI hex, rule 4);
//  3. a PowerShell byte array ("[byte[]](0x43,…)" or a comma-separated list of 0x bytes);
//  4. a GUID string with dashes, with or without braces, any case;
//  5. hex bytes in wire order — ADSI Edit's "43 03 96 …", compact "430396…", with
//     spaces, colons, dashes or 0x prefixes between bytes — when the text is 32 hex
//     digits and separators only. 32 hex digits without dashes are read as bytes,
//     not as a GUID string without dashes: use ParseAs(s, FormString) for that.
//     ParseDetail says when a text was read so (Detail.Ambiguous);
//  6. base64 ("QwOWZl2xO0SBmR+RQzJbNw==", optionally after an LDIF "attr:: ");
//  7. otherwise the ExMerge escape (which also covers the LDAP "\43\03…" form).
func Parse(s string) (GUID, error) {
	g, _, err := ParseDetail(s)
	return g, err
}

// Detail tells how ParseDetail read a text.
type Detail struct {
	Form Form // the form the GUID was read in (FormString inside a .NET expression)
	// Wrapper names the PowerShell or .NET construct recognised around the
	// GUID ("[guid]'…'", "ToByteArray() output", …), "" when none.
	Wrapper string
	// Ambiguous is set for bare 32 hex digits: they were read as 16 bytes in
	// wire order (ADSI Edit, compact hex); read as a GUID string without
	// dashes (PowerShell's [guid]'…', Guid.ToString("N")) they are
	// Alternative.
	Ambiguous   bool
	Alternative GUID
}

// String says in one sentence how the text was read.
func (d Detail) String() string {
	switch {
	case d.Ambiguous:
		return "32 hex digits without dashes, read as 16 bytes in wire order (ADSI Edit, compact hex); read as a GUID string without dashes ([guid]'…', ToString(\"N\")) they would be " + d.Alternative.String()
	case d.Wrapper != "" && d.Form == FormString:
		return "PowerShell/.NET " + d.Wrapper + ": the quoted text read as a GUID string"
	case d.Wrapper != "":
		return "PowerShell/.NET " + d.Wrapper + ": read as bytes in wire order"
	}
	return "read as " + formReadings[d.Form]
}

var formReadings = map[Form]string{
	FormString: "a GUID string", FormADSI: "hex bytes in wire order", FormHex: "hex bytes in wire order",
	FormLDAP: "LDAP-escaped bytes", FormBase64: "base64 bytes", FormExMerge: "the ExMerge.log escape",
	FormPowerShell: "a PowerShell byte array", FormAuto: "auto",
}

// ParseDetail is Parse that also says how the text was read, in particular
// whether it was ambiguous.
func ParseDetail(s string) (GUID, Detail, error) {
	full := s
	s = strings.TrimSpace(s)
	lead := strings.Index(full, s)
	if s == "" {
		return Nil, Detail{}, perr(FormAuto, -1, "empty input")
	}
	if inner, off, wrapper, ok := unwrapDotNet(s); ok {
		d := Detail{Form: FormString, Wrapper: wrapper}
		g, err := parseDotNetString(inner)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && pe.Pos >= 0 {
				pe.Pos += lead + off
			}
			return Nil, d, err
		}
		return g, d, nil
	}
	if isDecimalList(s) {
		g, err := parsePowerShell(s)
		return g, Detail{Form: FormPowerShell, Wrapper: "ToByteArray() output (decimal bytes)"}, shiftErr(err, lead)
	}
	f := detect(s)
	d := Detail{Form: f}
	if f == FormHex && len(s) == 32 {
		if alt, err := parseString(s); err == nil {
			d.Ambiguous, d.Alternative = true, alt
		}
	}
	g, err := parseForm(s, f)
	return g, d, shiftErr(err, lead)
}

func shiftErr(err error, by int) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Pos >= 0 {
		pe.Pos += by
	}
	return err
}

// MustParse is Parse that panics on error, for package-level values.
func MustParse(s string) GUID {
	g, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return g
}

// ParseAs reads a GUID in the given form (FormAuto detects it).
// FormADSI and FormHex are the same reading.
func ParseAs(s string, f Form) (GUID, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Nil, perr(f, -1, "empty input")
	}
	if f == FormAuto {
		g, _, err := ParseDetail(s)
		return g, err
	}
	return parseForm(s, f)
}

func parseForm(s string, f Form) (GUID, error) {
	switch f {
	case FormString:
		return parseString(s)
	case FormADSI, FormHex:
		return parseHexBytes(s, f)
	case FormLDAP:
		return parseLDAP(s)
	case FormBase64:
		return parseBase64(s)
	case FormExMerge:
		return ParseExMerge(s)
	case FormPowerShell:
		return parsePowerShell(s)
	}
	return Nil, perr(f, -1, "unknown form")
}

func detect(s string) Form {
	if strings.HasPrefix(s, "[") || strings.HasPrefix(s, "(") || strings.Contains(s, ",") {
		return FormPowerShell
	}
	t := s
	if len(t) == 38 && t[0] == '{' && t[37] == '}' {
		t = t[1:37]
	}
	if len(t) == 36 && t[8] == '-' && t[13] == '-' && t[18] == '-' && t[23] == '-' {
		return FormString
	}
	if !strings.Contains(s, `\`) {
		digits, other := 0, false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '0' && i+1 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X'):
				i++
			case wire.IsHex(c):
				digits++
			case c == ' ' || c == ':' || c == '-' || c == '\t':
			default:
				other = true
			}
		}
		if !other && digits == 32 {
			return FormHex
		}
		if strings.Contains(s, ":: ") || len(s) == 24 && s[22] == '=' && s[23] == '=' {
			return FormBase64
		}
	}
	return FormExMerge
}

func parseString(s string) (GUID, error) {
	t, off := s, 0
	if len(t) > 0 && t[0] == '{' {
		if t[len(t)-1] != '}' {
			return Nil, perr(FormString, len(s)-1, "missing closing brace")
		}
		t, off = t[1:len(t)-1], 1
	}
	var hexd [32]byte
	n := 0
	dashed := len(t) == 36
	if !dashed && len(t) != 32 {
		return Nil, perr(FormString, -1, "has "+strconv.Itoa(len(t))+" characters, want 36 (8-4-4-4-12) or 32")
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if dashed && (i == 8 || i == 13 || i == 18 || i == 23) {
			if c != '-' {
				return Nil, perr(FormString, off+i, "want '-', found "+strconv.QuoteRune(rune(c)))
			}
			continue
		}
		if !wire.IsHex(c) {
			return Nil, perr(FormString, off+i, "stray character "+strconv.QuoteRune(rune(c)))
		}
		hexd[n] = wire.Unhex(c)
		n++
	}
	var raw [16]byte
	for i := range raw {
		raw[i] = hexd[2*i]<<4 | hexd[2*i+1]
	}
	// The string prints Data1..3 big-endian; the wire form is little-endian.
	return GUID{raw[3], raw[2], raw[1], raw[0], raw[5], raw[4], raw[7], raw[6],
		raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]}, nil
}

func parseHexBytes(s string, f Form) (GUID, error) {
	var g GUID
	n := 0 // hex digits seen
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '0' && i+1 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X') && n%2 == 0:
			i++
		case wire.IsHex(c):
			if n < 32 {
				g[n/2] |= wire.Unhex(c) << (4 * (1 - n%2))
			}
			n++
		case c == ' ' || c == ':' || c == '-' || c == '\t' || c == '\r' || c == '\n':
			if n%2 == 1 {
				return Nil, perr(f, i, "separator inside a byte")
			}
		default:
			return Nil, perr(f, i, "stray character "+strconv.QuoteRune(rune(c)))
		}
	}
	if n%2 == 1 {
		return Nil, perr(f, -1, "odd number of hex digits ("+strconv.Itoa(n)+")")
	}
	if n != 32 {
		return Nil, lengthErr(f, n/2)
	}
	return g, nil
}

func parseLDAP(s string) (GUID, error) {
	var g GUID
	n := 0
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			return Nil, perr(FormLDAP, i, "want '\\', found "+strconv.QuoteRune(rune(s[i])))
		}
		if i+2 >= len(s) || !wire.IsHex(s[i+1]) || !wire.IsHex(s[i+2]) {
			return Nil, perr(FormLDAP, i, "bad escape (want \\ and two hex digits)")
		}
		if n < 16 {
			g[n] = wire.Unhex(s[i+1])<<4 | wire.Unhex(s[i+2])
		}
		n++
		i += 3
	}
	if n != 16 {
		return Nil, lengthErr(FormLDAP, n)
	}
	return g, nil
}

func parseBase64(s string) (GUID, error) {
	if i := strings.Index(s, ":: "); i >= 0 {
		s = strings.TrimSpace(s[i+3:])
	}
	var g GUID
	var buf [24]byte
	if base64.StdEncoding.DecodedLen(len(s)) > len(buf) {
		return Nil, perr(FormBase64, -1, strconv.Itoa(len(s))+" characters is too long for 16 bytes")
	}
	n, err := base64.StdEncoding.Decode(buf[:], []byte(s))
	if err != nil {
		if ce, ok := err.(base64.CorruptInputError); ok {
			return Nil, perr(FormBase64, int(ce), "invalid base64")
		}
		return Nil, perr(FormBase64, -1, err.Error())
	}
	if n != 16 {
		return Nil, lengthErr(FormBase64, n)
	}
	copy(g[:], buf[:16])
	return g, nil
}

// ParseExMerge reads the escape ExMerge writes into ExMerge.log: a backslash
// and exactly two hex digits is one byte; any other printable ASCII character
// is a byte of its own (its ASCII code). "\5B7" is 0x5B then '7'.
func ParseExMerge(s string) (GUID, error) {
	g, n, err := scanExMerge(s, false)
	if err != nil {
		return Nil, err
	}
	if n != len(s) || g.n != 16 {
		return Nil, lengthErr(FormExMerge, g.n)
	}
	return g.g, nil
}

type partial struct {
	g GUID
	n int
}

// scanExMerge decodes tokens from s. With stop16 it stops after the 16th
// byte and returns how much of s it used; otherwise it reads all of s.
func scanExMerge(s string, stop16 bool) (partial, int, error) {
	var p partial
	i := 0
	for i < len(s) {
		if stop16 && p.n == 16 {
			break
		}
		c := s[i]
		var b byte
		switch {
		case c == '\\':
			if i+2 >= len(s) {
				return p, i, perr(FormExMerge, i, "dangling escape "+strconv.Quote(s[i:])+" (want \\ and two hex digits)")
			}
			if !wire.IsHex(s[i+1]) || !wire.IsHex(s[i+2]) {
				return p, i, perr(FormExMerge, i, "bad escape "+strconv.Quote(s[i:i+3])+" (want \\ and two hex digits)")
			}
			b = wire.Unhex(s[i+1])<<4 | wire.Unhex(s[i+2])
			i += 3
		case c >= 0x20 && c < 0x7F:
			b = c
			i++
		case c >= 0x80:
			return p, i, perr(FormExMerge, i, "non-ASCII character")
		default:
			return p, i, perr(FormExMerge, i, "control character "+strconv.QuoteRune(rune(c)))
		}
		if p.n < 16 {
			p.g[p.n] = b
		}
		p.n++
	}
	return p, i, nil
}

func parsePowerShell(s string) (GUID, error) {
	t := s
	start := 0
	if len(t) >= 8 && strings.EqualFold(t[:8], "[byte[]]") {
		start = 8
	}
	var g GUID
	n := 0
	i := start
	for i < len(t) && (t[i] == ' ' || t[i] == '(' || t[i] == '@') {
		i++
	}
	for i < len(t) {
		c := t[i]
		if c == ' ' || c == ',' || c == ')' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		if c == '0' && i+1 < len(t) && (t[i+1] == 'x' || t[i+1] == 'X') {
			j := i + 2
			for j < len(t) && wire.IsHex(t[j]) {
				j++
			}
			if j-(i+2) < 1 || j-(i+2) > 2 {
				return Nil, perr(FormPowerShell, i, "want 0x and one or two hex digits")
			}
			v := wire.Unhex(t[i+2])
			if j-(i+2) == 2 {
				v = v<<4 | wire.Unhex(t[i+3])
			}
			if n < 16 {
				g[n] = v
			}
			n++
			i = j
			continue
		}
		if c >= '0' && c <= '9' { // decimal byte
			j := i
			v := 0
			for j < len(t) && t[j] >= '0' && t[j] <= '9' && v <= 255 {
				v = v*10 + int(t[j]-'0')
				j++
			}
			if v > 255 {
				return Nil, perr(FormPowerShell, i, "byte value above 255")
			}
			if n < 16 {
				g[n] = byte(v)
			}
			n++
			i = j
			continue
		}
		return Nil, perr(FormPowerShell, i, "stray character "+strconv.QuoteRune(rune(c)))
	}
	if n != 16 {
		return Nil, lengthErr(FormPowerShell, n)
	}
	return g, nil
}

// isDecimalList reports whether s is the output of .ToByteArray(): decimal
// values of 1–3 digits separated by whitespace or commas, either one per
// line or with some value not two digits long (sixteen two-digit values on
// a line are ADSI Edit's hex).
func isDecimalList(s string) bool {
	runs, odd, lines, perLine, onePerLine := 0, false, 0, 0, true
	for i := 0; i <= len(s); {
		if i == len(s) || s[i] == '\n' {
			if perLine > 1 {
				onePerLine = false
			}
			if perLine > 0 {
				lines++
			}
			perLine = 0
			i++
			continue
		}
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i > 3 {
				return false
			}
			odd = odd || j-i != 2
			runs++
			perLine++
			i = j
		case c == ' ' || c == '\t' || c == '\r' || c == ',':
			i++
		default:
			return false
		}
	}
	return runs >= 2 && (odd || onePerLine && lines == runs)
}

// dotNetCursor walks a PowerShell expression, case-insensitively.
type dotNetCursor struct {
	s string
	i int
}

func (c *dotNetCursor) space() {
	for c.i < len(c.s) && (c.s[c.i] == ' ' || c.s[c.i] == '\t') {
		c.i++
	}
}

// word consumes w (any case) after optional spaces.
func (c *dotNetCursor) word(w string) bool {
	c.space()
	if len(c.s)-c.i >= len(w) && strings.EqualFold(c.s[c.i:c.i+len(w)], w) {
		c.i += len(w)
		return true
	}
	return false
}

// typeName consumes guid or system.guid, optionally in brackets.
func (c *dotNetCursor) typeName(brackets bool) bool {
	save := c.i
	if brackets && !c.word("[") {
		return false
	}
	if !c.word("system.guid") && !c.word("guid") {
		c.i = save
		return false
	}
	if brackets && !c.word("]") {
		c.i = save
		return false
	}
	return true
}

// quoted consumes a '…' or "…" string and returns its text and offset.
func (c *dotNetCursor) quoted() (string, int, bool) {
	c.space()
	if c.i >= len(c.s) || c.s[c.i] != '\'' && c.s[c.i] != '"' {
		return "", 0, false
	}
	q := c.s[c.i]
	j := strings.IndexByte(c.s[c.i+1:], q)
	if j < 0 {
		return "", 0, false
	}
	start := c.i + 1
	c.i = start + j + 1
	return c.s[start : start+j], start, true
}

// argument consumes a quoted string, optionally in parentheses.
func (c *dotNetCursor) argument() (string, int, bool) {
	save := c.i
	paren := c.word("(")
	v, off, ok := c.quoted()
	if ok && paren && !c.word(")") {
		ok = false
	}
	if !ok {
		c.i = save
	}
	return v, off, ok
}

// unwrapDotNet recognises the PowerShell/.NET expressions that make a GUID
// from a string and returns that string, its offset in s and the construct.
func unwrapDotNet(s string) (inner string, off int, wrapper string, ok bool) {
	// ( expression ).ToByteArray() and ( expression ) give the same GUID.
	a, b := 0, len(s)
	trim := func() {
		for a < b && (s[a] == ' ' || s[a] == '\t') {
			a++
		}
		for b > a && (s[b-1] == ' ' || s[b-1] == '\t') {
			b--
		}
	}
	suffix := ""
	if strings.HasSuffix(strings.ToLower(s), ".tobytearray()") {
		b -= len(".tobytearray()")
		suffix = ".ToByteArray()"
		trim()
	}
	parens := 0
	for b-a >= 2 && s[a] == '(' && s[b-1] == ')' {
		a, b = a+1, b-1
		parens++
		trim()
	}
	if suffix != "" && parens == 0 {
		return "", 0, "", false
	}
	t, base := s[a:b], a
	c := &dotNetCursor{s: t}
	switch {
	case c.typeName(true):
		if c.word("::") {
			switch {
			case c.word("parse"):
				wrapper = "[guid]::Parse('…')"
			case c.word("new"):
				wrapper = "[guid]::new('…')"
			default:
				return "", 0, "", false
			}
			inner, off, ok = c.argument()
		} else {
			wrapper = "[guid]'…'"
			inner, off, ok = c.quoted()
		}
	case c.word("new-object"):
		c.word("-typename")
		if !c.typeName(false) {
			return "", 0, "", false
		}
		c.word("-argumentlist")
		wrapper = "New-Object Guid '…'"
		inner, off, ok = c.argument()
	default:
		return "", 0, "", false
	}
	c.space()
	if !ok || c.i != len(t) {
		return "", 0, "", false
	}
	return inner, base + off, wrapper + suffix, true
}

// parseDotNetString reads the string .NET's Guid.Parse takes: 32 hex digits
// ("N"), with dashes ("D"), in braces ("B") or in parentheses ("P"), with
// spaces around it.
func parseDotNetString(s string) (GUID, error) {
	t := strings.TrimSpace(s)
	lead := strings.Index(s, t)
	if len(t) == 38 && t[0] == '(' && t[37] == ')' {
		g, err := parseString(t[1:37])
		return g, shiftErr(err, lead+1)
	}
	if t == "" {
		return Nil, perr(FormString, -1, "empty GUID string")
	}
	g, err := parseString(t)
	return g, shiftErr(err, lead)
}
