// Package propsgen turns the facts table mapi-properties.tsv (the copy
// committed in proptag/internal/data) into the Go source of proptag's
// property table, zz_generated.go. It checks every row as it goes
// (column count, kinds, numbers, types, property-set names against their
// GUIDs) and refuses a table it cannot read exactly, so a damaged or
// reshaped TSV fails `go generate` instead of producing a wrong table.
//
// The output depends only on the TSV bytes: rows stay in the file's order,
// and nothing else (time, paths, map order) reaches the output.
package propsgen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/guid"
)

// Header is the exact header row the generator reads.
const Header = "canonical\tkind\tid\tname_string\tset\tset_guid\ttypes\taliases\tarea\tsource"

// typeIdents maps each type name the TSV may use to the proptag constant it
// denotes. Spellings that are not MAPI header names map to the constant of
// the same type: PT_TSTRING is PT_UNICODE in a Unicode build, PT_R8 is
// PT_DOUBLE, and PT_GUID (printed on the Office page of
// PidTagFormDesignerGuid) is PtypGuid, whose MAPI name is PT_CLSID.
var typeIdents = map[string]string{
	"PT_I2": "PT_I2", "PT_SHORT": "PT_I2",
	"PT_LONG": "PT_LONG", "PT_I4": "PT_LONG",
	"PT_R4": "PT_R4", "PT_FLOAT": "PT_R4",
	"PT_DOUBLE": "PT_DOUBLE", "PT_R8": "PT_DOUBLE",
	"PT_CURRENCY": "PT_CURRENCY",
	"PT_APPTIME":  "PT_APPTIME",
	"PT_ERROR":    "PT_ERROR",
	"PT_BOOLEAN":  "PT_BOOLEAN",
	"PT_OBJECT":   "PT_OBJECT",
	"PT_I8":       "PT_I8", "PT_LONGLONG": "PT_I8",
	"PT_STRING8": "PT_STRING8",
	"PT_UNICODE": "PT_UNICODE", "PT_TSTRING": "PT_UNICODE",
	"PT_SYSTIME": "PT_SYSTIME",
	"PT_CLSID":   "PT_CLSID", "PT_GUID": "PT_CLSID",
	"PT_SVREID":       "PT_SVREID",
	"PT_SRESTRICTION": "PT_SRESTRICTION",
	"PT_ACTIONS":      "PT_ACTIONS",
	"PT_BINARY":       "PT_BINARY",
	"PT_MV_I2":        "PT_MV_I2",
	"PT_MV_LONG":      "PT_MV_LONG",
	"PT_MV_R4":        "PT_MV_R4",
	"PT_MV_DOUBLE":    "PT_MV_DOUBLE",
	"PT_MV_CURRENCY":  "PT_MV_CURRENCY",
	"PT_MV_APPTIME":   "PT_MV_APPTIME",
	"PT_MV_I8":        "PT_MV_I8",
	"PT_MV_STRING8":   "PT_MV_STRING8",
	"PT_MV_UNICODE":   "PT_MV_UNICODE", "PT_MV_TSTRING": "PT_MV_UNICODE",
	"PT_MV_SYSTIME": "PT_MV_SYSTIME",
	"PT_MV_CLSID":   "PT_MV_CLSID",
	"PT_MV_BINARY":  "PT_MV_BINARY",
}

// Row is one checked row of the TSV.
type Row struct {
	Line       int // 1-based line number in the file
	Canonical  string
	Kind       string // "tag", "lid" or "name"
	ID         uint32 // tag id or LID; 0 for "name"
	NameString string
	Set        string
	SetGUID    guid.GUID
	Types      []string // proptag constant names, normalised, in the file's order
	Aliases    []string
	Area       string
	Source     string
}

// Parse reads and checks the whole TSV.
func Parse(tsv []byte) ([]Row, error) {
	text := strings.TrimSuffix(string(tsv), "\n")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || strings.TrimSuffix(lines[0], "\r") != Header {
		return nil, fmt.Errorf("line 1: header is not %q", Header)
	}
	sets := map[string]guid.GUID{}
	for _, w := range guid.WellKnownGUIDs() {
		if w.Kind == "property set" {
			sets[w.Name] = w.GUID
		}
	}
	seen := map[string]int{}
	rows := make([]Row, 0, len(lines)-1)
	for i, line := range lines[1:] {
		n := i + 2
		line = strings.TrimSuffix(line, "\r")
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d columns, want 10", n, len(f))
		}
		r := Row{Line: n, Canonical: f[0], Kind: f[1], NameString: f[3], Set: f[4], Area: f[8], Source: f[9]}
		for _, s := range f {
			if err := checkText(s); err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
		}
		if !strings.HasPrefix(r.Canonical, "Pid") {
			return nil, fmt.Errorf("line %d: canonical name %q does not start with Pid", n, r.Canonical)
		}
		if prev, dup := seen[strings.ToLower(r.Canonical)]; dup {
			return nil, fmt.Errorf("line %d: canonical name %s already on line %d", n, r.Canonical, prev)
		}
		seen[strings.ToLower(r.Canonical)] = n
		switch r.Kind {
		case "tag":
			if f[3] != "" || f[4] != "" || f[5] != "" {
				return nil, fmt.Errorf("line %d: tag row %s has a name string or property set", n, r.Canonical)
			}
			id, err := parseHex16(f[2])
			if err != nil || id == 0 || id == 0xFFFF {
				return nil, fmt.Errorf("line %d: tag id %q is not a property id 0x0001–0xFFFE", n, f[2])
			}
			r.ID = id
		case "lid", "name":
			if r.Kind == "lid" {
				id, err := parseHex16(f[2])
				if err != nil || f[3] != "" {
					return nil, fmt.Errorf("line %d: lid row %s: LID %q, name string %q", n, r.Canonical, f[2], f[3])
				}
				r.ID = id
			} else if f[2] != "" || f[3] == "" {
				return nil, fmt.Errorf("line %d: name row %s: id %q, name string %q", n, r.Canonical, f[2], f[3])
			}
			g, err := guid.Parse(f[5])
			if err != nil {
				return nil, fmt.Errorf("line %d: set GUID %q: %v", n, f[5], err)
			}
			if known, ok := sets[r.Set]; !ok || known != g {
				return nil, fmt.Errorf("line %d: property set %s %s is not one the guid package names with that GUID", n, r.Set, f[5])
			}
			r.SetGUID = g
		default:
			return nil, fmt.Errorf("line %d: kind %q is not tag, lid or name", n, r.Kind)
		}
		if f[6] != "" {
			for _, t := range strings.Split(f[6], ",") {
				id, ok := typeIdents[t]
				if !ok {
					return nil, fmt.Errorf("line %d: unknown type %q", n, t)
				}
				r.Types = append(r.Types, id)
			}
		}
		if f[7] != "" {
			r.Aliases = strings.Split(f[7], ",")
			for _, a := range r.Aliases {
				if a == "" || strings.ContainsAny(a, " ,") {
					return nil, fmt.Errorf("line %d: alias %q", n, a)
				}
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// checkText refuses control characters and non-ASCII text: every name in the
// table is ASCII, which lets lookups lower-case a query byte by byte.
func checkText(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			return fmt.Errorf("byte 0x%02X in %q", s[i], s)
		}
	}
	if strings.TrimSpace(s) != s {
		return fmt.Errorf("space around %q", s)
	}
	return nil
}

func parseHex16(s string) (uint32, error) {
	if len(s) != 6 || s[:2] != "0x" {
		return 0, fmt.Errorf("%q is not 0xHHHH", s)
	}
	v, err := strconv.ParseUint(s[2:], 16, 16)
	return uint32(v), err
}

// PrimaryType is the type a property's Tag and Type carry: the Unicode form
// of a string property whatever order the source lists its types in, else
// the first type listed, else "" when no source gives one.
func PrimaryType(types []string) string {
	for _, t := range types {
		if t == "PT_UNICODE" || t == "PT_MV_UNICODE" {
			return t
		}
	}
	if len(types) > 0 {
		return types[0]
	}
	return ""
}

// GenerateFrom returns the Go source of the table for the TSV file at
// path; genprops and proptag's TestGenerated both run it.
func GenerateFrom(path string) ([]byte, error) {
	tsv, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Generate(tsv)
}

// Generate returns the gofmt-ed Go source of the table for tsv.
func Generate(tsv []byte) ([]byte, error) {
	rows, err := Parse(tsv)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(tsv)
	var b bytes.Buffer
	b.WriteString("// Code generated by genprops from mapi-properties.tsv; DO NOT EDIT.\n\n")
	b.WriteString("package proptag\n\n")
	b.WriteString("import \"github.com/mapiblob/mapiblob/guid\"\n\n")
	b.WriteString("// factsSHA256 is the SHA-256 of the mapi-properties.tsv the table was generated from.\n")
	fmt.Fprintf(&b, "const factsSHA256 = %q\n\n", hex.EncodeToString(sum[:]))

	// Property-set GUIDs as literals, so that the table needs no code at init.
	var setNames []string
	setGUIDs := map[string]guid.GUID{}
	for _, r := range rows {
		if r.Set != "" {
			if _, ok := setGUIDs[r.Set]; !ok {
				setNames = append(setNames, r.Set)
				setGUIDs[r.Set] = r.SetGUID
			}
		}
	}
	slices.Sort(setNames)
	b.WriteString("// Property sets of the table, as literals (the guid package names them too).\nvar (\n")
	for _, s := range setNames {
		g := setGUIDs[s]
		fmt.Fprintf(&b, "\tset%s = guid.GUID{", s)
		for i, c := range g {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "0x%02X", c)
		}
		fmt.Fprintf(&b, "} // %s\n", g)
	}
	b.WriteString(")\n\n")

	fmt.Fprintf(&b, "// table holds the %d rows of mapi-properties.tsv, in its order.\n", len(rows))
	b.WriteString("var table = [...]Property{\n")
	for _, r := range rows {
		b.WriteString("\t{")
		fmt.Fprintf(&b, "Name: %q", r.Canonical)
		pt := PrimaryType(r.Types)
		switch r.Kind {
		case "tag":
			b.WriteString(", Kind: KindTag")
			typ := uint32(0)
			if pt != "" {
				typ = typeValue(pt)
			}
			fmt.Fprintf(&b, ", Tag: 0x%04X%04X", r.ID, typ)
		case "lid":
			fmt.Fprintf(&b, ", Kind: KindLID, Set: set%s, LID: 0x%04X", r.Set, r.ID)
		case "name":
			fmt.Fprintf(&b, ", Kind: KindName, Set: set%s, NameString: %q", r.Set, r.NameString)
		}
		if pt != "" {
			fmt.Fprintf(&b, ", Type: %s, Types: []PropType{%s}", pt, strings.Join(r.Types, ", "))
		}
		if len(r.Aliases) > 0 {
			b.WriteString(", Aliases: []string{")
			for i, a := range r.Aliases {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q", a)
			}
			b.WriteString("}")
		}
		if r.Area != "" {
			fmt.Fprintf(&b, ", Area: %q", r.Area)
		}
		if s := Section(r.Source); s != "" {
			fmt.Fprintf(&b, ", Section: %q", s)
		}
		fmt.Fprintf(&b, ", Source: %q", r.Source)
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// Section turns the [MS-OXPROPS] part of a source cell ("…; MS-OXPROPS ~2.1033")
// into a citation ("[MS-OXPROPS] ~2.1033"), or "" when the row has none.
func Section(source string) string {
	for _, part := range strings.Split(source, ";") {
		part = strings.TrimSpace(part)
		if rest, ok := strings.CutPrefix(part, "MS-OXPROPS "); ok {
			return "[MS-OXPROPS] " + rest
		}
	}
	return ""
}

// typeValue is the numeric value of a proptag type constant the generator
// writes into a tag literal.
func typeValue(ident string) uint32 {
	v, ok := typeValues[ident]
	if !ok {
		panic("propsgen: no value for " + ident)
	}
	return v
}

var typeValues = map[string]uint32{
	"PT_I2": 0x0002, "PT_LONG": 0x0003, "PT_R4": 0x0004, "PT_DOUBLE": 0x0005,
	"PT_CURRENCY": 0x0006, "PT_APPTIME": 0x0007, "PT_ERROR": 0x000A, "PT_BOOLEAN": 0x000B,
	"PT_OBJECT": 0x000D, "PT_I8": 0x0014, "PT_STRING8": 0x001E, "PT_UNICODE": 0x001F,
	"PT_SYSTIME": 0x0040, "PT_CLSID": 0x0048, "PT_SVREID": 0x00FB, "PT_SRESTRICTION": 0x00FD,
	"PT_ACTIONS": 0x00FE, "PT_BINARY": 0x0102,
	"PT_MV_I2": 0x1002, "PT_MV_LONG": 0x1003, "PT_MV_R4": 0x1004, "PT_MV_DOUBLE": 0x1005,
	"PT_MV_CURRENCY": 0x1006, "PT_MV_APPTIME": 0x1007, "PT_MV_I8": 0x1014,
	"PT_MV_STRING8": 0x101E, "PT_MV_UNICODE": 0x101F, "PT_MV_SYSTIME": 0x1040,
	"PT_MV_CLSID": 0x1048, "PT_MV_BINARY": 0x1102,
}
