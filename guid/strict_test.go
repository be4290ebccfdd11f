package guid

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// scanned is what a scan gives, in a form cmp can compare.
type scanned struct {
	Line    int
	GUID    string // "" for a bad line
	Escaped string
	DN      string
	Err     string // the error, "" for a good line
}

func scanAll(t *testing.T, log []byte) []scanned {
	t.Helper()
	var out []scanned
	for rec, err := range ScanExMergeLog(bytes.NewReader(log)) {
		s := scanned{Line: rec.Line, Escaped: rec.Escaped, DN: rec.LegacyExchangeDN}
		if err != nil {
			var le *LogLineError
			require.True(t, errors.As(err, &le), "error %T %v", err, err)
			require.Equal(t, rec.Line, le.Line)
			require.Equal(t, Nil, rec.GUID, "a bad line gives no GUID")
			s.Err = err.Error()
		} else {
			s.GUID = rec.GUID.String()
		}
		out = append(out, s)
	}
	return out
}

const sampleLine = `1/15/2007 10:02:12 AM  Error! Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7. The legacyExchangeDN is /O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER.`

// The scanner never invents a GUID: a short escape used to swallow ". The"
// of the sentence, and a double space after the marker shifted every byte.
func TestScanExMergeLogNeverGuesses(t *testing.T) {
	log := strings.Join([]string{
		`x Error! Cannot identify the user with the msExchMailboxGuid C\03\96. The legacyExchangeDN is /O=X/CN=SHORT.`,
		`x Error! Cannot identify the user with the msExchMailboxGuid  C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7. The legacyExchangeDN is /O=X/CN=DOUBLE.`,
		`x Error! Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7\00. The legacyExchangeDN is /O=X/CN=LONG.`,
		`x Error! Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5. The legacyExchangeDN is /O=X/CN=DANGLING.`,
		`x Error! Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7.`,
		sampleLine,
	}, "\r\n")
	want := []scanned{
		{Line: 1, Escaped: `C\03\96`, DN: "/O=X/CN=SHORT",
			Err: `line 1: msExchMailboxGuid "C\\03\\96" is not a GUID: came to 3 bytes, a GUID has 16`},
		{Line: 2, Escaped: ` C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`, DN: "/O=X/CN=DOUBLE",
			Err: `line 2: msExchMailboxGuid " C\\03\\96f\\5D\\B1\\3BD\\81\\99\\1F\\91C2\\5B7" is not a GUID: came to 17 bytes, a GUID has 16 (the text has spaces around it, which would be bytes 0x20)`},
		{Line: 3, Escaped: `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7\00`, DN: "/O=X/CN=LONG",
			Err: `line 3: msExchMailboxGuid "C\\03\\96f\\5D\\B1\\3BD\\81\\99\\1F\\91C2\\5B7\\00" is not a GUID: came to 17 bytes, a GUID has 16`},
		{Line: 4, Escaped: `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5`, DN: "/O=X/CN=DANGLING",
			Err: `line 4, column 94: msExchMailboxGuid "C\\03\\96f\\5D\\B1\\3BD\\81\\99\\1F\\91C2\\5" is not a GUID: dangling escape "\\5" (want \ and two hex digits)`},
		{Line: 5, GUID: "{66960343-B15D-443B-8199-1F9143325B37}", Escaped: `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`},
		{Line: 6, GUID: "{66960343-B15D-443B-8199-1F9143325B37}", Escaped: `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`, DN: "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER"},
	}
	if d := cmp.Diff(want, scanAll(t, []byte(log))); d != "" {
		t.Errorf("scan (-want +got):\n%s", d)
	}
	// Column 94 of line 4 is the dangling backslash.
	require.Equal(t, byte('\\'), strings.Split(log, "\r\n")[3][93])
}

func utf16Bytes(s string, order binary.ByteOrder, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	b := make([]byte, 2*len(u))
	for i, c := range u {
		order.PutUint16(b[2*i:], c)
	}
	return b
}

// A log re-saved as UTF-16 (with or without a byte-order mark) or as UTF-8
// with a BOM gives the same records as the original.
func TestScanExMergeLogEncodings(t *testing.T) {
	orig, err := os.ReadFile("../testdata/exmerge/ExMerge.log")
	require.NoError(t, err)
	want := scanAll(t, orig)
	require.Len(t, want, 4)
	for name, b := range map[string][]byte{
		"UTF-8 BOM":         append([]byte("\xEF\xBB\xBF"), orig...),
		"UTF-16LE BOM":      utf16Bytes(string(orig), binary.LittleEndian, true),
		"UTF-16BE BOM":      utf16Bytes(string(orig), binary.BigEndian, true),
		"UTF-16LE":          utf16Bytes(string(orig), binary.LittleEndian, false),
		"UTF-16BE":          utf16Bytes(string(orig), binary.BigEndian, false),
		"UTF-16LE one line": utf16Bytes(sampleLine, binary.LittleEndian, false),
	} {
		got := scanAll(t, b)
		w := want
		if strings.Contains(name, "one line") {
			w = []scanned{{Line: 1, GUID: "{66960343-B15D-443B-8199-1F9143325B37}", Escaped: `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`, DN: "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER"}}
		}
		if d := cmp.Diff(w, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", name, d)
		}
	}
}

// The remediation finds the user by legacyExchangeDN (Set-ADUser -Identity
// does not take one) and the LDIF leaves the LDAP DN to the administrator.
func TestExMergeRemediation(t *testing.T) {
	rec := ExMergeRecord{GUID: sample, LegacyExchangeDN: "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER"}
	require.Equal(t, "(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)", rec.LDAPFilter())
	require.Equal(t, "Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)' | "+
		"Set-ADUser -Replace @{msExchMailboxGuid=[byte[]](0x43,0x03,0x96,0x66,0x5D,0xB1,0x3B,0x44,0x81,0x99,0x1F,0x91,0x43,0x32,0x5B,0x37)}",
		rec.PowerShell())
	want := `# Replace the dn: value with the distinguishedName of the user whose legacyExchangeDN is
#   /O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER
# found with, e.g.:
#   Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)' | Select-Object -ExpandProperty DistinguishedName
#   ldapsearch -b <base DN> '(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)' dn
dn: <distinguishedName of the user>
changetype: modify
replace: msExchMailboxGuid
msExchMailboxGuid:: QwOWZl2xO0SBmR+RQzJbNw==
-
`
	if d := cmp.Diff(want, rec.LDIF()); d != "" {
		t.Errorf("LDIF (-want +got):\n%s", d)
	}
	require.NotContains(t, rec.LDIF(), "dn: /O=", "a legacyExchangeDN is not an LDAP DN")

	// Quotes and filter metacharacters in a DN.
	odd := ExMergeRecord{GUID: sample, LegacyExchangeDN: "/O=A/CN=O'BRIEN (TEMP)*\\X\u2019"}
	require.Equal(t, `(legacyExchangeDN=/O=A/CN=O'BRIEN \28TEMP\29\2a\5cX`+"\u2019)", odd.LDAPFilter())
	require.True(t, strings.HasPrefix(odd.PowerShell(), `Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=A/CN=O''BRIEN \28TEMP\29\2a\5cX`+"\u2019\u2019)' | "), odd.PowerShell())
	require.Contains(t, odd.LDIF(), `ldapsearch -b <base DN> '(legacyExchangeDN=/O=A/CN=O'\''BRIEN \28TEMP\29\2a\5cX`+"\u2019)' dn")

	// No DN on the line, no remediation.
	none := ExMergeRecord{GUID: sample}
	require.Empty(t, none.PowerShell())
	require.Empty(t, none.LDIF())
	require.Empty(t, none.LDAPFilter())
}

// PowerShell's dashless [guid]'…' is a GUID string; bare 32 hex digits stay
// bytes, and ParseDetail says so.
func TestDotNetForms(t *testing.T) {
	const n = "66960343b15d443b81991f9143325b37"
	for _, tt := range []struct{ in, wrapper string }{
		{"[guid]'" + n + "'", "[guid]'…'"},
		{`[guid]"` + n + `"`, "[guid]'…'"},
		{"[GUID] '66960343-b15d-443b-8199-1f9143325b37'", "[guid]'…'"},
		{"[System.Guid]'{66960343-B15D-443B-8199-1F9143325B37}'", "[guid]'…'"},
		{"[System.Guid]::Parse('" + n + "')", "[guid]::Parse('…')"},
		{`[guid]::Parse("(66960343-B15D-443B-8199-1F9143325B37)")`, "[guid]::Parse('…')"},
		{"[guid]::new('" + n + "')", "[guid]::new('…')"},
		{"New-Object Guid '" + n + "'", "New-Object Guid '…'"},
		{"New-Object System.Guid('" + n + "')", "New-Object Guid '…'"},
		{"New-Object -TypeName System.Guid -ArgumentList '" + n + "'", "New-Object Guid '…'"},
		{"([guid]'" + n + "').ToByteArray()", "[guid]'…'.ToByteArray()"},
		{"  ( [guid]'" + n + "' )  ", "[guid]'…'"},
	} {
		g, d, err := ParseDetail(tt.in)
		require.NoError(t, err, tt.in)
		require.Equal(t, sample, g, tt.in)
		require.Equal(t, Detail{Form: FormString, Wrapper: tt.wrapper}, d, tt.in)
		g, err = Parse(tt.in)
		require.NoError(t, err)
		require.Equal(t, sample, g)
	}
	// ([guid]'…').ToByteArray() printed by PowerShell: one decimal per line.
	for _, in := range []string{
		"67\n3\n150\n102\n93\n177\n59\n68\n129\n153\n31\n145\n67\n50\n91\n55\n",
		"67\r\n3\r\n150\r\n102\r\n93\r\n177\r\n59\r\n68\r\n129\r\n153\r\n31\r\n145\r\n67\r\n50\r\n91\r\n55",
		"67 3 150 102 93 177 59 68 129 153 31 145 67 50 91 55",
		"67, 3, 150, 102, 93, 177, 59, 68, 129, 153, 31, 145, 67, 50, 91, 55",
	} {
		g, d, err := ParseDetail(in)
		require.NoError(t, err, in)
		require.Equal(t, sample, g, in)
		require.Equal(t, FormPowerShell, d.Form)
	}
	_, _, err := ParseDetail("67\n3\n150\n")
	require.ErrorContains(t, err, "came to 3 bytes")

	// Bare 32 hex digits: bytes, with the other reading named.
	g, d, err := ParseDetail(n)
	require.NoError(t, err)
	require.Equal(t, "66960343B15D443B81991F9143325B37", g.Format(FormHex))
	require.Equal(t, Detail{Form: FormHex, Ambiguous: true, Alternative: sample}, d)
	require.Contains(t, d.String(), "read as 16 bytes in wire order")
	require.Contains(t, d.String(), sample.String())
	// With separators the text says it is bytes.
	_, d, err = ParseDetail("43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37")
	require.NoError(t, err)
	require.False(t, d.Ambiguous)

	// Errors inside a wrapper point into the whole text.
	_, _, err = ParseDetail("[guid]'66960343-b15d-443b-8199-1f9143325b3z'")
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	require.Equal(t, 42, pe.Pos)
	require.Contains(t, err.Error(), "stray character 'z'")
	_, _, err = ParseDetail("[guid]'6696'")
	require.ErrorContains(t, err, "has 4 characters")
}
