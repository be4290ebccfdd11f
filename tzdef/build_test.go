package tzdef

import (
	"bytes"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/internal/golden"
)

// goldenZones covers both hemispheres, zones without daylight saving,
// half-hour and 45-minute offsets, a 30-minute daylight shift, and zones
// whose rules changed (New York 2007, Moscow 2011 and 2014, Tehran 2022,
// São Paulo 2019).
var goldenZones = []string{
	"America/New_York", "Europe/Berlin", "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo",
	"Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Moscow", "Asia/Tehran",
	"America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham",
}

func fileName(zone string) string { return strings.ReplaceAll(zone, "/", "_") + ".tzdef.hex" }

func TestGoldenZones(t *testing.T) {
	for _, zone := range goldenZones {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Skipf("zone database lacks %s: %v", zone, err)
			}
			key := WindowsName(zone)
			if key == "" {
				t.Fatalf("CLDR has no Windows name for %s", zone)
			}
			d, tz, err := FromLocation(loc, key, 2000, 2037)
			if err != nil {
				t.Fatal(err)
			}
			b, err := d.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			// A difference here can also mean the zone database changed.
			golden.CheckHex(t, filepath.Join("..", "testdata", "tz", fileName(zone)), b)
			// Round trip, no findings, consistent with its TimeZoneStruct.
			d2, err := Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if out, _ := d2.MarshalBinary(); !bytes.Equal(out, b) {
				t.Error("round trip differs")
			}
			if fs := d2.Check(); len(fs) != 0 {
				t.Errorf("findings: %v", fs)
			}
			if !d2.ConsistentWith(tz) || len(d2.CheckAgainst(tz)) != 0 {
				t.Error("TimeZoneStruct does not match the R rule")
			}
			if len(d2.ForDisplay().CheckAgainst(tz)) != 1 {
				t.Error("ForDisplay kept the R flag")
			}
			compareOffsets(t, d2, loc, 2000, 2037)
		})
	}
}

// compareOffsets checks the definition's Location against loc every six hours.
func compareOffsets(t *testing.T, d *Definition, loc *time.Location, first, last int) int {
	t.Helper()
	ours, err := d.Location()
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for u := time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC); u.Year() <= last; u = u.Add(6 * time.Hour) {
		_, a := u.In(ours).Zone()
		_, b := u.In(loc).Zone()
		if a != b {
			if bad < 3 {
				t.Errorf("%s at %v: %d, zone database %d", loc, u, a, b)
			}
			bad++
		}
	}
	return bad
}

// Every Windows zone of CLDR's "001" mapping: FromLocation then Location
// gives Go's offsets at every six hours of 2000–2037, unless a year cannot be
// expressed; those zones are listed and counted.
func TestAllWindowsZones(t *testing.T) {
	names := WindowsNames()
	sort.Strings(names)
	var refused []string
	checked := 0
	for _, key := range names {
		loc, err := time.LoadLocation(IANAName(key))
		if err != nil {
			continue
		}
		d, _, err := FromLocation(loc, key, 2000, 2037)
		if err != nil {
			if !errors.Is(err, ErrNotExpressible) {
				t.Errorf("%s: %v", key, err)
			}
			refused = append(refused, key+" ("+err.Error()+")")
			continue
		}
		checked++
		compareOffsets(t, d, loc, 2000, 2037)
	}
	t.Logf("%d zones checked; %d cannot be expressed:\n%s", checked, len(refused), strings.Join(refused, "\n"))
	if checked < 120 {
		t.Errorf("only %d zones checked", checked)
	}
	if len(refused) != expectedRefused {
		t.Errorf("%d zones cannot be expressed, expected %d:\n%s", len(refused), expectedRefused, strings.Join(refused, "\n"))
	}
}

func TestFromWindowsName(t *testing.T) {
	d, tz, err := FromWindowsName("Atlantic Standard Time", 2000, 2037)
	if err != nil {
		t.Fatal(err)
	}
	if d.KeyName != "Atlantic Standard Time" || tz.Bias != 240 || tz.DaylightBias != -60 {
		t.Errorf("%+v %+v", d, tz)
	}
	if _, _, err := FromWindowsName("Nowhere Standard Time", 2000, 2037); err == nil {
		t.Error("unknown name accepted")
	}
	casa, err := time.LoadLocation("Africa/Casablanca")
	if err == nil {
		_, _, err = FromLocation(casa, "Morocco Standard Time", 2011, 2013)
		if !errors.Is(err, ErrNotExpressible) || !strings.Contains(err.Error(), "2012") {
			t.Errorf("Casablanca 2012 (Ramadan break): %v", err)
		}
	}
}
