// Package flagsgen turns the facts tables committed in internal/mfcprop/data
// (property-flags.tsv and named-flags.tsv, MFCMAPI's names of the values
// and bits of numeric properties, by property id and by property set and
// LID) into the Go source of package mfcprop's flag tables, zz_flags.go. It refuses a table it cannot read exactly: a wrong header,
// column count, property id, kind or number.
//
// The output depends only on the TSV: the tables stay in the order their
// property ids first appear, each table's entries in file order, which is
// the order they are matched in.
package flagsgen

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Header is the exact header row the generator reads.
const Header = "prop_id\tproperty\tflag_kind\tvalue_hex\tdisplay_name"

// kinds maps each flag_kind the table may use to package sv's constant for
// it.
var kinds = map[string]string{
	"flagFLAG":             "sv.FlagBit",
	"flagVALUE":            "sv.FlagValue",
	"flagCLEARBITS":        "sv.FlagClear",
	"flagVALUE3RDBYTE":     "sv.FlagByte1",
	"flagVALUE4THBYTE":     "sv.FlagByte0",
	"flagVALUEHIGHBYTES":   "sv.FlagHigh16",
	"flagVALUELOWERNIBBLE": "sv.FlagNibble",
}

// Row is one row of property-flags.tsv.
type Row struct {
	ID       uint16
	Property string
	Kind     string // the flag_kind column: flagFLAG…
	Value    uint32
	Name     string
}

// Parse reads property-flags.tsv. Errors name the line.
func Parse(tsv []byte) ([]Row, error) {
	text, ok := strings.CutSuffix(string(tsv), "\n")
	if !ok {
		return nil, fmt.Errorf("property-flags.tsv: does not end with a line break")
	}
	lines := strings.Split(text, "\n")
	if lines[0] != Header {
		return nil, fmt.Errorf("property-flags.tsv line 1: want the header %q", Header)
	}
	var out []Row
	for i, line := range lines[1:] {
		n := i + 2
		f := strings.Split(line, "\t")
		if len(f) != 5 || slices.Contains(f[:4], "") {
			// display_name is empty for a mask whose bits are shown as hex.
			return nil, fmt.Errorf("property-flags.tsv line %d: want 5 columns, the first 4 non-empty: %s", n, strconv.Quote(line))
		}
		id, err := parseHex(f[0], 16)
		if err != nil || len(f[0]) != 6 {
			return nil, fmt.Errorf("property-flags.tsv line %d: prop_id %q is not 0xHHHH", n, f[0])
		}
		if _, ok := kinds[f[2]]; !ok {
			return nil, fmt.Errorf("property-flags.tsv line %d: flag_kind %q is not one of MFCMAPI's", n, f[2])
		}
		v, err := parseHex(f[3], 32)
		if err != nil {
			return nil, fmt.Errorf("property-flags.tsv line %d: value_hex %q is not 0x and at most 8 hex digits", n, f[3])
		}
		out = append(out, Row{ID: uint16(id), Property: f[1], Kind: f[2], Value: uint32(v), Name: f[4]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("property-flags.tsv: no rows")
	}
	return out, nil
}

func parseHex(s string, bits int) (uint64, error) {
	hex, ok := strings.CutPrefix(s, "0x")
	if !ok {
		return 0, fmt.Errorf("%q lacks 0x", s)
	}
	return strconv.ParseUint(hex, 16, bits)
}

// NamedHeader is the exact header row of named-flags.tsv.
const NamedHeader = "named_set\tlid\tproperty\tflag_kind\tvalue_hex\tdisplay_name"

// sets are the property sets named-flags.tsv may name, by package guid's
// variable of each.
var sets = []string{"PSETID_Address", "PSETID_Appointment", "PSETID_Common", "PSETID_Log", "PSETID_Meeting", "PSETID_Note", "PSETID_Task"}

// NamedRow is one row of named-flags.tsv.
type NamedRow struct {
	Set string // PSETID_…
	LID uint32
	Row
}

// ParseNamed reads named-flags.tsv. Errors name the line.
func ParseNamed(tsv []byte) ([]NamedRow, error) {
	text, ok := strings.CutSuffix(string(tsv), "\n")
	if !ok {
		return nil, fmt.Errorf("named-flags.tsv: does not end with a line break")
	}
	lines := strings.Split(text, "\n")
	if lines[0] != NamedHeader {
		return nil, fmt.Errorf("named-flags.tsv line 1: want the header %q", NamedHeader)
	}
	var out []NamedRow
	for i, line := range lines[1:] {
		n := i + 2
		f := strings.Split(line, "\t")
		if len(f) != 6 || slices.Contains(f[:5], "") {
			return nil, fmt.Errorf("named-flags.tsv line %d: want 6 columns, the first 5 non-empty: %s", n, strconv.Quote(line))
		}
		if !slices.Contains(sets, f[0]) {
			return nil, fmt.Errorf("named-flags.tsv line %d: named_set %q is not one of %s", n, f[0], strings.Join(sets, ", "))
		}
		lid, err := parseHex(f[1], 32)
		if err != nil {
			return nil, fmt.Errorf("named-flags.tsv line %d: lid %q is not 0x and hex digits", n, f[1])
		}
		if _, ok := kinds[f[3]]; !ok {
			return nil, fmt.Errorf("named-flags.tsv line %d: flag_kind %q is not one of MFCMAPI's", n, f[3])
		}
		v, err := parseHex(f[4], 32)
		if err != nil {
			return nil, fmt.Errorf("named-flags.tsv line %d: value_hex %q is not 0x and at most 8 hex digits", n, f[4])
		}
		out = append(out, NamedRow{Set: f[0], LID: uint32(lid), Row: Row{Property: f[2], Kind: f[3], Value: uint32(v), Name: f[5]}})
	}
	return out, nil
}

// GenerateFrom returns the tables' source for the folder dir, which holds
// property-flags.tsv and named-flags.tsv; genflags and mfcprop's
// TestGenerated both run it.
func GenerateFrom(dir string) ([]byte, error) {
	tsv, err := os.ReadFile(filepath.Join(dir, "property-flags.tsv"))
	if err != nil {
		return nil, err
	}
	named, err := os.ReadFile(filepath.Join(dir, "named-flags.tsv"))
	if err != nil {
		return nil, err
	}
	return Generate(tsv, named)
}

// Generate returns the gofmt-ed source of the tables for the two TSVs.
func Generate(tsv, namedTSV []byte) ([]byte, error) {
	rows, err := Parse(tsv)
	if err != nil {
		return nil, err
	}
	named, err := ParseNamed(namedTSV)
	if err != nil {
		return nil, err
	}
	var ids []uint16
	byID := map[uint16][]Row{}
	for _, r := range rows {
		if _, ok := byID[r.ID]; !ok {
			ids = append(ids, r.ID)
		}
		byID[r.ID] = append(byID[r.ID], r)
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by genflags from property-flags.tsv and named-flags.tsv; DO NOT EDIT.\n\n")
	b.WriteString("package mfcprop\n\n")
	b.WriteString("import (\n\t\"github.com/mapiblob/mapiblob/guid\"\n\t\"github.com/mapiblob/mapiblob/internal/sv\"\n)\n\n")
	fmt.Fprintf(&b, "// flagsByID holds the flag tables of the %d property ids of data/property-flags.tsv, each in its order.\n", len(ids))
	b.WriteString("var flagsByID = map[uint16]sv.FlagTable{\n")
	for _, id := range ids {
		var props []string
		for _, r := range byID[id] {
			if !slices.Contains(props, r.Property) {
				props = append(props, r.Property)
			}
		}
		fmt.Fprintf(&b, "\t0x%04X: { // %s\n", id, strings.Join(props, ", "))
		for _, r := range byID[id] {
			fmt.Fprintf(&b, "\t\t{Kind: %s, Value: 0x%08X, Name: %q},\n", kinds[r.Kind], r.Value, r.Name)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n\n")
	type key struct {
		set string
		lid uint32
	}
	var keys []key
	byKey := map[key][]NamedRow{}
	for _, r := range named {
		k := key{r.Set, r.LID}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], r)
	}
	fmt.Fprintf(&b, "// namedFlags holds the flag tables of the %d named properties of data/named-flags.tsv, each in its order.\n", len(keys))
	b.WriteString("var namedFlags = map[namedKey]sv.FlagTable{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "\t{guid.%s, 0x%04X}: { // %s\n", k.set, k.lid, byKey[k][0].Property)
		for _, r := range byKey[k] {
			fmt.Fprintf(&b, "\t\t{Kind: %s, Value: 0x%08X, Name: %q},\n", kinds[r.Kind], r.Value, r.Name)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
