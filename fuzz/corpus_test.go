package fuzz

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/golden"
)

// samples returns the project's own golden blobs: testdata/samples, recur and tz.
func samples(t testing.TB) []fixtures.Golden {
	return fixtures.Goldens(t, "../testdata/samples/*.hex", "../testdata/recur/*.hex", "../testdata/tz/*.hex")
}

// byKind returns the samples whose file name ends in suffix.
func byKind(t testing.TB, suffix string) [][]byte {
	var out [][]byte
	for _, g := range samples(t) {
		if strings.HasSuffix(g.Path, suffix) {
			out = append(out, g.Bytes)
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
	add("FuzzExMergeLog", log, utf16LE(string(log)),
		[]byte("Error! Cannot identify the user with the msExchMailboxGuid C\\03\\96. The legacyExchangeDN is /O=X/CN=SHORT.\r\n"))
	add("FuzzInputHex", "02 01 30 00", "0201300002001500450061007300740Z", "cb: 2 lpb: 0201", "AgEwAKs=")
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
			golden.Check(t, path, data)
		}
	}
}

// utf16LE is s as a UTF-16 little-endian file with a byte-order mark.
func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}
