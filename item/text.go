package item

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mapiblob/mapiblob/internal/sv"
)

// TextLabel names the item in text output: its Label, and its message
// class in parentheses when it has one.
func (it *Item) TextLabel() string {
	l := it.Label()
	if c := it.MessageClass(); c != "" {
		l += " (" + c + ")"
	}
	return l
}

// WriteText writes the item for people, as `mapiblob decode` prints it: a
// heading ("== " and TextLabel), then each property by name and type with
// its value (and a number's name from MFCMAPI's flag tables, FlagText); a
// decoded blob's kind, and its text (or SmartView) indented under it; an
// unreadable one with its error; then the recipients; then a blank line. Embedded items are not written (walk All for them).
func (it *Item) WriteText(w io.Writer, smartview bool) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "== %s\n", it.TextLabel())
	for i := range it.Properties {
		p := &it.Properties[i]
		fmt.Fprintf(&b, "%s (%s): ", p.Name(), p.Type())
		switch {
		case p.Decoded != nil:
			text := p.Decoded.Text()
			if smartview {
				text = p.Decoded.SmartView()
			}
			fmt.Fprintf(&b, "%s\n", p.Decoded.Kind)
			for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
				fmt.Fprintf(&b, "    %s\n", l)
			}
		case p.DecodedValues != nil:
			fmt.Fprintf(&b, "%d values\n", len(p.DecodedValues))
			for j, r := range p.DecodedValues {
				if r == nil {
					fmt.Fprintf(&b, "    [%d] %s\n", j, sv.Clip(p.Value.Multi[j].String(), 64))
					continue
				}
				text := r.Text()
				if smartview {
					text = r.SmartView()
				}
				fmt.Fprintf(&b, "    [%d] %s\n", j, r.Kind)
				for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
					fmt.Fprintf(&b, "        %s\n", l)
				}
			}
			if p.Err != nil {
				fmt.Fprintf(&b, "    error: %s\n", oneLine(p.Err.Error()))
			}
		case p.Err != nil:
			fmt.Fprintf(&b, "%s\n    error: %s\n", sv.Clip(p.Value.String(), 64), oneLine(p.Err.Error()))
		default:
			fmt.Fprintf(&b, "%s", sv.Clip(p.Value.String(), 200))
			if f, ok := p.FlagText(); ok {
				fmt.Fprintf(&b, " = %s", f)
			}
			b.WriteByte('\n')
		}
	}
	for r, row := range it.Recipients {
		fmt.Fprintf(&b, "recipient %d:", r)
		for i := range row {
			fmt.Fprintf(&b, " %s=%s", row[i].Name(), row[i].Value.String())
			if f, ok := row[i].FlagText(); ok {
				fmt.Fprintf(&b, " (%s)", f)
			}
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}
