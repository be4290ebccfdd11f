package item

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/proptag"
)

// IsItemData reports whether b is an item file: an Outlook .msg, TNEF (raw
// or base64), an .eml with a TNEF part, or an MFCMAPI XML export read as a
// whole item. XML counts when byPath (a file named as such, not content
// given for its blobs), when it is a message export (IsMessage), or when
// it holds a property the blob decoders cannot read (a non-binary one, or
// one with no decoder). An XML export of decodable binary properties only
// is left to the blob readers.
func IsItemData(b []byte, byPath bool) bool {
	switch Format(b) {
	case "msg", "tnef", "tnef-base64", "eml":
		return true
	case "xml":
		if byPath {
			return true
		}
		items, err := readXML(b, "") // the properties, not decoded: only their types and names count
		if err != nil {
			return false
		}
		if xmlMessage(b, items) {
			return true
		}
		for _, p := range items[0].Properties {
			if p.Type() != proptag.PT_BINARY || p.Info == nil || p.Info.Decoder == blob.KindAuto {
				return true
			}
		}
	}
	return false
}

// IsMessage reports whether b is a whole message: an Outlook .msg, TNEF
// (raw or base64), a MIME mail (.eml; reading it needs a TNEF part), or an
// MFCMAPI XML export of
// a message (a <message> element, recipients, attachments, or several
// items). An export of a property pane (<properties>, one item's
// properties) is not: the web page shows its binary properties one by
// one, though IsItemData counts it when it has non-binary properties.
func IsMessage(b []byte) bool {
	switch Format(b) {
	case "msg", "tnef", "tnef-base64", "eml":
		return true
	case "xml":
		items, err := readXML(b, "") // the properties, not decoded: only their types and names count
		return err == nil && xmlMessage(b, items)
	}
	return false
}

// xmlMessage reports whether the items of an XML export are a message
// export rather than one property pane.
func xmlMessage(b []byte, items []*Item) bool {
	return len(items) != 1 || len(items[0].Recipients) > 0 || len(items[0].Attachments) > 0 ||
		bytes.Contains(bytes.ToLower(b), []byte("<message"))
}

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
// its value; a decoded blob's kind, and its text (or SmartView) indented
// under it; an unreadable one with its error; then the recipients; then a
// blank line. Embedded items are not written (walk All for them).
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
		case p.Err != nil:
			fmt.Fprintf(&b, "%s\n    error: %s\n", sv.Clip(p.Value.String(), 64), oneLine(p.Err.Error()))
		default:
			fmt.Fprintf(&b, "%s\n", sv.Clip(p.Value.String(), 200))
		}
	}
	for r, row := range it.Recipients {
		fmt.Fprintf(&b, "recipient %d:", r)
		for i := range row {
			fmt.Fprintf(&b, " %s=%s", row[i].Name(), row[i].Value.String())
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}
