package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item/msg"
)

// File names that a JSON string must escape: a control character, a
// quote, a backslash, and a byte that is not UTF-8.
var oddNames = []string{"tab\there\x01.msg", `say "hi".msg`, `back\slash.msg`, "latin1-caf\xe9.msg"}

// asJSONString is what a JSON string round-trips s to: encoding/json
// replaces each byte of invalid UTF-8 with U+FFFD, as a []rune conversion
// does.
func asJSONString(s string) string { return string([]rune(s)) }

// ndjsonLines splits out into lines and checks each is valid JSON.
func ndjsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		require.True(t, json.Valid([]byte(line)), "not JSON: %q", line)
		var o map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &o))
		objs = append(objs, o)
	}
	return objs
}

// Every JSON line is valid JSON and names its file exactly, whatever the
// file name holds.
func TestJSONLinesOddFileNames(t *testing.T) {
	msg, err := msg.Marshal(itemtest.Meeting(itemtest.Options{}))
	require.NoError(t, err)
	dir := t.TempDir()
	var want []string
	for _, n := range oddNames {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), msg, 0o644))
		want = append(want, asJSONString(filepath.Join(dir, n)))
	}
	sort.Strings(want)
	for _, args := range [][]string{
		{"decode", "--format", "json", dir},
		{"check", "--format", "json", dir},
		{"occurrences", "--format", "json", "--limit", "2", dir},
	} {
		r := runBin(t, nil, args...)
		require.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
		seen := map[string]bool{}
		for _, o := range ndjsonLines(t, r.stdout) {
			if _, ok := o["set"]; ok && args[0] == "check" {
				continue
			}
			src, ok := o["source"].(string)
			require.True(t, ok, "%v: a line without source: %v", args, o)
			seen[src] = true
		}
		var got []string
		for s := range seen {
			got = append(got, s)
		}
		sort.Strings(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%v: sources (-want +got):\n%s", args, d)
		}
	}

	// The line of an item that could not be written as JSON.
	for _, n := range oddNames {
		line := itemErrorLine(n, errors.New(`bad "value"`+"\n\x00"))
		require.True(t, strings.HasSuffix(string(line), "}\n"), "%q", line)
		objs := ndjsonLines(t, string(line))
		want := map[string]any{"source": asJSONString(n), "error": "bad \"value\"\n\x00"}
		if d := cmp.Diff(want, objs[0]); d != "" {
			t.Errorf("%q (-want +got):\n%s", n, d)
		}
	}
}

// guid --exmerge-log --format json is NDJSON: one object per mailbox the
// text lists, nothing around them, and no line at all for none.
func TestExMergeLogNDJSON(t *testing.T) {
	r := runBin(t, nil, "guid", "--exmerge-log", "testdata/exmerge/ExMerge.log", "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	objs := ndjsonLines(t, r.stdout)
	text := runBin(t, nil, "guid", "--exmerge-log", "testdata/exmerge/ExMerge.log")
	var wantLines, gotLines []float64
	for _, l := range strings.Split(text.stdout, "\n") {
		var n float64
		var dn string
		if _, err := fmt.Sscanf(l, "line %v: %s", &n, &dn); err == nil {
			wantLines = append(wantLines, n)
		}
	}
	for _, o := range objs {
		gotLines = append(gotLines, o["line"].(float64))
	}
	require.NotEmpty(t, wantLines)
	if d := cmp.Diff(wantLines, gotLines); d != "" {
		t.Errorf("lines (-text +json):\n%s", d)
	}
	want := map[string]any{
		"line":             3.0,
		"timestamp":        "1/15/2007 10:02:12 AM",
		"legacyExchangeDN": "/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER",
		"guid": map[string]any{
			"string": "{66960343-B15D-443B-8199-1F9143325B37}", "adsi": "43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37",
			"hex": "430396665DB13B4481991F9143325B37", "ldap": `\43\03\96\66\5D\B1\3B\44\81\99\1F\91\43\32\5B\37`,
			"base64": "QwOWZl2xO0SBmR+RQzJbNw==", "exmerge": `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`,
			"powershell": "[byte[]](0x43,0x03,0x96,0x66,0x5D,0xB1,0x3B,0x44,0x81,0x99,0x1F,0x91,0x43,0x32,0x5B,0x37)",
		},
	}
	got := objs[0]
	require.Contains(t, got["powershell"], "Get-ADUser -LDAPFilter '(legacyExchangeDN=/O=ORGNIZATION/OU=SITE/CN=RECIPIENTS/CN=USER)'")
	require.Contains(t, got["ldif"], "msExchMailboxGuid:: QwOWZl2xO0SBmR+RQzJbNw==\n")
	delete(got, "powershell")
	delete(got, "ldif")
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("first mailbox (-want +got):\n%s", d)
	}

	empty := filepath.Join(t.TempDir(), "empty.log")
	require.NoError(t, os.WriteFile(empty, []byte("nothing to see\r\n"), 0o644))
	r = runBin(t, nil, "guid", "--exmerge-log", empty, "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	require.Empty(t, r.stdout)
}
