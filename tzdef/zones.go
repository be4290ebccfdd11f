package tzdef

import (
	"encoding/binary"
	"unicode/utf16"
)

//go:generate go run ./internal/gencldr -in internal/data -o zz_zones_cldr.go

// IANAName returns the IANA zone CLDR maps a Windows time-zone key name to
// (its "001" territory, e.g. "Eastern Standard Time" → "America/New_York"),
// or "" when the name is unknown.
func IANAName(keyName string) string { return windowsToIANA[keyName] }

// WindowsName returns the Windows time-zone key name CLDR maps an IANA zone
// to (e.g. "Europe/Berlin" → "W. Europe Standard Time"), or "".
// Current IANA names are accepted for the older ones CLDR keys its table by.
func WindowsName(iana string) string {
	if w, ok := ianaToWindows[iana]; ok {
		return w
	}
	return ianaToWindows[cldrSpelling[iana]]
}

// cldrSpelling maps current IANA zone names to the older spellings of the
// same zones that CLDR's windowsZones uses.
var cldrSpelling = map[string]string{
	"Asia/Kolkata":                   "Asia/Calcutta",
	"Asia/Kathmandu":                 "Asia/Katmandu",
	"Asia/Ho_Chi_Minh":               "Asia/Saigon",
	"Asia/Yangon":                    "Asia/Rangoon",
	"Europe/Kyiv":                    "Europe/Kiev",
	"America/Nuuk":                   "America/Godthab",
	"Pacific/Kanton":                 "Pacific/Enderbury",
	"Atlantic/Faroe":                 "Atlantic/Faeroe",
	"America/Argentina/Buenos_Aires": "America/Buenos_Aires",
	"America/Argentina/Cordoba":      "America/Cordoba",
	"America/Indiana/Indianapolis":   "America/Indianapolis",
	"America/Kentucky/Louisville":    "America/Louisville",
	"Pacific/Pohnpei":                "Pacific/Ponape",
	"Pacific/Chuuk":                  "Pacific/Truk",
	"Asia/Dacca":                     "Asia/Dhaka",
	"Africa/Asmara":                  "Africa/Asmera",
	"America/Argentina/Catamarca":    "America/Catamarca",
	"America/Argentina/Jujuy":        "America/Jujuy",
	"America/Argentina/Mendoza":      "America/Mendoza",
	"America/Atikokan":               "America/Coral_Harbour",
}

// WindowsNames lists every Windows key name of CLDR's table.
func WindowsNames() []string {
	out := make([]string, 0, len(windowsToIANA))
	for k := range windowsToIANA {
		out = append(out, k)
	}
	return out
}

// windowsToIANA and ianaToWindows are in zz_zones_cldr.go, which go generate
// writes from CLDR (internal/data).

// keyNames maps each Windows key name to one shared copy of itself and its
// UTF-16LE form, so a decoder can use that string instead of allocating a
// new one per blob (and remember it by pointer without allocating either).
var keyNames = func() map[string]*knownName {
	m := make(map[string]*knownName, len(windowsToIANA))
	for k := range windowsToIANA {
		var u []byte
		for _, r := range utf16.Encode([]rune(k)) {
			u = binary.LittleEndian.AppendUint16(u, r)
		}
		m[k] = &knownName{s: k, utf16: string(u)}
	}
	return m
}()

// knownName is a Windows key name and its UTF-16LE encoding.
type knownName struct{ s, utf16 string }
