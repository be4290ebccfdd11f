package smartview

import (
	"sync"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/proptag"
)

// MFCMAPI's property → parser table (internal/data/README.md): its
// single-valued tag rows are generated into zz_mappings.go (mfcTagRows).
//
//go:generate go run ./internal/genmappings -in internal/data/smartview-mappings.tsv -o zz_mappings.go

// mfcTagRow is one single-valued tag row of MFCMAPI's table: the property
// id, MFCMAPI's name of the parser it reads the property with, and its name
// of the property.
type mfcTagRow struct {
	id     uint16
	parser string
	name   string
}

// mfcMapping is one tag row of MFCMAPI's table: the structure a property
// with that id is, and MFCMAPI's name of the property.
type mfcMapping struct {
	kind blob.Kind
	name string
}

var (
	mappingsOnce sync.Once
	mappingsByID map[uint16]mfcMapping
)

// loadMappings keeps the rows of mfcTagRows whose parser the registry has.
func loadMappings() {
	mappingsByID = map[uint16]mfcMapping{}
	for _, r := range mfcTagRows {
		for _, d := range decoders {
			if d.Parser == r.parser {
				mappingsByID[r.id] = mfcMapping{d.Kind, r.name}
			}
		}
	}
}

// mfcTagMapping is the structure MFCMAPI reads a fixed-id binary property
// as, for a property the property table does not know.
func mfcTagMapping(tag proptag.PropTag) (mfcMapping, bool) {
	if tag.IsNamed() || tag.Type() != proptag.PT_BINARY {
		return mfcMapping{}, false
	}
	mappingsOnce.Do(loadMappings)
	m, ok := mappingsByID[tag.ID()]
	return m, ok
}

// KindOf is the structure a property's value is, by the property's
// identity: what proptag's table says, else, for a binary property the
// table does not know, what MFCMAPI's property → parser table says (by the
// property id: PR_NT_SECURITY_DESCRIPTOR, PR_IPM_FAVORITES_ENTRYID…); KindAuto
// when neither names one.
func KindOf(id *proptag.Identity) blob.Kind {
	if p, ok := id.Property(); ok {
		return p.Decoder
	}
	if id != nil {
		if m, ok := mfcTagMapping(id.Tag); ok {
			return m.kind
		}
	}
	return blob.KindAuto
}

// MFCMAPIName is MFCMAPI's name of a fixed-id binary property the property
// table does not know but MFCMAPI's property → parser table does
// ("PR_NT_SECURITY_DESCRIPTOR"), and "" for any other.
func MFCMAPIName(tag proptag.PropTag) string {
	if _, ok := proptag.ByTag(tag); ok {
		return ""
	}
	m, _ := mfcTagMapping(tag)
	return m.name
}
