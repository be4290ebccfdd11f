package guid

import (
	"errors"
	"github.com/stretchr/testify/require"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
)

// The mailbox of the ExMerge.log line in the package documentation.
var sample = GUID{0x43, 0x03, 0x96, 0x66, 0x5D, 0xB1, 0x3B, 0x44, 0x81, 0x99, 0x1F, 0x91, 0x43, 0x32, 0x5B, 0x37}

func TestSampleEveryForm(t *testing.T) {
	want := map[Form]string{
		FormString:     "{66960343-B15D-443B-8199-1F9143325B37}",
		FormADSI:       "43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37",
		FormHex:        "430396665DB13B4481991F9143325B37",
		FormLDAP:       `\43\03\96\66\5D\B1\3B\44\81\99\1F\91\43\32\5B\37`,
		FormBase64:     "QwOWZl2xO0SBmR+RQzJbNw==",
		FormExMerge:    `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`,
		FormPowerShell: "[byte[]](0x43,0x03,0x96,0x66,0x5D,0xB1,0x3B,0x44,0x81,0x99,0x1F,0x91,0x43,0x32,0x5B,0x37)",
	}
	for f, s := range want {
		if got := sample.Format(f); got != s {
			t.Errorf("Format(%v) = %q, want %q", f, got, s)
		}
		g, err := Parse(s)
		if err != nil || g != sample {
			t.Errorf("Parse(%q) = %v, %v", s, g, err)
		}
		g, err = ParseAs(s, f)
		if err != nil || g != sample {
			t.Errorf("ParseAs(%q, %v) = %v, %v", s, f, g, err)
		}
	}
	if sample.String() != want[FormString] {
		t.Errorf("String() = %s", sample)
	}
}

func TestParseVariants(t *testing.T) {
	for _, s := range []string{
		"66960343-b15d-443b-8199-1f9143325b37",
		"  {66960343-B15D-443B-8199-1F9143325B37}\n",
		"43:03:96:66:5d:b1:3b:44:81:99:1f:91:43:32:5b:37",
		"0x43 0x03 0x96 0x66 0x5D 0xB1 0x3B 0x44 0x81 0x99 0x1F 0x91 0x43 0x32 0x5B 0x37",
		"43-03-96-66-5D-B1-3B-44-81-99-1F-91-43-32-5B-37",
		"msExchMailboxGuid:: QwOWZl2xO0SBmR+RQzJbNw==",
		"0x43,0x03,0x96,0x66,0x5D,0xB1,0x3B,0x44,0x81,0x99,0x1F,0x91,0x43,0x32,0x5B,0x37",
		"[byte[]](67,3,150,102,93,177,59,68,129,153,31,145,67,50,91,55)",
		`C\03\96f]\B1;D\81\99\1F\91C2[7`, // punctuation left literal
	} {
		g, err := Parse(s)
		if err != nil || g != sample {
			t.Errorf("Parse(%q) = %v, %v", s, g, err)
		}
	}
	// 32 hex digits are bytes by default; FormString reads them as a GUID string.
	g, err := ParseAs("66960343B15D443B81991F9143325B37", FormString)
	if err != nil || g != sample {
		t.Errorf("ParseAs(FormString, no dashes) = %v, %v", g, err)
	}
	g, _ = Parse("66960343B15D443B81991F9143325B37")
	if g == sample || g.Format(FormHex) != "66960343B15D443B81991F9143325B37" {
		t.Errorf("32 hex digits should read as bytes, got %v", g)
	}
}

func TestFields(t *testing.T) {
	d1, d2, d3, d4 := sample.Fields()
	if d1 != 0x66960343 || d2 != 0xB15D || d3 != 0x443B || d4 != [8]byte{0x81, 0x99, 0x1F, 0x91, 0x43, 0x32, 0x5B, 0x37} {
		t.Errorf("Fields = %x %x %x %x", d1, d2, d3, d4)
	}
	if FromFields(d1, d2, d3, d4) != sample {
		t.Error("FromFields does not invert Fields")
	}
}

func TestRandomRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		var g GUID
		for j := range g {
			g[j] = byte(rng.UintN(256))
		}
		for _, f := range Forms() {
			s := g.Format(f)
			got, err := ParseAs(s, f)
			if err != nil || got != g {
				t.Fatalf("%v %q: got %v, %v", f, s, got, err)
			}
			got, err = Parse(s)
			if err != nil || got != g {
				t.Fatalf("Parse %v %q: got %v, %v", f, s, got, err)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		in   string
		f    Form
		pos  int
		frag string
	}{
		{"", FormAuto, -1, "empty input"},
		{`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B`, FormExMerge, -1, "came to 15 bytes"},
		{`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B77`, FormExMerge, -1, "came to 17 bytes"},
		{`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5`, FormExMerge, 32, "dangling escape"},
		{`C\0G\96f\5D\B1\3BD\81\99\1F\91C2\5B7`, FormExMerge, 1, "bad escape"},
		{"C\\03\\96fé\\5D\\B1\\3BD\\81\\99\\1F\\91C2\\5B7", FormExMerge, 8, "non-ASCII"},
		{"{66960343-B15D-443B-8199-1F9143325B3Z}", FormString, 36, "stray character"},
		{"{66960343-B15D-443B-8199+1F9143325B37}", FormString, 24, "want '-'"},
		{"66960343-B15D-443B-8199", FormString, -1, "characters"},
		{"43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B", FormADSI, -1, "came to 15 bytes"},
		{"43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 3", FormADSI, -1, "odd number"},
		{"43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 3G", FormADSI, 46, "stray character"},
		{`\43\03\96`, FormLDAP, -1, "came to 3 bytes"},
		{`\43x03`, FormLDAP, 3, "want '\\'"},
		{"QwOWZl2xO0SBmR+RQzJb", FormBase64, -1, "came to 15 bytes"},
		{"QwOWZl2x!0SBmR+RQzJbNw==", FormBase64, 8, "invalid base64"},
		{"[byte[]](0x43,0x03)", FormPowerShell, -1, "came to 2 bytes"},
		{"[byte[]](0x43,0x03,300)", FormPowerShell, 19, "above 255"},
		{"[byte[]](0x43,zz)", FormPowerShell, 14, "stray character"},
	}
	for _, tt := range tests {
		_, err := ParseAs(tt.in, tt.f)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseAs(%q, %v) err = %v, want ParseError", tt.in, tt.f, err)
			continue
		}
		if pe.Pos != tt.pos || !strings.Contains(err.Error(), tt.frag) {
			t.Errorf("ParseAs(%q, %v) = %q (pos %d), want pos %d and %q", tt.in, tt.f, err, pe.Pos, tt.pos, tt.frag)
		}
	}
}

func TestWellKnownNames(t *testing.T) {
	g := MustParse("{00062002-0000-0000-C000-000000000046}")
	if g != PSETID_Appointment || g.Name() != "PSETID_Appointment" {
		t.Errorf("PSETID_Appointment = %v %q", g, g.Name())
	}
	if got := PSETID_Meeting.Format(FormADSI); got != "90 DA D8 6E 0B 45 1B 10 98 DA 00 AA 00 3F 13 05" {
		t.Errorf("PSETID_Meeting bytes %s", got)
	}
	if g, ok := ByName("ps_mapi"); !ok || g.String() != "{00020328-0000-0000-C000-000000000046}" {
		t.Errorf("ByName(ps_mapi) = %v %v", g, ok)
	}
	if sample.Name() != "" {
		t.Error("sample has a name")
	}
}

func TestTextMarshal(t *testing.T) {
	var g GUID
	if err := g.UnmarshalText([]byte(`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`)); err != nil || g != sample {
		t.Fatal(g, err)
	}
	b, _ := g.MarshalText()
	if string(b) != "{66960343-B15D-443B-8199-1F9143325B37}" {
		t.Error(string(b))
	}
}

func TestScanExMergeLog(t *testing.T) {
	f, err := os.Open("../testdata/exmerge/ExMerge.log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type want struct {
		line    int
		guid    string
		escaped string
		dn      string
	}
	wants := []want{
		{3, "{66960343-B15D-443B-8199-1F9143325B37}", `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`, "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER"},
		{5, "{F0117A2E-D2C3-8E4B-9A5C-0D2E41F60A2E}", `\2Ez\11\F0\C3\D2K\8E\9A\5C\0D\2EA\F6\0A\2E`, "/O=CONTOSO/OU=FIRST ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=MSMITH"},
		{7, "{42415A5A-5C5C-2F2F-7E7E-202022224D4E}", `ZZAB\5C\5C\2F\2F\7E\7E\20\20\22\22MN`, "/O=CONTOSO/OU=SITE2/CN=RECIPIENTS/CN=K.LEE"},
		{8, "{632E6241-642D-655F-6600-010203040506}", `Ab.c-d_ef\00\01\02\03\04\05\06`, "/O=CONTOSO/OU=SITE2/CN=RECIPIENTS/CN=PUNCT"},
	}
	i := 0
	for rec, err := range ScanExMergeLog(f) {
		if err != nil {
			t.Fatalf("line %d: %v", rec.Line, err)
		}
		if i >= len(wants) {
			t.Fatalf("extra record %+v", rec)
		}
		w := wants[i]
		if rec.Line != w.line || rec.GUID.String() != w.guid || rec.Escaped != w.escaped || rec.LegacyExchangeDN != w.dn {
			t.Errorf("record %d = line %d %s %q %q, want %+v", i, rec.Line, rec.GUID, rec.Escaped, rec.LegacyExchangeDN, w)
		}
		if rec.Timestamp == "" || !strings.HasPrefix(rec.Message, "Error! Cannot identify") || strings.HasSuffix(rec.Message, "\r") {
			t.Errorf("record %d timestamp %q message %q", i, rec.Timestamp, rec.Message)
		}
		i++
	}
	if i != len(wants) {
		t.Errorf("got %d records, want %d", i, len(wants))
	}
}

func TestScanExMergeLogBadLine(t *testing.T) {
	log := "x msExchMailboxGuid C\\03\\9. The legacyExchangeDN is /O=X.\nError! Cannot identify the user with the msExchMailboxGuid C\\03\\96f\\5D\\B1\\3BD\\81\\99\\1F\\91C2\\5B7. The legacyExchangeDN is /O=Y.\n"
	var errs, recs int
	for rec, err := range ScanExMergeLog(strings.NewReader(log)) {
		if err != nil {
			errs++
			if rec.Line != 1 {
				t.Errorf("error on line %d", rec.Line)
			}
			continue
		}
		recs++
		if rec.LegacyExchangeDN != "/O=Y" || rec.GUID != sample {
			t.Errorf("record %+v", rec)
		}
	}
	if errs != 1 || recs != 1 {
		t.Errorf("errs %d recs %d", errs, recs)
	}
}

var sinkG GUID
var sinkS string

func BenchmarkParseExMerge(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkG, _ = ParseExMerge(`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, f := range Forms() {
		s := sample.Format(f)
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkG, _ = ParseAs(s, f)
			}
		})
	}
}

func BenchmarkFormat(b *testing.B) {
	for _, f := range Forms() {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkS = sample.Format(f)
			}
		})
	}
}

func TestBinaryForm(t *testing.T) {
	want := GUID{0x43, 0x03, 0x96, 0x66, 0x5D, 0xB1, 0x3B, 0x44, 0x81, 0x99, 0x1F, 0x91, 0x43, 0x32, 0x5B, 0x37}
	b, err := want.MarshalBinary()
	require.NoError(t, err)
	var got GUID
	require.NoError(t, got.UnmarshalBinary(b))
	require.Equal(t, want, got)
	require.Equal(t, "{66960343-B15D-443B-8199-1F9143325B37}", got.String())
	out, err := want.AppendBinary([]byte{1})
	require.NoError(t, err)
	require.Equal(t, append([]byte{1}, want[:]...), out)
	for _, n := range []int{0, 15, 17} {
		_, err := FromBytes(make([]byte, n))
		require.ErrorIs(t, err, ErrLength, "length %d", n)
		require.ErrorIs(t, got.UnmarshalBinary(make([]byte, n)), ErrLength)
	}
}
