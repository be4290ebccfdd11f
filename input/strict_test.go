package input

import (
	"encoding/hex"
	"errors"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
)

// Hex with one stray character is the hex error at that character, never a
// base64 reading of the text.
func TestHexTypoIsNotBase64(t *testing.T) {
	tests := []struct {
		in   string
		pos  int
		frag string
	}{
		{"02013000AG", 10, "stray character 'G'"},                         // valid base64 alphabet, 10 chars: was "odd" but 12 would decode
		{"020130000200150045006100730074006Z", 34, "stray character 'Z'"}, // 34 chars, not %4 — still hex
		{"0201300002001500450061007300740Z", 32, "stray character 'Z'"},   // 32 chars: valid base64, used to decode to 24 garbage bytes
		{"02 01 30 00 02 00 15 0Z", 23, "stray character 'Z'"},            // byte-separated, 16 non-space chars: used to decode as base64
		{"02 01 30 00 02 00 15 00 45 00 61 00 73 00 74 00 65 00 72 00 6E 00 2g", 68, "stray character 'g'"},
	}
	for _, tt := range tests {
		require.True(t, HexLike(tt.in), tt.in)
		_, err := Parse(tt.in)
		var e *blob.SyntaxError
		require.True(t, errors.As(err, &e), "Parse(%q) = %v", tt.in, err)
		require.Equal(t, tt.pos, e.Pos, "Parse(%q) = %v", tt.in, err)
		require.Contains(t, err.Error(), tt.frag)
	}
	// Real base64 is still read, with and without the prefix.
	for _, in := range []string{"AgEwAKs=", "QwOWZl2xO0SBmR+RQzJbNw==", "MDIwMTMwMDA="} {
		require.False(t, HexLike(in), in)
		bl, err := Parse(in)
		require.NoError(t, err, in)
		require.Equal(t, FormBase64, bl[0].Form)
	}
	// Base64 that happens to be hex-like is read only with the prefix.
	bl, err := Parse("base64:0201300A")
	require.NoError(t, err)
	require.Equal(t, []byte{0xD3, 0x6D, 0x35, 0xDF, 0x4D, 0x00}, bl[0].Bytes)
}

// A .bin file holding the blob's bytes is read as the blob; text is still
// text; the mode forces a reading.
func TestParseBytesModes(t *testing.T) {
	blob, _ := hex.DecodeString("02013000020015004500610073007400650072006E0020005300740061006E0064006100720064002000540069006D0065000100")
	type got struct {
		Bytes []byte
		Form  Form
	}
	run := func(b []byte, m Mode) (got, error) {
		bl, err := ParseBytes(b, m)
		if err != nil {
			return got{}, err
		}
		require.Len(t, bl, 1)
		return got{bl[0].Bytes, bl[0].Form}, nil
	}
	for _, tt := range []struct {
		name string
		in   []byte
		mode Mode
		want got
	}{
		{"binary auto", blob, ModeAuto, got{blob, FormBinary}},
		{"binary forced", blob, ModeBinary, got{blob, FormBinary}},
		{"hex text auto", []byte(hex.EncodeToString(blob)), ModeAuto, got{blob, FormHex}},
		{"hex forced", []byte("0x02 0x01"), ModeHex, got{[]byte{2, 1}, FormHex}},
		{"mfcmapi forced hex", []byte("cb: 2 lpb: 0201"), ModeHex, got{[]byte{2, 1}, FormMFCMAPI}},
		{"text forced binary", []byte("0201"), ModeBinary, got{[]byte("0201"), FormBinary}},
		{"base64 forced", []byte("0201300A"), ModeBase64, got{[]byte{0xD3, 0x6D, 0x35, 0xDF, 0x4D, 0x00}, FormBase64}},
		{"xml forced", []byte(`<property tag="0x80380102" type="PT_BINARY"><Value>cb: 2 lpb: 0201</Value></property>`), ModeXML, got{[]byte{2, 1}, FormXML}},
		{"recurrence bytes", []byte{0x04, 0x30, 0x04, 0x30, 0x0A, 0x20}, ModeAuto, got{[]byte{0x04, 0x30, 0x04, 0x30, 0x0A, 0x20}, FormBinary}},
		{"invalid utf-8", []byte{'0', '2', 0xFF}, ModeAuto, got{[]byte{'0', '2', 0xFF}, FormBinary}},
	} {
		g, err := run(tt.in, tt.mode)
		require.NoError(t, err, tt.name)
		if d := cmp.Diff(tt.want, g); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	// Text modes refuse binary data, saying where it is binary.
	_, err := ParseBytes(blob, ModeHex)
	require.ErrorContains(t, err, "binary data, not hex text (byte 0x2 at offset 0)")
	_, err = ParseBytes(nil, ModeBinary)
	require.ErrorContains(t, err, "empty input")
	_, err = ParseBytes([]byte("x"), Mode("bogus"))
	require.ErrorContains(t, err, "unknown input mode")

	// An MFCMAPI XML export saved as UTF-16 with a BOM is text.
	xml := `<?xml version="1.0" encoding="UTF-16"?><property tag="0x80380102" type="PT_BINARY"><Value>cb: 2 lpb: 0201</Value></property>`
	u := utf16.Encode([]rune(xml))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	g, err := run(b, ModeAuto)
	require.NoError(t, err)
	require.Equal(t, got{[]byte{2, 1}, FormXML}, g)

	for _, m := range Modes() {
		back, ok := ParseMode(string(m))
		require.True(t, ok)
		require.Equal(t, m, back)
	}
}
