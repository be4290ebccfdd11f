// Package guidtext writes the text of `mapiblob guid`, which the web page
// shows too: a GUID in every form, and the mailboxes of an ExMerge.log
// with what sets each one's GUID back in Active Directory.
package guidtext

import (
	"fmt"
	"io"
	"strings"

	"github.com/mapiblob/mapiblob/guid"
)

// WriteGUID writes how the text was read (when d is not nil), g in every
// form of guid.Forms, one "form: value" line each, and g's well-known name
// when it has one.
func WriteGUID(w io.Writer, g guid.GUID, d *guid.Detail) {
	if d != nil {
		note := d.String()
		if d.Ambiguous {
			note += " (--as string for that)"
		}
		fmt.Fprintf(w, "%-11s %s\n", "read as:", note)
	}
	writeForms(w, "", g)
	if n := g.Name(); n != "" {
		fmt.Fprintf(w, "%-11s %s\n", "name:", n)
	}
}

func writeForms(w io.Writer, indent string, g guid.GUID) {
	for _, f := range guid.Forms() {
		fmt.Fprintf(w, "%s%-11s %s\n", indent, f.String()+":", g.Format(f))
	}
}

// WriteExMerge writes each record of an ExMerge.log (the lines whose GUID
// decoded) as a block: the line number and legacyExchangeDN, the GUID in
// every form, and the PowerShell command and LDIF that set it; a blank
// line separates two blocks. When there are no records it writes that
// source holds no unidentified mailboxes, unless source is "": give ""
// when lines were refused or the scan stopped, as it would not be true.
func WriteExMerge(w io.Writer, recs []guid.ExMergeRecord, source string) {
	if len(recs) == 0 && source != "" {
		fmt.Fprintln(w, "no unidentified mailboxes in", source)
	}
	for i, r := range recs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "line %d: %s\n", r.Line, r.LegacyExchangeDN)
		writeForms(w, "  ", r.GUID)
		ps := r.PowerShell()
		if ps == "" {
			fmt.Fprintln(w, "  the line names no legacyExchangeDN: find the user by other means")
			continue
		}
		fmt.Fprintf(w, "  set with:   %s\n", ps)
		fmt.Fprintf(w, "  or LDIF:\n    %s\n", strings.ReplaceAll(strings.TrimSuffix(r.LDIF(), "\n"), "\n", "\n    "))
	}
}
