package item

import (
	"fmt"

	"github.com/mapiblob/mapiblob/proptag"
)

// Prop makes a property from its canonical name (or any alias proptag
// knows) and a value whose Type is the property's type. A named property
// gets its Named identity and a placeholder id 0x8000 in Tag: writers
// number named properties themselves, and Item.Get and Item.Set match them
// by identity.
func Prop(name string, v Value) (Property, error) {
	p, ok := proptag.ByName(name)
	if !ok {
		return Property{}, fmt.Errorf("item: no property named %q", name)
	}
	if v.Type == 0 {
		v.Type = p.Type
	}
	var n *Named
	id := uint16(0x8000)
	switch p.Kind {
	case proptag.KindLID:
		n = &Named{Set: p.Set, LID: p.LID}
	case proptag.KindName:
		n = &Named{Set: p.Set, IsName: true, Name: p.NameString}
	default:
		id = p.Tag.ID()
	}
	return Property{Tag: proptag.NewTag(id, v.Type), Named: n, Info: p, Value: v}, nil
}

// MustProp is Prop for names known to be in the table; it panics on an
// unknown name.
func MustProp(name string, v Value) Property {
	p, err := Prop(name, v)
	if err != nil {
		panic(err)
	}
	return p
}

// New makes an item from properties and decodes them.
func New(props ...Property) *Item {
	it := &Item{Path: "/", Properties: props}
	it.Decode()
	return it
}
