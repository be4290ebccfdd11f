package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// itemFiles writes the test meeting as .msg, TNEF and MFCMAPI XML into a
// fresh directory, plus the KB 2553248 export, and returns the directory.
func itemFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	m := itemtest.Meeting(itemtest.Options{})
	msg, err := msg.Marshal(m)
	require.NoError(t, err)
	tnef, err := tnef.Marshal(m)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a-meeting.msg"), msg, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b-winmail.dat"), tnef, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c-export.xml"), mfcxml.Marshal(m), 0o644))
	bad := itemtest.Meeting(itemtest.Options{EmptyStartDisplayKeyName: true, Zone: "Atlantic Standard Time", NoExceptionMessage: true, Seed: 3})
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "crash"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "crash", "export.xml"), mfcxml.Marshal(bad), 0o644))
	return dir
}

func TestItemsDecodeNamesEveryProperty(t *testing.T) {
	dir := itemFiles(t)
	r := runBin(t, nil, "decode", filepath.Join(dir, "a-meeting.msg"))
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "PidLidAppointmentRecur (PT_BINARY): apptrecur\n    every week on Tuesday")
	require.Contains(t, r.stdout, "PidLidGlobalObjectId (PT_BINARY): goid")
	require.Contains(t, r.stdout, `PidTagSubject (PT_UNICODE): "Weekly sync 0"`)
	require.Contains(t, r.stdout, "== "+filepath.Join(dir, "a-meeting.msg")+" /__attach_version1.0_#00000000/__substg1.0_3701000D (IPM.OLE.CLASS.")
	require.NotContains(t, r.stdout, "blob ")
}

func TestItemsJSONIsNDJSONInStableOrder(t *testing.T) {
	dir := itemFiles(t)
	for range 3 { // all cores, the same order every time
		r := runBin(t, nil, "decode", "--format", "json", dir)
		require.Equal(t, 0, r.code, r.stderr)
		var got []string
		sc := bufio.NewScanner(strings.NewReader(r.stdout))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var j struct {
				Source, Item string
				Parent       *string
				Properties   []struct {
					Name    string
					Decoded *struct{ Kind string }
				}
			}
			require.NoError(t, json.Unmarshal(sc.Bytes(), &j), sc.Text())
			rel, _ := filepath.Rel(dir, j.Source)
			got = append(got, rel+" "+j.Item)
			for _, p := range j.Properties {
				require.NotEmpty(t, p.Name)
				if p.Name == "PidLidAppointmentRecur" {
					require.Equal(t, "apptrecur", p.Decoded.Kind)
				}
			}
		}
		want := []string{
			"a-meeting.msg /", "a-meeting.msg /__attach_version1.0_#00000000/__substg1.0_3701000D",
			"b-winmail.dat /", "b-winmail.dat /attachment[0]",
			"c-export.xml /", "c-export.xml /attachment[0]",
			"crash/export.xml /",
		}
		require.Equal(t, want, got)
	}
}

func TestItemsCheckCrashAndRepair(t *testing.T) {
	dir := itemFiles(t)
	export := filepath.Join(dir, "crash", "export.xml")
	for _, args := range [][]string{{"check", export}, {"check", "@" + export}} {
		r := runBin(t, nil, args...)
		require.Equal(t, 1, r.code, r.stderr)
		require.Contains(t, r.stdout, "error   TZ_EMPTY_KEYNAME PidLidAppointmentTimeZoneDefinitionStartDisplay.cchKeyName")
		require.Contains(t, r.stdout, "KB 2553248")
		require.Contains(t, r.stdout, "--zone 'Atlantic Standard Time'")
	}
	b, _ := os.ReadFile(export)
	r := runBin(t, b, "check") // standard input
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stdout, "standard input: error   TZ_EMPTY_KEYNAME")

	r = runBin(t, nil, "repair", "tz", export)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, `no --zone given: using "Atlantic Standard Time"`)
	require.Contains(t, r.stdout, "# time-zone properties for Atlantic Standard Time (inferred: named by")
	// Each hex value decodes with no findings, as its property.
	hexLine := regexp.MustCompile(`(?m)^([0-9A-F]{40,})$`)
	vals := hexLine.FindAllString(r.stdout, -1)
	require.Len(t, vals, 4)
	for _, v := range vals {
		c := runBin(t, nil, "check", v)
		require.Equal(t, 0, c.code, c.stdout+c.stderr)
		require.Contains(t, c.stdout, "no findings")
	}
	// The XML fragment, pasted beside the export's other properties,
	// leaves an item that checks clean.
	frag := runBin(t, nil, "repair", "tz", "--format", "xml", export).stdout
	fixed, err := mfcxml.Read([]byte(frag), "fragment.xml")
	require.NoError(t, err)
	items, err := mfcxml.Read(b, "export.xml")
	require.NoError(t, err)
	for _, p := range fixed[0].Properties {
		items[0].Set(p)
	}
	require.Empty(t, items[0].Check())

	// Disagreeing zones: refused.
	r = runBin(t, nil, "repair", "tz", filepath.Join(dir, "a-meeting.msg"), "--zone", "Nowhere Standard Time")
	require.Equal(t, 1, r.code)
}

func TestItemsCheckSetAndUnreadableFile(t *testing.T) {
	dir := itemFiles(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.msg"), []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 short"), 0o644))
	r := runBin(t, nil, "check", "--format", "json", dir)
	require.Equal(t, 1, r.code)
	require.Equal(t, 1, strings.Count(r.stderr, "\n"), r.stderr)
	require.Contains(t, r.stderr, "broken.msg: msg: cfb: the file is 14 bytes, shorter than the 512-byte header")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 8) // seven items and the set line
	var set struct {
		Set      struct{ Items, Recurring int }
		Findings []struct{ Code string }
	}
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &set))
	require.Equal(t, 7, set.Set.Items)
	require.Equal(t, 4, set.Set.Recurring)
	// The .msg, TNEF and XML copies are one meeting: duplicates.
	require.Equal(t, 2, strings.Count(r.stdout, `"code":"ITEMS_DUPLICATE"`))
}

func TestItemsICalAndOccurrences(t *testing.T) {
	dir := itemFiles(t)
	msg := filepath.Join(dir, "a-meeting.msg")
	r := runBin(t, nil, "ical", msg)
	require.Equal(t, 0, r.code, r.stderr)
	cal, err := goical.NewDecoder(strings.NewReader(r.stdout)).Decode()
	require.NoError(t, err)
	require.Len(t, cal.Events(), 2)
	require.Equal(t, "mailto:ada@example.com", cal.Events()[0].Props.Get("ORGANIZER").Value)
	// The profile applies to items too (this weekly series is written alike);
	// an unknown one is refused.
	compat := runBin(t, nil, "ical", "--profile", "compatible", msg)
	require.Equal(t, 0, compat.code, compat.stderr)
	require.Equal(t, strings.Count(r.stdout, "\n"), strings.Count(compat.stdout, "\n"))
	oneErrorLine(t, runBin(t, nil, "ical", "--profile", "thunderbird", msg), 2, "unknown --profile")

	// Many items, one calendar, each VTIMEZONE once.
	r = runBin(t, nil, "ical", dir)
	require.Equal(t, 0, r.code, r.stderr)
	cal, err = goical.NewDecoder(strings.NewReader(r.stdout)).Decode()
	require.NoError(t, err)
	zones := 0
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			zones++
		}
	}
	require.Equal(t, 2, zones)      // Eastern and Atlantic
	require.Len(t, cal.Events(), 8) // each series and its moved occurrence

	// occurrences of the item equal those of its blobs.
	r = runBin(t, nil, "occurrences", "--format", "json", msg)
	require.Equal(t, 0, r.code, r.stderr)
	var occ struct{ Occurrences []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &occ))
	m := itemtest.Meeting(itemtest.Options{})
	recur, _ := m.Recurrence().MarshalBinary()
	tz, _ := m.TimeZoneStruct().MarshalBinary()
	b := runBin(t, nil, "occurrences", "--format", "json", "--recur", strings.ToUpper(hexUpper(recur)), "--tz", hexUpper(tz))
	require.Equal(t, 0, b.code, b.stderr)
	var want []map[string]any
	require.NoError(t, json.Unmarshal([]byte(b.stdout), &want))
	if d := cmp.Diff(want, occ.Occurrences); d != "" {
		t.Errorf("(-blobs +item):\n%s", d)
	}
}

// A mail gateway's .eml with the meeting's TNEF part, and the same TNEF in
// base64 text: read as items like the rest.
func TestItemsEMLAndBase64TNEF(t *testing.T) {
	dir := t.TempDir()
	tnef, err := tnef.Marshal(itemtest.Meeting(itemtest.Options{}))
	require.NoError(t, err)
	b64 := base64.StdEncoding.EncodeToString(tnef)
	eml := "From: ada@example.com\r\nSubject: Weekly sync\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n" +
		"--XX\r\nContent-Type: text/plain\r\n\r\nSee the meeting.\r\n--XX\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--XX--\r\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "meeting.eml"), []byte(eml), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "winmail.b64"), []byte(b64), 0o644))
	r := runBin(t, nil, "check", dir)
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	require.Contains(t, r.stdout, filepath.Join(dir, "meeting.eml")+": no findings")
	require.Contains(t, r.stdout, filepath.Join(dir, "winmail.b64")+": warning ITEMS_DUPLICATE PidLidCleanGlobalObjectId: same clean GlobalObjectId")
	require.Contains(t, r.stdout, "set: 4 items, 2 recurring")
	r = runBin(t, []byte(eml), "decode", "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, 2, strings.Count(r.stdout, "\n"))
	require.Contains(t, r.stdout, `{"source":"standard input","item":"/","parent":null,"messageClass":"IPM.Appointment"`)
}
