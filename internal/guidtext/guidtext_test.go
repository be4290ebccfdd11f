package guidtext

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/guid"
)

func TestWriteGUID(t *testing.T) {
	g, d, err := guid.ParseDetail("{00062002-0000-0000-C000-000000000046}")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	WriteGUID(&b, g, &d)
	want := "read as:    " + d.String() + "\n" +
		"string:     {00062002-0000-0000-C000-000000000046}\n" +
		"adsi:       02 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46\n" +
		"hex:        0220060000000000C000000000000046\n" +
		`ldap:       \02\20\06\00\00\00\00\00\C0\00\00\00\00\00\00\46` + "\n" +
		"base64:     AiAGAAAAAADAAAAAAAAARg==\n" +
		`exmerge:    \02\20\06\00\00\00\00\00\C0\00\00\00\00\00\00F` + "\n" +
		"powershell: [byte[]](0x02,0x20,0x06,0x00,0x00,0x00,0x00,0x00,0xC0,0x00,0x00,0x00,0x00,0x00,0x00,0x46)\n" +
		"name:       PSETID_Appointment\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// Bare hex is also a GUID string without dashes: the note says how to
	// read it so. Without a detail there is no "read as" line.
	g, d, err = guid.ParseDetail("430396665DB13B4481991F9143325B37")
	if err != nil || !d.Ambiguous {
		t.Fatalf("%v %+v", err, d)
	}
	b.Reset()
	WriteGUID(&b, g, &d)
	if first, _, _ := strings.Cut(b.String(), "\n"); !strings.HasSuffix(first, " (--as string for that)") {
		t.Errorf("first line %q", first)
	}
	b.Reset()
	WriteGUID(&b, g, nil)
	if !strings.HasPrefix(b.String(), "string:     {66960343-B15D-443B-8199-1F9143325B37}\n") {
		t.Errorf("without detail: %q", b.String())
	}
}

func TestWriteExMerge(t *testing.T) {
	log := `1/15/2007 10:02:12 AM  Error! Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7. The legacyExchangeDN is /O=ORG/CN=USER.
1/15/2007 10:02:13 AM  Error! Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7.
`
	var recs []guid.ExMergeRecord
	for rec, err := range guid.ScanExMergeLog(strings.NewReader(log)) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	var b strings.Builder
	WriteExMerge(&b, recs, "ExMerge.log")
	forms := func() string {
		var f strings.Builder
		writeForms(&f, "  ", recs[0].GUID)
		return f.String()
	}()
	want := "line 1: /O=ORG/CN=USER\n" + forms +
		"  set with:   " + recs[0].PowerShell() + "\n" +
		"  or LDIF:\n    " + strings.ReplaceAll(strings.TrimSuffix(recs[0].LDIF(), "\n"), "\n", "\n    ") + "\n" +
		"\n" +
		"line 2: \n" + forms +
		"  the line names no legacyExchangeDN: find the user by other means\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(forms, `  exmerge:    C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`+"\n") {
		t.Errorf("forms %q", forms)
	}

	b.Reset()
	WriteExMerge(&b, nil, "ExMerge.log")
	if diff := cmp.Diff("no unidentified mailboxes in ExMerge.log\n", b.String()); diff != "" {
		t.Errorf("none (-want +got):\n%s", diff)
	}
	b.Reset()
	WriteExMerge(&b, nil, "")
	if b.Len() != 0 {
		t.Errorf("none, lines refused: %q", b.String())
	}
}
