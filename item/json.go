package item

import (
	"encoding/json"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/proptag"
)

// jsonProperty is one property in the JSON contract's "Items" form.
type jsonProperty struct {
	Name       string           `json:"name"`
	Set        string           `json:"set,omitempty"`
	LID        *uint32          `json:"lid,omitempty"`
	NameString *string          `json:"nameString,omitempty"`
	Tag        string           `json:"tag"`
	Type       string           `json:"type"`
	Hex        *blob.HexBytes   `json:"hex,omitempty"`
	Value      any              `json:"value,omitempty"`
	Decoded    *mapiblob.Result `json:"decoded,omitempty"`
	Error      string           `json:"error,omitempty"`
}

type jsonItem struct {
	Source       string         `json:"source"`
	Item         string         `json:"item"`
	Parent       *string        `json:"parent"`
	MessageClass string         `json:"messageClass"`
	Properties   []jsonProperty `json:"properties"`
	Findings     []blob.Finding `json:"findings,omitempty"`
}

func (p *Property) jsonForm() jsonProperty {
	j := jsonProperty{Name: p.Name(), Tag: p.Tag.String(), Type: p.Type().String(), Decoded: p.Decoded}
	if p.Named != nil {
		j.Set = p.Named.SetName()
		if p.Named.IsName {
			s := p.Named.Name
			j.NameString = &s
		} else {
			l := p.Named.LID
			j.LID = &l
		}
	}
	if p.Err != nil {
		j.Error = oneLine(p.Err.Error())
	}
	if p.Type() == proptag.PT_BINARY {
		h := blob.HexBytes(p.Value.Bytes)
		j.Hex = &h
	} else if p.Err == nil || p.Value.Type != 0 {
		j.Value = p.Value.jsonValue()
	}
	return j
}

// JSON writes the item in the JSON contract's "Items" form, with the given
// findings (usually Check's): one object, no newline.
func (it *Item) JSON(findings []blob.Finding) ([]byte, error) {
	j := jsonItem{Source: it.Source, Item: it.Path, MessageClass: it.MessageClass(), Findings: findings,
		Properties: make([]jsonProperty, len(it.Properties))}
	if j.Item == "" {
		j.Item = "/"
	}
	if it.Parent != "" {
		p := it.Parent
		j.Parent = &p
	}
	for i := range it.Properties {
		j.Properties[i] = it.Properties[i].jsonForm()
	}
	return json.Marshal(j)
}

// MarshalJSON is JSON with the item's own findings (Check).
func (it *Item) MarshalJSON() ([]byte, error) { return it.JSON(it.Check()) }

func oneLine(s string) string {
	b := []byte(s)
	n := 0
	space := false
	for _, c := range b {
		if c == '\n' || c == '\r' || c == '\t' || c == ' ' {
			space = true
			continue
		}
		if space && n > 0 {
			b[n] = ' '
			n++
		}
		space = false
		b[n] = c
		n++
	}
	return string(b[:n])
}
