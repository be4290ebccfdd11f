package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
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
	msg, err := item.MarshalMSG(itemtest.Meeting(itemtest.Options{}))
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
