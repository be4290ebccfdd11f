package input

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
	"github.com/mapiblob/mapiblob/internal/wire"
)

func TestHexForms(t *testing.T) {
	want := []byte{0x02, 0x01, 0x30, 0x00, 0xAB}
	for _, s := range []string{
		"02013000AB", "02013000ab", "02 01 30 00 AB", "02:01:30:00:ab", "02-01-30-00-AB",
		"0x02 0x01 0x30 0x00 0xAB", "0x02,0x01,0x30,0x00,0xAB", "\n  0201\r\n3000\tAB\n", "\uFEFF02013000AB",
	} {
		bl, err := Parse(s)
		if err != nil || len(bl) != 1 || !bytes.Equal(bl[0].Bytes, want) || bl[0].Form != FormHex {
			t.Errorf("Parse(%q) = %v, %v", s, bl, err)
		}
	}
}

func TestMFCMAPIForm(t *testing.T) {
	bl, err := Parse("cb: 5 lpb: 02013000AB")
	if err != nil || !bytes.Equal(bl[0].Bytes, []byte{2, 1, 0x30, 0, 0xAB}) || bl[0].Form != FormMFCMAPI {
		t.Fatalf("%v %v", bl, err)
	}
	if b, err := wire.ParseMFCMAPI("cb: 0 lpb: NULL"); err != nil || len(b) != 0 {
		t.Errorf("empty value: %v %v", b, err)
	}
}

func TestBase64(t *testing.T) {
	for _, s := range []string{"base64:AgEwAKs=", "AgEwAKs=", "BASE64: AgEw AKs="} {
		bl, err := Parse(s)
		if err != nil || !bytes.Equal(bl[0].Bytes, []byte{2, 1, 0x30, 0, 0xAB}) || bl[0].Form != FormBase64 {
			t.Errorf("Parse(%q) = %v, %v", s, bl, err)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		in   string
		pos  int
		frag string
	}{
		{"", 0, "empty input"},
		{"  \n\t", 0, "empty input"},
		{"02013", 0, "odd number of hex digits (5)"},
		{"02013Z", 6, "stray character 'Z'"},
		{"  02013Z", 8, "stray character 'Z'"},
		{"0201 3", 0, "odd number"},
		{"020 13", 4, "separator ' ' inside a byte"},
		{"0201é3", 5, "stray character 'é'"},
		{"cb: 4 lpb: 02013000AB", 0, "cb: 4 but lpb holds 5 bytes"},
		{"cb: 5 lpb: 020130Q0AB", 18, "stray character 'Q'"},
		{"cb: x lpb: 00", 0, "byte count"},
		{"cb: 1 00", 0, `"lpb:"`},
		{"base64:!!!!", 0, "invalid base64"},
		{"base64:", 0, "empty input"},
		{`<property tag = "0x80380102" type = "PT_BINARY"><Value></Value></property>`, 0, "has no value"},
		{`<property tag = "0x80380102" type = "PT_BINARY"></property>`, 0, "has no value"},
		{`<property tag = "0x80380102" type = "PT_BINARY"><Value>cb: 3 lpb: 0102</Value></property>`, 0, "cb: 3 but lpb holds 2"},
		{`<properties></properties>`, 0, "no <property>"},
		{`<property tag = "0x00170003" type = "PT_LONG"><Value>1</Value></property>`, 0, "no binary property"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var e *blob.SyntaxError
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) err = %v", tt.in, err)
			continue
		}
		if e.Pos != tt.pos || !strings.Contains(err.Error(), tt.frag) {
			t.Errorf("Parse(%q) = %q (pos %d), want pos %d and %q", tt.in, err, e.Pos, tt.pos, tt.frag)
		}
	}
}

const xmlExport = `<?xml version="1.0" encoding="UTF-8"?>
<properties listtype="propertypane">
<property tag = "0x80380102" type = "PT_BINARY">
	<NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>
	<NamedPropName>id: 0x825E=33374 = PidLidAppointmentTimeZoneDefinitionStartDisplay, dispidApptTZDefStartDisplay</NamedPropName>
	<Value>cb: 52 lpb: ` + "02013000020015004500610073007400650072006E0020005300740061006E0064006100720064002000540069006D0065000100" + `</Value>
	<AltValue>whatever MFCMAPI prints here</AltValue>
</property>
<property tag = "0x0037001F" type = "PT_UNICODE">
	<Value>Weekly sync</Value>
</property>
<property tag = "0x80560102" type = "PT_BINARY">
	<NamedPropGUID>{00062002-0000-0000-C000-000000000046} = PSETID_Appointment</NamedPropGUID>
	<NamedPropName>id: 0x8216=33302 = PidLidAppointmentRecur, dispidApptRecur</NamedPropName>
	<Value><![CDATA[cb: 2 lpb: 0430]]></Value>
</property>
</properties>`

func TestXML(t *testing.T) {
	bl, err := Parse(xmlExport)
	if err != nil {
		t.Fatal(err)
	}
	if len(bl) != 2 {
		t.Fatalf("got %d blobs", len(bl))
	}
	id := bl[0].Identity
	if id == nil || id.Tag != 0x80380102 || !id.HasSet || id.Set != guid.PSETID_Appointment || !id.HasLID || id.LID != 0x825E ||
		id.Name != "PidLidAppointmentTimeZoneDefinitionStartDisplay" || len(bl[0].Bytes) != 52 || bl[0].Form != FormXML {
		t.Errorf("first blob %+v %+v", bl[0], id)
	}
	p, ok := id.Property()
	if !ok || p.Name != "PidLidAppointmentTimeZoneDefinitionStartDisplay" || p.Decoder != "tzdef" {
		t.Errorf("Property() = %+v", p)
	}
	if p, ok := bl[1].Identity.Property(); !ok || p.Decoder != "apptrecur" || !bytes.Equal(bl[1].Bytes, []byte{4, 0x30}) {
		t.Errorf("second blob %+v %+v", bl[1], p)
	}
}

// Zone names are told from blob text, which readers of --tz take both of.
func TestIsZoneName(t *testing.T) {
	for s, want := range map[string]bool{
		"Eastern Standard Time": true, "Europe/Berlin": true, "UTC": true, " W. Europe Standard Time ": true,
		"0201300002001500": false, "cb: 2 lpb: 0201": false, "02 01 30 00": false, "<property/>": false, "": false,
	} {
		if got := IsZoneName(s); got != want {
			t.Errorf("IsZoneName(%q) = %v, want %v", s, got, want)
		}
	}
}
