package item

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"

	"github.com/mapiblob/mapiblob/input"
)

// ErrNotItem is returned by Read for content that is none of the item
// formats.
var ErrNotItem = errors.New("not an item file: neither an Outlook .msg, TNEF (raw or base64), an .eml with a TNEF part, nor an MFCMAPI XML export")

// Format names the item format of b: "msg", "tnef", "tnef-base64", "eml",
// "xml", or "" for none.
func Format(b []byte) string {
	switch {
	case IsMSG(b):
		return "msg"
	case IsTNEF(b):
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
// (Item.All walks them). source names the file in the items and errors.
func Read(b []byte, source string) ([]*Item, error) {
	switch Format(b) {
	case "msg":
		it, err := ReadMSG(b, source)
		if err != nil {
			return nil, err
		}
		return []*Item{it}, nil
	case "tnef":
		it, err := ReadTNEF(b, source)
		if err != nil {
			return nil, err
		}
		return []*Item{it}, nil
	case "tnef-base64":
		text, _ := input.TextOf(b)
		raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(text), ""))
		if err != nil {
			return nil, &ReadError{"tnef", fmt.Errorf("base64: %v", err)}
		}
		it, err := ReadTNEF(raw, source)
		if err != nil {
			return nil, err
		}
		return []*Item{it}, nil
	case "eml":
		return ReadEML(b, source)
	case "xml":
		text, _ := input.TextOf(b)
		return ReadXML([]byte(text), source)
	}
	return nil, ErrNotItem
}

// maxMIMEParts bounds the parts ReadEML looks at.
const maxMIMEParts = 1000

// ReadEML reads an Internet message: each application/ms-tnef part (a
// winmail.dat, in any Content-Transfer-Encoding, at any depth of
// multipart nesting) is read as TNEF.
func ReadEML(b []byte, source string) ([]*Item, error) {
	m, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return nil, &ReadError{"eml", fmt.Errorf("headers: %v", err)}
	}
	var items []*Item
	parts := 0
	var walk func(ct, cte string, body io.Reader, depth int) error
	walk = func(ct, cte string, body io.Reader, depth int) error {
		if parts++; parts > maxMIMEParts {
			return fmt.Errorf("more than %d MIME parts", maxMIMEParts)
		}
		if depth > maxNesting {
			return fmt.Errorf("MIME parts nested deeper than %d", maxNesting)
		}
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil && ct != "" {
			return fmt.Errorf("part %d: Content-Type %q: %v", parts, ct, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return fmt.Errorf("part %d: %v", parts, err)
				}
				if err := walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, depth+1); err != nil {
					return err
				}
			}
		}
		if mt != "application/ms-tnef" && mt != "application/vnd.ms-tnef" {
			return nil
		}
		var r io.Reader = body
		switch strings.ToLower(strings.TrimSpace(cte)) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, &stripSpace{r: bufio.NewReader(body)})
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		}
		data := make([]byte, 0, len(b)) // the decoded part is never longer than the message
		data, err = readInto(data, r)
		if err != nil {
			return fmt.Errorf("part %d (application/ms-tnef): %v", parts, err)
		}
		it, err := ReadTNEF(data, source)
		if err != nil {
			return fmt.Errorf("part %d (application/ms-tnef): %w", parts, err)
		}
		if len(items) > 0 {
			it.Path = fmt.Sprintf("/tnef[%d]", len(items))
			setPath(it, it.Path, "")
		}
		items = append(items, it)
		return nil
	}
	if err := walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body, 0); err != nil {
		return nil, &ReadError{"eml", err}
	}
	if len(items) == 0 {
		return nil, &ReadError{"eml", errors.New("no application/ms-tnef part (winmail.dat): the message carries no calendar item this tool reads")}
	}
	return items, nil
}

// stripSpace drops the line breaks and spaces of base64 text.
type stripSpace struct{ r *bufio.Reader }

func (s *stripSpace) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c, err := s.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if c == '\r' || c == '\n' || c == ' ' || c == '\t' {
			continue
		}
		p[n] = c
		n++
	}
	return n, nil
}

// readInto appends r's bytes to b, never beyond cap(b).
func readInto(b []byte, r io.Reader) ([]byte, error) {
	for len(b) < cap(b) {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
	return b, nil
}
