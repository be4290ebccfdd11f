// Package mfcprop names property tags and types the way MFCMAPI's SmartView
// pane does, from this module's property table (package proptag): the
// names whose tag matches exactly first, then those that share only the
// property id, each group in byte order.
package mfcprop

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/proptag"
)

// TypeName is the type as MFCMAPI prints it: "PT_UNICODE", "PT_MV_LONG",
// "0x4100 | MV_INSTANCE", "0x0061" for a type without a name.
func TypeName(t uint16) string {
	const mvInstance = 0x2000
	if t&mvInstance != 0 {
		return TypeName(t&^mvInstance) + " | MV_INSTANCE"
	}
	pt := proptag.PropType(t)
	s := pt.String()
	if strings.HasPrefix(s, "PT_") && !strings.HasPrefix(s, "PT_MV(") {
		return s
	}
	return hex4(uint32(t))
}

// hex4 is "0x" and four lower-case hex digits, as MFCMAPI prints a type
// it has no name for.
func hex4(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	return "0x" + s
}

// Names lists the names of tag: those whose tag is tag exactly, then those
// that share its id with another type, each in byte order. A named
// property's id (0x8000 up) has no fixed name and gives none.
func Names(tag uint32) (exact, partial []string) {
	id, typ := uint16(tag>>16), proptag.PropType(tag)
	if id == 0 {
		// MFCMAPI reads a tag with id 0 as an id alone.
		id, typ = uint16(tag), proptag.PT_UNSPECIFIED
	}
	if id >= 0x8000 || id == 0 {
		return nil, nil
	}
	if names, ok := mfcNames[id]; ok {
		for _, n := range names {
			if typ != proptag.PT_UNSPECIFIED && n.typ == typ {
				exact = append(exact, n.name)
			} else {
				partial = append(partial, n.name)
			}
		}
		return exact, partial
	}
	seen := map[string]bool{}
	for p := range proptag.TagsWithID(id) {
		names := append([]string{p.Name}, p.Aliases...)
		for _, n := range names {
			if n == "" || seen[n] || !isTagName(n) {
				continue
			}
			seen[n] = true
			if typ != proptag.PT_UNSPECIFIED && nameType(p, n) == typ {
				exact = append(exact, n)
			} else {
				partial = append(partial, n)
			}
		}
	}
	slices.Sort(exact)
	slices.Sort(partial)
	return exact, partial
}

// isTagName reports whether n is a name MFCMAPI gives a tag: PR_, PidTag
// and ptag names.
func isTagName(n string) bool {
	return strings.HasPrefix(n, "PR_") || strings.HasPrefix(n, "PidTag") || strings.HasPrefix(n, "ptag")
}

// nameType is the type a name stands for: PR_…_A the 8-bit string, every
// other name of a string property the Unicode one (MFCMAPI is a Unicode
// build), any name of another property its type.
func nameType(p *proptag.Property, n string) proptag.PropType {
	str, mv := false, false
	for _, t := range p.Types {
		switch t {
		case proptag.PT_STRING8, proptag.PT_UNICODE:
			str = true
		case proptag.PT_MV_STRING8, proptag.PT_MV_UNICODE:
			str, mv = true, true
		}
	}
	if !str {
		return p.Type
	}
	base := proptag.PT_UNICODE
	if strings.HasPrefix(n, "PR_") && strings.HasSuffix(n, "_A") {
		base = proptag.PT_STRING8
	}
	if mv {
		return base | proptag.MV_FLAG
	}
	return base
}

// Best is the first name of tag and the others, exact matches first; ok
// is false when the table has none.
func Best(tag uint32) (name string, others []string, ok bool) {
	exact, partial := Names(tag)
	all := append(exact, partial...)
	if len(all) == 0 {
		return "", nil, false
	}
	return all[0], all[1:], true
}

// TagLine is the one-line form MFCMAPI gives a tag inside a structure:
// "0x0C1F001F (PT_UNICODE): PR_SENDER_EMAIL_ADDRESS: (PR_SENDER_EMAIL_ADDRESS_W, …)".
func TagLine(tag uint32) string {
	s := Hex8(tag) + " (" + TypeName(uint16(tag)) + ")"
	if name, others, ok := Best(tag); ok {
		s += ": " + name
		if len(others) > 0 {
			s += ": (" + strings.Join(others, ", ") + ")"
		}
	}
	return s
}

// Hex8 is "0x" and eight upper-case hex digits.
func Hex8(v uint32) string {
	s := strings.ToUpper(strconv.FormatUint(uint64(v), 16))
	for len(s) < 8 {
		s = "0" + s
	}
	return "0x" + s
}

// NamedNames lists the names of the named properties with long id lid in
// any property set: each canonical name, then its other names.
func NamedNames(lid uint32) []string {
	var out []string
	for p := range proptag.Properties() {
		if p.Kind == proptag.KindLID && p.LID == lid {
			if p.Name != "" {
				out = append(out, p.Name)
			}
			out = append(out, p.Aliases...)
		}
	}
	return out
}
