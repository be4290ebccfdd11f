package tzdef

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// IANA's current names find the Windows zone CLDR lists
// under an older spelling of the same zone.
func TestWindowsNameCurrentSpellings(t *testing.T) {
	for current, old := range map[string]string{
		"Africa/Asmara":                  "Africa/Asmera",
		"America/Argentina/Catamarca":    "America/Catamarca",
		"America/Argentina/Jujuy":        "America/Jujuy",
		"America/Argentina/Mendoza":      "America/Mendoza",
		"America/Atikokan":               "America/Coral_Harbour",
		"America/Argentina/Buenos_Aires": "America/Buenos_Aires",
		"America/Argentina/Cordoba":      "America/Cordoba",
		"America/Nuuk":                   "America/Godthab",
		"America/Indiana/Indianapolis":   "America/Indianapolis",
		"America/Kentucky/Louisville":    "America/Louisville",
		"Asia/Kolkata":                   "Asia/Calcutta",
		"Asia/Kathmandu":                 "Asia/Katmandu",
		"Asia/Yangon":                    "Asia/Rangoon",
		"Asia/Ho_Chi_Minh":               "Asia/Saigon",
		"Atlantic/Faroe":                 "Atlantic/Faeroe",
		"Europe/Kyiv":                    "Europe/Kiev",
		"Pacific/Kanton":                 "Pacific/Enderbury",
		"Pacific/Pohnpei":                "Pacific/Ponape",
		"Pacific/Chuuk":                  "Pacific/Truk",
	} {
		_, err := time.LoadLocation(current)
		require.NoError(t, err, "%s is a zone of the IANA database", current)
		want := ianaToWindows[old]
		require.NotEmpty(t, want, "CLDR lists %s", old)
		require.Equal(t, want, WindowsName(current), current)
	}
	require.Equal(t, "E. Africa Standard Time", WindowsName("Africa/Asmara"))
	require.Equal(t, "SA Pacific Standard Time", WindowsName("America/Atikokan"))
}
