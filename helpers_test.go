package mapiblob

import (
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

func mustDate(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func hexString(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }

func itoa(n int) string { return strconv.Itoa(n) }
