// Package seed builds the inputs the explain, CLI and browser tests paste,
// from the project's own sample blobs in testdata/samples.
package seed

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ExMergeEscape is the README's ExMerge.log escape and ExMergeADSI the
// bytes it stands for, as ADSI Edit shows them.
const (
	ExMergeEscape = `C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`
	ExMergeADSI   = "43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37"
)

// Sample reads testdata/samples/name as bytes; root is the module root.
func Sample(root, name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(root, "testdata", "samples", name))
	if err != nil {
		return nil, err
	}
	blobs, err := input.Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return blobs[0].Bytes, nil
}

// EmptyKeyName is the crash case of KB 2553248: the Eastern definition of
// testdata/samples with its 2007 rule only, for display, and cchKeyName 0
// — the 76-byte StartDisplay blob EWS wrote.
func EmptyKeyName(root string) ([]byte, error) {
	b, err := Sample(root, "eastern.tzdef.hex")
	if err != nil {
		return nil, err
	}
	d, err := tzdef.Parse(b)
	if err != nil {
		return nil, err
	}
	d.KeyName = ""
	d.Rules = d.Rules[len(d.Rules)-1:]
	return d.ForDisplay().MarshalBinary()
}

// Property is one property of an MFCMAPI XML export.
type Property struct {
	Tag   string // e.g. 0x80380102
	LID   uint16 // of PSETID_Appointment
	Name  string // e.g. PidLidAppointmentTimeZoneDefinitionStartDisplay, dispidApptTZDefStartDisplay
	Value []byte
}

// Well-known properties of the seed exports.
func StartDisplay(v []byte) Property {
	return Property{"0x80380102", 0x825E, "PidLidAppointmentTimeZoneDefinitionStartDisplay, dispidApptTZDefStartDisplay", v}
}

func TZDefRecur(v []byte) Property {
	return Property{"0x803A0102", 0x8260, "PidLidAppointmentTimeZoneDefinitionRecur, dispidApptTZDefRecur", v}
}

func TimeZoneStruct(v []byte) Property {
	return Property{"0x80330102", 0x8233, "PidLidTimeZoneStruct, dispidTimeZoneStruct", v}
}

func ApptRecur(v []byte) Property {
	return Property{"0x80560102", 0x8216, "PidLidAppointmentRecur, dispidApptRecur", v}
}

// Export writes properties as MFCMAPI's "Export to XML" does, with a
// subject property among them (which carries no blob).
func Export(props ...Property) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<properties listtype=\"propertypane\">\n")
	b.WriteString("<property tag = \"0x0037001F\" type = \"PT_UNICODE\">\n\t<Value>Weekly stand-up</Value>\n</property>\n")
	for _, p := range props {
		fmt.Fprintf(&b, "<property tag = \"%s\" type = \"PT_BINARY\">\n", p.Tag)
		b.WriteString("\t<NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>\n")
		fmt.Fprintf(&b, "\t<NamedPropName>id: 0x%04X=%d = %s</NamedPropName>\n", p.LID, p.LID, p.Name)
		fmt.Fprintf(&b, "\t<Value>cb: %d lpb: %X</Value>\n", len(p.Value), p.Value)
		b.WriteString("</property>\n")
	}
	b.WriteString("</properties>\n")
	return b.String()
}

// SeedExport is the seed case: the StartDisplay with an empty key name in
// an export of the item's time-zone properties, whose Recur definition
// names Eastern Standard Time with the same rules.
func SeedExport(root string) (string, error) {
	empty, err := EmptyKeyName(root)
	if err != nil {
		return "", err
	}
	def, err := Sample(root, "eastern.tzdef.hex")
	if err != nil {
		return "", err
	}
	st, err := Sample(root, "eastern.tzstruct.hex")
	if err != nil {
		return "", err
	}
	return Export(StartDisplay(empty), TZDefRecur(def), TimeZoneStruct(st)), nil
}

// SeriesExport is the weekly stand-up of testdata/samples with its zone.
func SeriesExport(root string) (string, error) {
	var ps []Property
	for _, f := range []struct {
		name string
		mk   func([]byte) Property
	}{{"weekly-standup.apptrecur.hex", ApptRecur}, {"eastern.tzdef.hex", TZDefRecur}, {"eastern.tzstruct.hex", TimeZoneStruct}} {
		b, err := Sample(root, f.name)
		if err != nil {
			return "", err
		}
		ps = append(ps, f.mk(b))
	}
	return Export(ps...), nil
}
