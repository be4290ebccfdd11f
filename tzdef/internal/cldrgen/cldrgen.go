// Package cldrgen turns the Windows ↔ IANA facts table committed in
// tzdef/internal/data (windows-zones.tsv, made from CLDR's
// supplemental/windowsZones.json by TableFromJSON) into the Go source of
// tzdef's zone table, zz_zones_cldr.go. Nothing is fetched.
//
// The output depends only on the table and the version: entries are
// sorted, and where CLDR maps an IANA zone to several Windows names the
// "001" territory's wins, else the first in the table.
package cldrgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

type windowsZones struct {
	Supplemental struct {
		Version struct {
			CLDR string `json:"_cldrVersion"`
		} `json:"version"`
		WindowsZones struct {
			MapTimezones []struct {
				MapZone struct {
					Other     string `json:"_other"`
					Type      string `json:"_type"`
					Territory string `json:"_territory"`
				} `json:"mapZone"`
			} `json:"mapTimezones"`
		} `json:"windowsZones"`
	} `json:"supplemental"`
}

// Mapping is one row of the table: a Windows key name in one territory and
// the IANA zones CLDR gives it there.
type Mapping struct {
	Windows   string
	Territory string
	IANA      []string
}

const tableHeader = "windows\tterritory\tiana"

// TableFromJSON turns CLDR's windowsZones.json into the facts table
// windows-zones.tsv, with the version of the cldr-core package it came
// from in its comment. It is how a newer CLDR release is taken (see
// tzdef/internal/data/README.md); generating never reads JSON.
func TableFromJSON(windowsZonesJSON []byte, version string) ([]byte, error) {
	if !versionForm.MatchString(version) {
		return nil, fmt.Errorf("version %q: want the cldr-core package version, such as 48.2.0", version)
	}
	var wz windowsZones
	if err := json.Unmarshal(windowsZonesJSON, &wz); err != nil {
		return nil, fmt.Errorf("windowsZones.json: %w", err)
	}
	cldr := wz.Supplemental.Version.CLDR
	if cldr == "" || version != cldr && !strings.HasPrefix(version, cldr+".") {
		return nil, fmt.Errorf("version %s is not a release of the file's CLDR version %q", version, cldr)
	}
	maps := wz.Supplemental.WindowsZones.MapTimezones
	if len(maps) == 0 {
		return nil, fmt.Errorf("windowsZones.json: no supplemental.windowsZones.mapTimezones")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The Windows time zones and the IANA zones of each territory, as CLDR %s (the npm package\n", cldr)
	fmt.Fprintf(&b, "# cldr-core %s, supplemental/windowsZones.json) maps them, in CLDR's order: one row per\n", version)
	b.WriteString("# Windows key name and territory; the IANA zones separated by spaces. tzdef/internal/cldrgen\n")
	b.WriteString("# reads it; see README.md beside it for how to take a newer release.\n")
	b.WriteString(tableHeader + "\n")
	for i, m := range maps {
		z := m.MapZone
		if z.Other == "" || z.Type == "" || z.Territory == "" {
			return nil, fmt.Errorf("windowsZones.json: mapTimezones[%d] lacks _other, _type or _territory", i)
		}
		if strings.ContainsAny(z.Other+z.Territory+z.Type, "\t\n") {
			return nil, fmt.Errorf("windowsZones.json: mapTimezones[%d] holds a tab or a line break", i)
		}
		b.WriteString(z.Other + "\t" + z.Territory + "\t" + z.Type + "\n")
	}
	return b.Bytes(), nil
}

// ParseTable reads windows-zones.tsv: comment lines starting with #, the
// header, then one Mapping per line. Errors name the line.
func ParseTable(tsv []byte) ([]Mapping, error) {
	var out []Mapping
	header := false
	for i, line := range strings.Split(strings.TrimSuffix(string(tsv), "\n"), "\n") {
		n := i + 1
		if strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			if line != tableHeader {
				return nil, fmt.Errorf("windows-zones.tsv line %d: want the header %q", n, tableHeader)
			}
			header = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || strings.TrimSpace(f[2]) == "" {
			return nil, fmt.Errorf("windows-zones.tsv line %d: want three columns, windows, territory and iana: %s", n, strconv.Quote(line))
		}
		out = append(out, Mapping{Windows: f[0], Territory: f[1], IANA: strings.Fields(f[2])})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("windows-zones.tsv: no mappings")
	}
	return out, nil
}

// GenerateFrom returns the table's source for the folder dir, which holds
// windows-zones.tsv and VERSION, the version of the npm package cldr-core
// the table comes from; gencldr and tzdef's TestGenerated both run it.
func GenerateFrom(dir string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, "windows-zones.tsv"))
	if err != nil {
		return nil, err
	}
	version, err := os.ReadFile(filepath.Join(dir, "VERSION"))
	if err != nil {
		return nil, err
	}
	return Generate(data, strings.TrimSpace(string(version)))
}

var versionForm = regexp.MustCompile(`\A[0-9]+\.[0-9]+\.[0-9]+\z`)

// Generate returns the gofmt-ed source of the table for windows-zones.tsv
// of cldr-core version.
func Generate(tsv []byte, version string) ([]byte, error) {
	if !versionForm.MatchString(version) {
		return nil, fmt.Errorf("version %q: want the cldr-core package version, such as 48.2.0", version)
	}
	maps, err := ParseTable(tsv)
	if err != nil {
		return nil, err
	}
	primary := map[string]string{}
	toWindows := map[string]string{}
	for _, m := range maps {
		if m.Territory == "001" {
			primary[m.Windows] = strings.Join(m.IANA, " ")
		}
		for _, iana := range m.IANA {
			if _, dup := toWindows[iana]; !dup || m.Territory == "001" {
				toWindows[iana] = m.Windows
			}
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gencldr from CLDR %s supplemental/windowsZones.json (npm package cldr-core %s); DO NOT EDIT.\n\n", version, version)
	fmt.Fprintf(&b, "package tzdef\n\n// CLDRVersion is the CLDR release the Windows ↔ IANA table comes from.\nconst CLDRVersion = %q\n\n", version)
	b.WriteString("// windowsToIANA maps each Windows key name to the IANA zone of its \"001\" territory.\n")
	b.WriteString("var windowsToIANA = map[string]string{\n")
	for _, k := range sortedKeys(primary) {
		fmt.Fprintf(&b, "\t%q: %q,\n", k, primary[k])
	}
	b.WriteString("}\n\n// ianaToWindows maps every IANA zone CLDR lists to its Windows key name.\n")
	b.WriteString("var ianaToWindows = map[string]string{\n")
	for _, k := range sortedKeys(toWindows) {
		fmt.Fprintf(&b, "\t%q: %q,\n", k, toWindows[k])
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func sortedKeys(m map[string]string) []string {
	ks := slices.Sorted(maps.Keys(m))
	return ks
}
