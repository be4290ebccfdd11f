package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/proptag"
)

const tagUsage = `mapiblob tag TAG|NAME
mapiblob tag --search WORD

Explains a property tag (0x80380102, 80380102) or names a property by its
canonical name or any other name (PidLidAppointmentRecur, dispidApptRecur,
LID_GLOBAL_OBJID, PR_START_DATE, PR_SUBJECT_A), case-insensitively: its tag,
or property set and LID or string name, types, other names, area and
defining reference.`

const tagExamples = `mapiblob tag 0x80380102
mapiblob tag dispidApptRecur
mapiblob tag PR_SUBJECT_A
mapiblob tag --search recur`

// version is the module's version as the build recorded it: the tag or
// pseudo-version of a module build (go install …@v1.2.3), else
// mapiblob.Version with the VCS revision when the build stamped one
// (0.1.0+1a2b3c4d5e6f, ".dirty" for uncommitted changes).
func version() string {
	v := mapiblob.Version
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		v += "+" + rev[:min(12, len(rev))]
		if modified == "true" {
			v += ".dirty"
		}
	}
	return v
}

func runTag(e *env, args []string) error {
	fs := newFlags("tag")
	search := fs.String("search", "", "list the properties whose canonical name, other names or string name contain `WORD`")
	rest, err := parseFlags(fs, args, tagUsage, e)
	if err != nil {
		return err
	}
	w := e.stdout
	if *search != "" {
		if len(rest) != 0 {
			return usageErr("tag --search takes no other argument (usage: %s)", firstLine(tagUsage))
		}
		return searchTags(w, *search)
	}
	if len(rest) != 1 {
		return usageErr("tag takes one tag or name (usage: %s)", firstLine(tagUsage))
	}
	s := strings.TrimSpace(rest[0])
	if p, t, ok := proptag.ByNameType(s); ok {
		writeProperty(w, p, t, s)
		return nil
	}
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 8 {
		msg := fmt.Sprintf("%q is neither an 8-digit hex property tag nor a known property name", s)
		if near := proptag.Suggest(s, 3); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		return invalidErr("%s", msg)
	}
	tag := proptag.PropTag(v)
	fmt.Fprintf(w, "tag:   %s\n", tag)
	fmt.Fprintf(w, "id:    0x%04X", tag.ID())
	switch {
	case tag.IsNamed():
		fmt.Fprintf(w, " (a named-property id: its meaning is store-specific; the store maps it to a property set and LID or name)\n")
	case tag.ID() == 0xFFFF:
		fmt.Fprintf(w, " (reserved)\n")
	default:
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "type:  %s (0x%04X)", tag.Type(), uint16(tag.Type()))
	if p := tag.Type().Ptyp(); p != "" {
		fmt.Fprintf(w, ", %s", p)
	}
	fmt.Fprintln(w)
	if p, ok := proptag.ByTag(tag); ok {
		fmt.Fprintln(w, "property:")
		writeProperty(w, p, tag.Type(), "")
		return nil
	}
	if p, ok := proptag.ByAddressBookTag(tag); ok {
		fmt.Fprintln(w, "in the address book, where this id is fixed:")
		writeProperty(w, p, tag.Type(), "")
		return nil
	}
	var others []string
	for p := range proptag.TagsWithID(tag.ID()) {
		others = append(others, fmt.Sprintf("%s (%s)", p.Name, joinTypes(p.Types)))
	}
	if len(others) > 0 {
		fmt.Fprintf(w, "no property of type %s has this id; with other types: %s\n", tag.Type(), strings.Join(others, ", "))
	}
	return nil
}

// searchTags lists the properties matching word, one per line, sorted by name.
func searchTags(w io.Writer, word string) error {
	n := 0
	lw := strings.ToLower(strings.TrimSpace(word))
	for p := range proptag.Search(word) {
		n++
		line := fmt.Sprintf("%-55s %s", p.DisplayName(), identity(p))
		if t := joinTypes(p.Types); t != "" {
			line += "  " + t
		}
		if !strings.Contains(strings.ToLower(p.Name), lw) {
			var hits []string
			for _, a := range p.Aliases {
				if strings.Contains(strings.ToLower(a), lw) {
					hits = append(hits, a)
				}
			}
			if strings.Contains(strings.ToLower(p.NameString), lw) {
				hits = append(hits, strconv.Quote(p.NameString))
			}
			if len(hits) > 0 && (p.Name != "" || len(hits) > 1 || hits[0] != p.DisplayName()) {
				line += "  (" + strings.Join(hits, ", ") + ")"
			}
		}
		fmt.Fprintln(w, line)
	}
	if n == 0 {
		return invalidErr("no property name contains %q", word)
	}
	return nil
}

// identity is a property's tag, (set, LID) or (set, name) in one short string.
func identity(p *proptag.Property) string {
	switch p.Kind {
	case proptag.KindLID:
		return fmt.Sprintf("%s LID 0x%04X", p.SetName(), p.LID)
	case proptag.KindName:
		return fmt.Sprintf("%s name %q", p.SetName(), p.NameString)
	}
	return fmt.Sprintf("tag %s", p.Tag)
}

func joinTypes(ts []proptag.PropType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}

// references spells out a property's source cell: "[MS-OXPROPS] 2.22" and
// the Office reference page.
func references(source string) string {
	var out []string
	for _, part := range strings.Split(source, ";") {
		part = strings.TrimSpace(part)
		switch {
		case strings.HasPrefix(part, "MS-OXPROPS "):
			out = append(out, "[MS-OXPROPS] "+strings.TrimPrefix(part, "MS-OXPROPS "))
		case strings.HasSuffix(part, ".md"):
			out = append(out, "Outlook MAPI reference "+part)
		case part != "":
			out = append(out, part)
		}
	}
	return strings.Join(out, "; ")
}

// writeProperty prints p; t is the type the query named (PR_SUBJECT_A:
// PT_STRING8), query the name asked for ("" for a tag).
func writeProperty(w io.Writer, p *proptag.Property, t proptag.PropType, query string) {
	fmt.Fprintf(w, "name:    %s\n", p.DisplayName())
	fmt.Fprintf(w, "kind:    %s\n", p.Kind)
	switch p.Kind {
	case proptag.KindLID:
		fmt.Fprintf(w, "set:     %s %s\n", p.SetName(), p.Set)
		fmt.Fprintf(w, "lid:     0x%04X (%d)\n", p.LID, p.LID)
	case proptag.KindName:
		fmt.Fprintf(w, "set:     %s %s\n", p.SetName(), p.Set)
		fmt.Fprintf(w, "string:  %s\n", p.NameString)
	default:
		tag := p.Tag
		if t != 0 {
			tag = proptag.NewTag(p.Tag.ID(), t)
		}
		fmt.Fprintf(w, "tag:     %s", tag)
		if tag != p.Tag && query != "" {
			fmt.Fprintf(w, " (%s: the %s form)", query, t)
		}
		fmt.Fprintln(w)
	}
	if p.Type != 0 {
		fmt.Fprintf(w, "type:    %s\n", p.Type)
	} else {
		fmt.Fprintf(w, "type:    (no source gives one)\n")
	}
	if len(p.Types) > 1 {
		fmt.Fprintf(w, "types:   %s\n", joinTypes(p.Types))
	}
	if len(p.Aliases) > 0 {
		fmt.Fprintf(w, "aliases: %s\n", strings.Join(p.Aliases, ", "))
	}
	if p.Area != "" {
		fmt.Fprintf(w, "area:    %s\n", p.Area)
	}
	if r := references(p.Source); r != "" {
		fmt.Fprintf(w, "defined: %s\n", r)
	}
	var same []string
	for q := range proptag.SameID(p) {
		same = append(same, q.DisplayName())
	}
	if len(same) > 0 {
		fmt.Fprintf(w, "same id: %s", strings.Join(same, ", "))
		if q := byIdentity(p); q != nil && q != p {
			fmt.Fprintf(w, " (lookups by id give %s)", q.DisplayName())
		}
		fmt.Fprintln(w)
	}
	if k := p.Decoder; k != blob.KindAuto {
		fmt.Fprintf(w, "decoder: %s (mapiblob decode --kind %s)\n", k, k)
	}
}

// byIdentity is what a lookup by p's own id finds.
func byIdentity(p *proptag.Property) *proptag.Property {
	var q *proptag.Property
	switch p.Kind {
	case proptag.KindLID:
		q, _ = proptag.ByLID(p.Set, p.LID)
	case proptag.KindName:
		q, _ = proptag.ByNameString(p.Set, p.NameString)
	default:
		q, _ = proptag.ByAddressBookTag(p.Tag)
	}
	return q
}
