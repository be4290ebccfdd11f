package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// Properties is a serialised array of property values, as MFCMAPI's
// PROPERTIES parser reads one: tagged values one after the other to the
// end of the input, each in FormatMAPI.
type Properties struct {
	Properties []PropertyValue `json:"Properties"`
}

// maxProperties bounds the values of one array, as every count is bounded
// by the input: a tag takes four bytes.
const propertyMinSize = 4

// ParseProperties decodes a serialised property value array.
func ParseProperties(b []byte) (*Properties, error) {
	p := new(Properties)
	if err := p.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return p, nil
}

// UnmarshalBinary decodes b into p.
func (p *Properties) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	p.Properties = make([]PropertyValue, 0, min(c.Len()/propertyMinSize, 64))
	for i := 0; !c.Empty(); i++ {
		var v PropertyValue
		if c.Len() < 4 {
			return c.Truncated(wire.Path("Properties", i, "PropertyTag"), 4)
		}
		if err := v.decodeTagged(&c, FormatMAPI, wire.Path("Properties", i, "")); err != nil {
			return err
		}
		p.Properties = append(p.Properties, v)
	}
	return nil
}

// Kind is blob.KindProperties.
func (p *Properties) Kind() blob.Kind { return blob.KindProperties }

// TrailingBytes is nil: the array runs to the end of the input.
func (p *Properties) TrailingBytes() []byte { return nil }

// Check reports values cut short.
func (p *Properties) Check() []blob.Finding {
	var fs []blob.Finding
	for i, v := range p.Properties {
		if v.Missing {
			fs = append(fs, blob.Finding{Code: "PROPS_VALUE_TRUNCATED", Severity: blob.Error, Path: wire.Path("Properties", i, "Value"),
				Message: "the value's count is " + strconv.Itoa(int(v.Count)) + " bytes but the array ends first; the values after it are misread"})
		}
	}
	return fs
}

// AppendBinary appends the array's bytes to b.
func (p *Properties) AppendBinary(b []byte) ([]byte, error) {
	for i := range p.Properties {
		b = p.Properties[i].appendTagged(b, FormatMAPI)
	}
	return b, nil
}

// MarshalBinary encodes the array.
func (p *Properties) MarshalBinary() ([]byte, error) { return p.AppendBinary(nil) }

// SmartView renders p as MFCMAPI's SmartView pane does.
func (p *Properties) SmartView() string {
	var w sv.Writer
	for i := range p.Properties {
		w.Line(0, "Property[", strconv.Itoa(i), "]")
		p.Properties[i].smartView(&w, "\t")
	}
	return w.String()
}

// Text renders p for people: its SmartView form.
func (p *Properties) Text() string { return p.SmartView() }

func guidOf(b []byte) guid.GUID { return guid.GUID(b) }
