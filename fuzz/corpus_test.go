package fuzz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/golden"
)

// samples returns the project's own sample blobs (testdata/samples), by name.
func samples(t testing.TB) map[string][]byte {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../testdata/samples/*.hex", "../testdata/recur/*.hex", "../testdata/tz/*.hex"} {
		f, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f...)
	}
	if len(files) == 0 {
		t.Fatal("no samples in ../testdata")
	}
	out := map[string][]byte{}
	for _, f := range files {
		h, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := hex.DecodeString(strings.TrimSpace(string(h)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

func byKind(t testing.TB, suffix string) [][]byte {
	var out [][]byte
	s := samples(t)
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.HasSuffix(n, suffix) {
			out = append(out, s[n])
		}
	}
	return out
}

func allSamples(t testing.TB) [][]byte { return byKind(t, ".hex") }

// seeds lists the seed inputs of every target, made from the project's
// samples and the ExMerge.log of testdata.
func seeds(t testing.TB) map[string][]any {
	m := map[string][]any{}
	add := func(target string, vs ...any) { m[target] = append(m[target], vs...) }
	for _, b := range byKind(t, ".tzdef.hex") {
		add("FuzzTZDefinition", b)
	}
	for _, b := range byKind(t, ".tzstruct.hex") {
		add("FuzzTimeZoneStruct", b)
	}
	for _, b := range byKind(t, ".recur.hex") {
		add("FuzzPattern", b)
	}
	for _, b := range byKind(t, ".apptrecur.hex") {
		add("FuzzAppointmentPattern", b)
	}
	for _, b := range allSamples(t) {
		add("FuzzDetect", b)
		h := strings.ToUpper(hex.EncodeToString(b))
		add("FuzzInput", h, "cb: "+strconv.Itoa(len(b))+" lpb: "+h)
	}
	add("FuzzInput", `<property tag = "0x80380102" type = "PT_BINARY"><NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID><NamedPropName>id: 0x825E=33374 = PidLidAppointmentTimeZoneDefinitionStartDisplay</NamedPropName><Value>cb: 2 lpb: 0201</Value></property>`,
		"base64:AgEwAKs=")
	log, err := os.ReadFile("../testdata/exmerge/ExMerge.log")
	if err != nil {
		t.Fatal(err)
	}
	add("FuzzExMerge", string(log))
	for _, line := range strings.Split(string(log), "\n") {
		if i := strings.Index(line, "msExchMailboxGuid "); i >= 0 {
			g := line[i+len("msExchMailboxGuid "):]
			if j := strings.Index(g, ". The"); j >= 0 {
				g = g[:j]
			}
			add("FuzzExMerge", g)
			if parsed, err := guid.ParseExMerge(g); err == nil {
				for _, f := range guid.Forms() {
					add("FuzzGUID", parsed.Format(f))
				}
			}
		}
	}
	return m
}

func encodeSeed(v any) []byte {
	switch x := v.(type) {
	case []byte:
		return []byte("go test fuzz v1\n[]byte(" + strconv.Quote(string(x)) + ")\n")
	case string:
		return []byte("go test fuzz v1\nstring(" + strconv.Quote(x) + ")\n")
	}
	panic(fmt.Sprintf("seed of type %T", v))
}

// TestSeedCorpus keeps testdata/fuzz/<Target>/ in step with the samples:
// every seed the samples give must be there (-update writes them). Other
// entries — crashers found by fuzzing — stay as regression inputs.
func TestSeedCorpus(t *testing.T) {
	for target, vs := range seeds(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		for _, v := range vs {
			data := encodeSeed(v)
			sum := sha256.Sum256(data)
			path := filepath.Join(dir, "seed-"+hex.EncodeToString(sum[:8]))
			if *golden.Update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s is missing or stale (run go test ./fuzz -run TestSeedCorpus -update)", path)
			}
		}
	}
}
