package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
)

type result struct {
	code           int
	stdout, stderr string
}

// runBin runs the command in-process, as main would, with paths relative
// to the module root.
func runBin(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	var so, se bytes.Buffer
	code := run(args, &env{stdin: bytes.NewReader(stdin), stdout: &so, stderr: &se, dir: "../.."})
	return result{code, so.String(), se.String()}
}

// The built binary wires main to run: exit codes and the error line.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mapiblob")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"decode", "@testdata/samples/weekly-standup.apptrecur.hex"}, 0, "every week on Tuesday"},
		{[]string{"decode", "02013Z"}, 1, "mapiblob: input: stray character 'Z' at position 6"},
		{[]string{"nosuchcommand"}, 2, "mapiblob: unknown command"},
	} {
		cmd := exec.Command(bin, tt.args...)
		cmd.Dir = "../.."
		var so, se bytes.Buffer
		cmd.Stdout, cmd.Stderr = &so, &se
		_ = cmd.Run()
		if got := cmd.ProcessState.ExitCode(); got != tt.code || !strings.Contains(so.String()+se.String(), tt.out) {
			t.Errorf("mapiblob %v: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, got, so.String(), se.String(), tt.code, tt.out)
		}
	}
}

// oneErrorLine checks the contract for failures: one line on stderr that
// starts with "mapiblob: ", no stack trace.
func oneErrorLine(t *testing.T, r result, code int, frag string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d (stderr %q)", r.code, code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "mapiblob: ") || strings.Contains(r.stderr, "goroutine") {
		t.Errorf("stderr is not one mapiblob: line: %q", r.stderr)
	}
	if !strings.Contains(r.stderr, frag) {
		t.Errorf("stderr %q lacks %q", r.stderr, frag)
	}
}

func TestTagExamples(t *testing.T) {
	r := runBin(t, nil, "tag", "0x80380102")
	if r.code != 0 || !strings.Contains(r.stdout, "id:    0x8038") || !strings.Contains(r.stdout, "PT_BINARY") || !strings.Contains(r.stdout, "named-property id") {
		t.Errorf("tag 0x80380102: %+v", r)
	}
	for _, name := range []string{"dispidApptTZDefStartDisplay", "PidLidAppointmentTimeZoneDefinitionStartDisplay"} {
		r = runBin(t, nil, "tag", name)
		for _, want := range []string{"name:    PidLidAppointmentTimeZoneDefinitionStartDisplay", "lid:     0x825E", "PSETID_Appointment", "PT_BINARY", "aliases: dispidApptTZDefStartDisplay", "decoder: tzdef"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("tag %s: %q lacks %q", name, r.stdout, want)
			}
		}
	}
	r = runBin(t, nil, "tag", "PidLidAppointmentRecur")
	if r.code != 0 || !strings.Contains(r.stdout, "lid:     0x8216") || !strings.Contains(r.stdout, "decoder: apptrecur") || !strings.Contains(r.stdout, "dispidApptRecur") {
		t.Errorf("tag PidLidAppointmentRecur: %+v", r)
	}
	oneErrorLine(t, runBin(t, nil, "tag", "nonsense"), 1, "neither")
	oneErrorLine(t, runBin(t, nil, "tag"), 2, "one tag or name")
}

func TestDecodeStrayCharacter(t *testing.T) {
	oneErrorLine(t, runBin(t, nil, "decode", "02013Z"), 1, "stray character 'Z' at position 6")
}

func TestDecodeSamples(t *testing.T) {
	r := runBin(t, nil, "decode", "@testdata/samples/weekly-standup.apptrecur.hex")
	if r.code != 0 || !strings.Contains(r.stdout, "every week on Tuesday, 09:30–10:00") || !strings.Contains(r.stdout, `at "Room 5"`) {
		t.Errorf("decode apptrecur: %+v", r)
	}
	r = runBin(t, nil, "decode", "--format", "json", "@testdata/samples/eastern.tzdef.hex")
	var env struct {
		Kind  string         `json:"kind"`
		Size  int            `json:"size"`
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &env); err != nil || env.Kind != "tzdef" || env.Size != 184 || env.Value["KeyName"] != "Eastern Standard Time" || env.Value["cchKeyName"] != 21.0 {
		t.Errorf("decode json: %v %+v", err, r)
	}
	// Flags after the input work too, and stdin is read for "-".
	b, _ := os.ReadFile("../../testdata/samples/eastern.tzstruct.hex")
	r = runBin(t, b, "decode", "-", "--format", "smartview")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Time Zone\n\tlBias = 0x0000012C (300)") {
		t.Errorf("decode smartview from stdin: %+v", r)
	}
}

func TestCheckExitCodes(t *testing.T) {
	r := runBin(t, nil, "check", "@testdata/samples/eastern.tzdef.hex")
	if r.code != 0 || !strings.Contains(r.stdout, "no findings") {
		t.Errorf("clean check: %+v", r)
	}
	// The KB 2553248 blob: an empty key name.
	empty := "0201060002000000010002013E000200D70700000000000000000000000000002C01000000000000C4FFFFFF00000B0000000100020000000000000000000300000002000200000000000000"
	r = runBin(t, nil, "check", empty)
	if r.code != 1 || !strings.Contains(r.stdout, "TZ_EMPTY_KEYNAME") || !strings.Contains(r.stdout, "KB 2553248") {
		t.Errorf("empty key name check: %+v", r)
	}
}

func TestGUIDCommand(t *testing.T) {
	r := runBin(t, nil, "guid", `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`)
	if r.code != 0 || !strings.Contains(r.stdout, "adsi:       43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37") || !strings.Contains(r.stdout, "{66960343-B15D-443B-8199-1F9143325B37}") {
		t.Errorf("guid: %+v", r)
	}
	r = runBin(t, nil, "guid", "--to", "exmerge", "43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37")
	if r.code != 0 || r.stdout != `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`+"\n" {
		t.Errorf("guid --to exmerge: %+v", r)
	}
	r = runBin(t, nil, "guid", "--exmerge-log", "testdata/exmerge/ExMerge.log", "--format", "csv")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 5 || !strings.Contains(r.stdout, "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER") {
		t.Errorf("exmerge log csv: %+v", r)
	}
	r = runBin(t, nil, "guid", "--exmerge-log", "testdata/exmerge/ExMerge.log")
	if !strings.Contains(r.stdout, "Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)' | Set-ADUser -Replace @{msExchMailboxGuid=[byte[]](0x43,0x03,") ||
		!strings.Contains(r.stdout, "msExchMailboxGuid:: QwOWZl2xO0SBmR+RQzJbNw==") {
		t.Errorf("exmerge log text: %q", r.stdout)
	}
	oneErrorLine(t, runBin(t, nil, "guid", `C\03\96f`), 1, "came to 4 bytes")
}

func TestAbuse(t *testing.T) {
	random := make([]byte, 10<<20)
	rand.Read(random)
	dir := t.TempDir()
	binFile := filepath.Join(dir, "blob.bin")
	os.WriteFile(binFile, random[:4096], 0o644)
	unreadable := filepath.Join(dir, "secret.hex")
	os.WriteFile(unreadable, []byte("00"), 0o000)
	tests := []struct {
		name  string
		stdin []byte
		args  []string
		code  int
		frag  string
	}{
		{"no command", nil, nil, 2, ""},
		{"empty stdin", nil, []string{"decode"}, 1, "empty input"},
		{"random stdin", random, []string{"decode"}, 1, "cannot tell which structure"},
		{"binary file", nil, []string{"decode", "@" + binFile}, 1, "cannot tell which structure"},
		{"binary file as hex", nil, []string{"decode", "--input", "hex", "@" + binFile}, 1, "binary data, not hex text"},
		{"bad input mode", nil, []string{"decode", "--input", "utf7", "00"}, 2, "unknown --input"},
		{"missing file", nil, []string{"decode", "@" + filepath.Join(dir, "nope")}, 2, "cannot read"},
		{"directory", nil, []string{"decode", "@" + dir}, 2, "is a directory"},
		{"wrong kind", nil, []string{"decode", "--kind", "tzdef", "@testdata/samples/weekly-standup.apptrecur.hex"}, 1, "tzdef: bMajorVersion at offset 0x0"},
		{"bad flag", nil, []string{"decode", "--nope", "00"}, 2, "flag provided but not defined"},
		{"bad kind", nil, []string{"decode", "--kind", "xml", "00"}, 2, "unknown --kind"},
		{"bad format", nil, []string{"decode", "--format", "yaml", "00"}, 2, "unknown --format"},
		{"unknown command", nil, []string{"frobnicate"}, 2, "unknown command"},
		{"undetectable", nil, []string{"decode", "DEADBEEF"}, 1, "cannot tell which structure"},
	}
	if os.Geteuid() != 0 { // root reads any file
		tests = append(tests, struct {
			name  string
			stdin []byte
			args  []string
			code  int
			frag  string
		}{"unreadable", nil, []string{"decode", "@" + unreadable}, 2, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBin(t, tt.stdin, tt.args...)
			if tt.args == nil {
				if r.code != 2 || !strings.Contains(r.stderr, "Usage") {
					t.Errorf("%+v", r)
				}
				return
			}
			oneErrorLine(t, r, tt.code, tt.frag)
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	r := runBin(t, nil, "help")
	if r.code != 0 || !strings.Contains(r.stdout, "decode") || !strings.Contains(r.stdout, "guid") {
		t.Errorf("help: %+v", r)
	}
	r = runBin(t, nil, "help", "decode")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "mapiblob decode") {
		t.Errorf("help decode: %+v", r)
	}
	r = runBin(t, nil, "decode", "--help")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "mapiblob decode") {
		t.Errorf("decode --help: %+v", r)
	}
	r = runBin(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "mapiblob ") {
		t.Errorf("version: %+v", r)
	}
}

func TestTZCommands(t *testing.T) {
	r := runBin(t, nil, "tz", "build", "--zone", "Atlantic Standard Time")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "0201320002001600410074006C0061006E00740069006300") {
		t.Fatalf("tz build: %+v", r)
	}
	// What tz build makes decodes as that zone with no findings.
	r2 := runBin(t, nil, "check", strings.TrimSpace(r.stdout))
	if r2.code != 0 || !strings.Contains(r2.stdout, "no findings") {
		t.Errorf("check of built blob: %+v", r2)
	}
	r = runBin(t, nil, "tz", "build", "--zone", "America/Halifax", "--kind", "tzstruct")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "F000000000000000C4FFFFFF000000000B00000001000200000000000000000000000300000002000200000000000000" {
		t.Errorf("tz build tzstruct: %+v", r)
	}
	r = runBin(t, nil, "tz", "transitions", "--year", "2026", "@testdata/samples/eastern.tzdef.hex")
	if r.code != 0 || !strings.Contains(r.stdout, "2026-03-08 07:00Z  to daylight time local 2026-03-08 02:00") ||
		!strings.Contains(r.stdout, "2026-11-01 06:00Z  to standard time local 2026-11-01 02:00") {
		t.Errorf("tz transitions: %+v", r)
	}
	oneErrorLine(t, runBin(t, nil, "tz", "build", "--zone", "Africa/Casablanca"), 1, "2012 has 4 offset changes")
	oneErrorLine(t, runBin(t, nil, "tz", "build", "--zone", "Mars/Olympus"), 1, "neither a Windows time-zone key name nor an IANA zone")
	oneErrorLine(t, runBin(t, nil, "tz", "build"), 2, "needs --zone")
	oneErrorLine(t, runBin(t, nil, "tz", "frobnicate"), 2, "unknown tz subcommand")
	oneErrorLine(t, runBin(t, nil, "tz", "transitions", "@testdata/samples/monthly-task.recur.hex"), 1, "needs a time-zone blob")
}

func TestOccurrencesAndICal(t *testing.T) {
	r := runBin(t, nil, "occurrences", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex", "--tz", "@testdata/samples/eastern.tzdef.hex",
		"--from", "2026-02-01", "--to", "2026-02-28")
	want := "2026-02-10 09:30–10:00 -05:00  (14:30Z)  normal\n" +
		"2026-02-18 14:00–14:30 -05:00  (19:00Z)  modified, moved from 2026-02-17 09:30: Location=\"Room 5\"\n" +
		"2026-02-24 09:30–10:00 -05:00  (14:30Z)  normal\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("occurrences text:\n%s\nwant\n%s(%s)", r.stdout, want, r.stderr)
	}
	r = runBin(t, nil, "occurrences", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex", "--tz", "@testdata/samples/eastern.tzstruct.hex", "--format", "json", "--limit", "2")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 2 || rows[0]["start"] != "2026-01-06T09:30:00-05:00" ||
		rows[0]["startUTC"] != "2026-01-06T14:30:00Z" || rows[0]["status"] != "normal" {
		t.Errorf("occurrences json: %v %+v", err, r)
	}
	r = runBin(t, nil, "occurrences", "@testdata/samples/weekly-standup.apptrecur.hex", "--format", "csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "start,end,startUTC,originalStart,status,overrides\n2026-01-06T09:30:00,") || strings.Count(r.stdout, "\n") != 10 {
		t.Errorf("occurrences csv: %+v", r)
	}
	r = runBin(t, nil, "occurrences", "@testdata/samples/weekly-standup.apptrecur.hex")
	if !strings.HasPrefix(r.stdout, "no time zone given") {
		t.Errorf("floating times not announced: %q", r.stdout)
	}
	r = runBin(t, nil, "occurrences", "@testdata/samples/monthly-task.recur.hex", "--limit", "3")
	if r.code != 0 || r.stdout != "2026-01-15\n2026-02-15\n2026-03-15\n" {
		t.Errorf("task occurrences: %+v", r)
	}
	oneErrorLine(t, runBin(t, nil, "occurrences", "@testdata/samples/monthly-task.recur.hex"), 1, "needs an upper bound")
	oneErrorLine(t, runBin(t, nil, "occurrences", "--tz", "@testdata/samples/eastern.tzdef.hex"), 2, "--recur is required")
	oneErrorLine(t, runBin(t, nil, "occurrences", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex", "--tz", "@testdata/samples/monthly-task.recur.hex"), 1, "not a time zone")

	r = runBin(t, nil, "ical", "--recur", "@testdata/samples/weekly-standup.apptrecur.hex", "--tz", "@testdata/samples/eastern.tzdef.hex", "--summary", "Stand-up", "--uid", "u1")
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "TZID:Eastern Standard Time\r\n", "RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=SU;COUNT=10\r\n",
		"EXDATE;TZID=Eastern Standard Time:20260203T093000\r\n", "RECURRENCE-ID;TZID=Eastern Standard Time:20260217T093000\r\n", "UID:u1\r\n", "END:VCALENDAR\r\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ical lacks %q", want)
		}
	}
}

func TestCheckCrossBlobs(t *testing.T) {
	tzdefHex, _ := os.ReadFile("../../testdata/samples/eastern.tzdef.hex")
	berlin := runBin(t, nil, "tz", "build", "--zone", "Europe/Berlin", "--kind", "tzstruct")
	xml := func(lid, name, value string) string {
		return `<property tag = "0x80000102" type = "PT_BINARY"><NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>` +
			`<NamedPropName>id: ` + lid + ` = ` + name + `</NamedPropName><Value>` + strings.TrimSpace(value) + `</Value></property>`
	}
	export := "<properties>" + xml("0x8260", "PidLidAppointmentTimeZoneDefinitionRecur", string(tzdefHex)) +
		xml("0x8233", "PidLidTimeZoneStruct", berlin.stdout) + "</properties>"
	r := runBin(t, []byte(export), "check")
	if r.code != 1 || !strings.Contains(r.stdout, "TimeZoneStruct vs TZDefRecur: error   TZ_STRUCT_MISMATCH") {
		t.Errorf("mismatched pair: %+v", r)
	}
	tzs, _ := os.ReadFile("../../testdata/samples/eastern.tzstruct.hex")
	export = "<properties>" + xml("0x8260", "PidLidAppointmentTimeZoneDefinitionRecur", string(tzdefHex)) +
		xml("0x8233", "PidLidTimeZoneStruct", string(tzs)) + "</properties>"
	r = runBin(t, []byte(export), "check")
	if r.code != 0 || strings.Contains(r.stdout, "TZ_STRUCT_MISMATCH") {
		t.Errorf("matching pair: %+v", r)
	}
}

// A GlobalObjectId is detected by its class id; decode and check read it,
// and check exits 0 when it has no error finding.
func TestDecodeGlobalObjectID(t *testing.T) {
	const id = "040000008200E00074C5B7101A82E00800000000F0DB09F532E5CA01000000000000000010000000D7A8E4C2A1C44C49A39CD1A0BD4F5B55"
	r := runBin(t, nil, "decode", "--format", "json", id)
	if r.code != 0 || !strings.HasPrefix(r.stdout, `{"kind":"goid","size":56,`) {
		t.Errorf("decode: %+v", r)
	}
	if r := runBin(t, nil, "check", id); r.code != 0 {
		t.Errorf("check: %+v", r)
	}
	if r := runBin(t, nil, "decode", id[:60]); r.code != 1 || !strings.Contains(r.stderr, "goid: ") {
		t.Errorf("decode of a cut-short id: %+v", r)
	}
}
