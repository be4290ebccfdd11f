package itemfile

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/pst"
	"github.com/mapiblob/mapiblob/item/tnef"
	"github.com/mapiblob/mapiblob/proptag"
)

// ErrNotItem is returned by Read for content that is none of the item
// formats.
var ErrNotItem = errors.New("not an item file: neither an Outlook .msg, TNEF (raw or base64), an .eml with a TNEF part, nor an MFCMAPI XML export")

// Format names the item format of b: "msg", "tnef", "tnef-base64", "eml",
// "xml", "pst" (a PST or OST file), or "" for none.
func Format(b []byte) string {
	switch {
	case msg.Is(b):
		return "msg"
	case pst.Is(b):
		return "pst"
	case tnef.Is(b):
		return "tnef"
	}
	text, ok := input.TextOf(b)
	if !ok {
		return ""
	}
	t := strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n")
	switch {
	case strings.HasPrefix(t, "<"):
		return "xml"
	case strings.HasPrefix(t, "eJ8+I"): // 78 9F 3E 22, the TNEF signature
		return "tnef-base64"
	case looksLikeMail(t):
		return "eml"
	}
	return ""
}

// looksLikeMail reports whether text starts with RFC 5322 header fields and
// has a MIME Content-Type.
func looksLikeMail(t string) bool {
	head, _, _ := strings.Cut(t, "\n\n")
	if h2, _, ok := strings.Cut(t, "\r\n\r\n"); ok && len(h2) < len(head) {
		head = h2
	}
	first, _, _ := strings.Cut(head, "\n")
	colon := strings.IndexByte(first, ':')
	if colon <= 0 || strings.ContainsAny(first[:colon], " \t<") {
		return false
	}
	return strings.Contains(strings.ToLower(head), "content-type:")
}

// Read reads every top-level item of a file in any item format (Format
// tells which); embedded messages hang from their items' attachments
// (item.Item.All walks them). source names the file in the items and errors.
func Read(b []byte, source string) ([]*item.Item, error) {
	switch Format(b) {
	case "msg":
		it, err := msg.Read(b, source)
		if err != nil {
			return nil, err
		}
		return []*item.Item{it}, nil
	case "tnef":
		it, err := tnef.Read(b, source)
		if err != nil {
			return nil, err
		}
		return []*item.Item{it}, nil
	case "tnef-base64":
		text, _ := input.TextOf(b)
		raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(text), ""))
		if err != nil {
			return nil, &item.ReadError{Format: "tnef", Err: fmt.Errorf("base64: %v", err)}
		}
		it, err := tnef.Read(raw, source)
		if err != nil {
			return nil, err
		}
		return []*item.Item{it}, nil
	case "eml":
		return tnef.ReadEML(b, source)
	case "xml":
		text, _ := input.TextOf(b)
		return mfcxml.Read([]byte(text), source)
	case "pst":
		return readPST(b, source)
	}
	return nil, ErrNotItem
}

// PartialError is returned by Read with the items of a file of many
// messages (a PST or OST) when some of its folders or messages could not
// be read: each is an error naming its folder and node id.
type PartialError struct {
	Errs []error
}

func (e *PartialError) Error() string {
	if len(e.Errs) == 1 {
		return e.Errs[0].Error()
	}
	return strconv.Itoa(len(e.Errs)) + " folders or messages could not be read; the first: " + e.Errs[0].Error()
}

// Unwrap returns the errors.
func (e *PartialError) Unwrap() []error { return e.Errs }

// CalendarClass reports whether a folder's container class is one whose
// items the item commands read from a PST: IPF.Appointment or IPF.Task
// (and their subclasses, IPF.Appointment.Birthday…).
func CalendarClass(class string) bool {
	for _, c := range []string{"IPF.Appointment", "IPF.Task"} {
		if class == c || strings.HasPrefix(class, c+".") {
			return true
		}
	}
	return false
}

// readPST reads the messages of a PST's calendar and task folders
// (CalendarClass). What cannot be read is returned in a *PartialError
// beside the items that could.
func readPST(b []byte, source string) ([]*item.Item, error) {
	return ReadPST(bytes.NewReader(b), int64(len(b)), source)
}

// ReadPST reads the messages of the calendar and task folders
// (CalendarClass) of a PST or OST file of the given size through r, a page
// or block at a time, as Read does for a PST in memory.
func ReadPST(r io.ReaderAt, size int64, source string) ([]*item.Item, error) {
	return ReadPSTFolders(r, size, source, func(fo *pst.Folder) bool { return CalendarClass(fo.ContainerClass) })
}

// ReadPSTFolders is ReadPST for the folders keep chooses.
func ReadPSTFolders(r io.ReaderAt, size int64, source string, keep func(*pst.Folder) bool) ([]*item.Item, error) {
	f, err := pst.Open(r, size)
	if err != nil {
		return nil, &item.ReadError{Format: "pst", Err: err}
	}
	f.Source = source
	var items []*item.Item
	var errs []error
	for fo := range f.Folders() {
		if fo.Err != nil {
			errs = append(errs, fo.Err)
		}
		if !keep(fo) {
			continue
		}
		for it, err := range fo.Messages() {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			items = append(items, it)
		}
	}
	if len(errs) > 0 {
		return items, &PartialError{Errs: errs}
	}
	return items, nil
}

// IsItemData reports whether b is an item file: a PST or OST, an Outlook .msg, TNEF (raw
// or base64), an .eml with a TNEF part, or an MFCMAPI XML export read as a
// whole item. XML counts when byPath (a file named as such, not content
// given for its blobs), when it is a message export (IsMessage), or when
// it holds a property the blob decoders cannot read (a non-binary one, or
// one with no decoder). An XML export of decodable binary properties only
// is left to the blob readers.
func IsItemData(b []byte, byPath bool) bool {
	switch Format(b) {
	case "msg", "tnef", "tnef-base64", "eml", "pst":
		return true
	case "xml":
		if byPath {
			return true
		}
		items, err := mfcxml.ReadProperties(b, "") // the properties, not decoded: only their types and names count
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

// IsMessage reports whether b is a whole message or messages: a PST or OST
// mailbox, an Outlook .msg, TNEF (raw or base64), a MIME mail (.eml;
// reading it needs a TNEF part), or an MFCMAPI XML export of a message (a <message> element, recipients, attachments, or several
// items). An export of a property pane (<properties>, one item's
// properties) is not: the web page shows its binary properties one by
// one, though IsItemData counts it when it has non-binary properties.
func IsMessage(b []byte) bool {
	switch Format(b) {
	case "pst", "msg", "tnef", "tnef-base64", "eml":
		return true
	case "xml":
		items, err := mfcxml.ReadProperties(b, "") // the properties, not decoded: only their types and names count
		return err == nil && xmlMessage(b, items)
	}
	return false
}

// xmlMessage reports whether the items of an XML export are a message
// export rather than one property pane.
func xmlMessage(b []byte, items []*item.Item) bool {
	return len(items) != 1 || len(items[0].Recipients) > 0 || len(items[0].Attachments) > 0 ||
		bytes.Contains(bytes.ToLower(b), []byte("<message"))
}
