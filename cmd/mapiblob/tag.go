package main

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/proptag"
)

const tagUsage = `mapiblob tag TAG|NAME

Explains a property tag (0x80380102, 80380102) or names a property by its
canonical name or any older name (PidLidAppointmentRecur, dispidApptRecur,
LID_GLOBAL_OBJID, PR_START_DATE), case-insensitively.`

func version() string {
	v := mapiblob.Version
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return v
}

func runTag(e *env, args []string) error {
	fs := newFlags("tag")
	rest, err := parseFlags(fs, args, tagUsage, e)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErr("tag takes one tag or name (usage: %s)", firstLine(tagUsage))
	}
	s := strings.TrimSpace(rest[0])
	w := e.stdout
	if p, ok := proptag.ByName(s); ok {
		writeProperty(w, p)
		return nil
	}
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 8 {
		return invalidErr("%q is neither an 8-digit hex property tag nor a known property name", s)
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
		writeProperty(w, p)
	}
	return nil
}

func writeProperty(w interface{ Write([]byte) (int, error) }, p *proptag.Property) {
	fmt.Fprintf(w, "name:    %s\n", p.DisplayName())
	if p.IsNamed() {
		fmt.Fprintf(w, "set:     %s %s\n", p.SetName(), p.Set)
		fmt.Fprintf(w, "lid:     0x%04X (%d)\n", p.LID, p.LID)
	} else {
		fmt.Fprintf(w, "tag:     %s\n", p.Tag)
	}
	fmt.Fprintf(w, "type:    %s\n", p.Type)
	if len(p.Aliases) > 0 {
		fmt.Fprintf(w, "aliases: %s\n", strings.Join(p.Aliases, ", "))
	}
	if p.Section != "" {
		fmt.Fprintf(w, "defined: %s\n", p.Section)
	}
	if k := mapiblob.KindOf(p); k != "" {
		fmt.Fprintf(w, "decoder: %s (mapiblob decode --kind %s)\n", k, k)
	} else if p.Decoder != "" {
		fmt.Fprintf(w, "decoder: %s (not yet available)\n", p.Decoder)
	}
	if p.Note != "" {
		fmt.Fprintf(w, "note:    %s\n", p.Note)
	}
}
