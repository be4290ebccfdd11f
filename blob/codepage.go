package blob

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// CodePage is a Windows code page number (PidTagInternetCodepage,
// PidTagMessageCodepage). Zero means the default, windows-1252.
type CodePage uint32

// DefaultCodePage is the code page used when none is known.
const DefaultCodePage CodePage = 1252

type entry struct {
	cp    CodePage
	names []string
	enc   encoding.Encoding
}

var table = []entry{
	{874, []string{"windows-874", "cp874"}, charmap.Windows874},
	{932, []string{"shift_jis", "cp932", "windows-31j", "sjis"}, japanese.ShiftJIS},
	{936, []string{"gbk", "cp936", "gb2312"}, simplifiedchinese.GBK},
	{949, []string{"euc-kr", "cp949", "ks_c_5601-1987"}, korean.EUCKR},
	{950, []string{"big5", "cp950"}, traditionalchinese.Big5},
	{1250, []string{"windows-1250", "cp1250"}, charmap.Windows1250},
	{1251, []string{"windows-1251", "cp1251"}, charmap.Windows1251},
	{1252, []string{"windows-1252", "cp1252"}, charmap.Windows1252},
	{1253, []string{"windows-1253", "cp1253"}, charmap.Windows1253},
	{1254, []string{"windows-1254", "cp1254"}, charmap.Windows1254},
	{1255, []string{"windows-1255", "cp1255"}, charmap.Windows1255},
	{1256, []string{"windows-1256", "cp1256"}, charmap.Windows1256},
	{1257, []string{"windows-1257", "cp1257"}, charmap.Windows1257},
	{1258, []string{"windows-1258", "cp1258"}, charmap.Windows1258},
	{20866, []string{"koi8-r"}, charmap.KOI8R},
	{21866, []string{"koi8-u"}, charmap.KOI8U},
	{20932, []string{"euc-jp"}, japanese.EUCJP},
	{50220, []string{"iso-2022-jp"}, japanese.ISO2022JP},
	{51949, []string{"euc-kr-51949"}, korean.EUCKR},
	{54936, []string{"gb18030"}, simplifiedchinese.GB18030},
	{28591, []string{"iso-8859-1", "latin1"}, charmap.ISO8859_1},
	{28592, []string{"iso-8859-2"}, charmap.ISO8859_2},
	{28593, []string{"iso-8859-3"}, charmap.ISO8859_3},
	{28594, []string{"iso-8859-4"}, charmap.ISO8859_4},
	{28595, []string{"iso-8859-5"}, charmap.ISO8859_5},
	{28596, []string{"iso-8859-6"}, charmap.ISO8859_6},
	{28597, []string{"iso-8859-7"}, charmap.ISO8859_7},
	{28598, []string{"iso-8859-8"}, charmap.ISO8859_8},
	{28599, []string{"iso-8859-9"}, charmap.ISO8859_9},
	{28603, []string{"iso-8859-13"}, charmap.ISO8859_13},
	{28605, []string{"iso-8859-15"}, charmap.ISO8859_15},
	{65001, []string{"utf-8", "utf8"}, nil},
}

// ParseCodePage reads a code page by number ("932", "cp932") or name ("shift_jis",
// "windows-1252"), case-insensitively.
func ParseCodePage(s string) (CodePage, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	n := strings.TrimPrefix(strings.TrimPrefix(s, "cp"), "windows-")
	if v, err := strconv.ParseUint(n, 10, 32); err == nil {
		for _, e := range table {
			if e.cp == CodePage(v) {
				return e.cp, true
			}
		}
		return 0, false
	}
	for _, e := range table {
		for _, name := range e.names {
			if name == s {
				return e.cp, true
			}
		}
	}
	return 0, false
}

// String is the code page's usual name ("windows-1252", "shift_jis"), or
// "cpN" for a number this package does not know.
func (cp CodePage) String() string {
	if cp == 0 {
		cp = DefaultCodePage
	}
	for _, e := range table {
		if e.cp == cp {
			return e.names[0]
		}
	}
	return "cp" + strconv.Itoa(int(cp))
}

// Decode turns 8-bit text in code page cp into a string. Pure ASCII is
// returned without conversion. Bytes the code page does not define become
// U+FFFD, except in windows-1252, whose five undefined bytes map to the C1
// controls of the same value, so that no byte is lost.
func (cp CodePage) Decode(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	if cp == 0 {
		cp = DefaultCodePage
	}
	if cp == 65001 {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if cp == 1252 {
		return decode1252(b)
	}
	for _, e := range table {
		if e.cp == cp && e.enc != nil {
			out, err := e.enc.NewDecoder().Bytes(b)
			if err == nil {
				return string(out)
			}
			break
		}
	}
	return decode1252(b)
}

func decode1252(b []byte) string {
	out := make([]byte, 0, len(b)+len(b)/2)
	for _, c := range b {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			r = rune(c)
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

// Encode turns s into 8-bit text in code page cp; ok is false when a
// character has no encoding there.
func (cp CodePage) Encode(s string) ([]byte, bool) {
	if cp == 0 {
		cp = DefaultCodePage
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || cp == 65001 {
		return []byte(s), true
	}
	if cp == 1252 {
		out := make([]byte, 0, len(s))
		for _, r := range s {
			if r < 0x80 {
				out = append(out, byte(r))
				continue
			}
			c, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				if r >= 0x80 && r < 0xA0 { // the C1 stand-ins of Decode
					c, ok = byte(r), true
				} else {
					return nil, false
				}
			}
			out = append(out, c)
		}
		return out, true
	}
	for _, e := range table {
		if e.cp == cp && e.enc != nil {
			out, err := e.enc.NewEncoder().Bytes([]byte(s))
			return out, err == nil
		}
	}
	return nil, false
}
