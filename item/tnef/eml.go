package tnef

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

	"github.com/mapiblob/mapiblob/item"
)

// maxMIMEParts bounds the parts ReadEML looks at.
const maxMIMEParts = 1000

// ReadEML reads an Internet message: each application/ms-tnef part (a
// winmail.dat, in any Content-Transfer-Encoding, at any depth of
// multipart nesting) is read as TNEF.
func ReadEML(b []byte, source string) ([]*item.Item, error) {
	m, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return nil, &item.ReadError{Format: "eml", Err: fmt.Errorf("headers: %v", err)}
	}
	var items []*item.Item
	parts := 0
	var walk func(ct, cte string, body io.Reader, depth int) error
	walk = func(ct, cte string, body io.Reader, depth int) error {
		if parts++; parts > maxMIMEParts {
			return fmt.Errorf("more than %d MIME parts", maxMIMEParts)
		}
		if depth > item.MaxNesting {
			return fmt.Errorf("MIME parts nested deeper than %d", item.MaxNesting)
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
		it, err := Read(data, source)
		if err != nil {
			return fmt.Errorf("part %d (application/ms-tnef): %w", parts, err)
		}
		if len(items) > 0 {
			it.Path = fmt.Sprintf("/tnef[%d]", len(items))
			it.SetPath(it.Path, "")
		}
		items = append(items, it)
		return nil
	}
	if err := walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body, 0); err != nil {
		return nil, &item.ReadError{Format: "eml", Err: err}
	}
	if len(items) == 0 {
		return nil, &item.ReadError{Format: "eml", Err: errors.New("no application/ms-tnef part (winmail.dat): the message carries no calendar item this tool reads")}
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
