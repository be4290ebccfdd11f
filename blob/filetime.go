package blob

import (
	"math"
	"time"
)

// FileTime is a Windows FILETIME: 100-nanosecond intervals since 1601-01-01
// UTC (PT_SYSTIME properties, GlobalObjectId's CreationTime).
type FileTime uint64

// unixEpoch is 1970-01-01 in seconds since 1601-01-01.
const unixEpoch = 11644473600

// Time is the instant, in UTC.
func (ft FileTime) Time() time.Time {
	return time.Unix(int64(ft/1e7)-unixEpoch, int64(ft%1e7)*100).UTC()
}

// FileTimeOf is t as a FILETIME, truncated to 100 ns; 0 for times before
// 1601 or the zero time.
func FileTimeOf(t time.Time) FileTime {
	if t.IsZero() {
		return 0
	}
	s := t.Unix() + unixEpoch
	if s < 0 || uint64(s) > math.MaxUint64/10_000_000 {
		return 0
	}
	v, frac := uint64(s)*1e7, uint64(t.Nanosecond()/100)
	if v > math.MaxUint64-frac {
		return 0
	}
	return FileTime(v + frac)
}
