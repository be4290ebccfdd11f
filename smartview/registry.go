package smartview

import (
	"slices"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Decoder is one structure this package decodes: its kind, MFCMAPI's name
// for its SmartView parser, its decoder, and how the bytes are recognised.
// A family of structures (entry IDs, security, rules…) adds a table of
// Decoders to decoders below, in a file of its own.
type Decoder struct {
	Kind blob.Kind
	// Parser is MFCMAPI's name of the SmartView parser of the structure
	// (APPOINTMENTRECURRENCEPATTERN); ParseKind accepts it beside Kind.
	Parser string
	// Decode decodes b; opt carries the code page and the property.
	Decode func(b []byte, opt Options) (blob.Value, error)
	// Check gives the findings when they depend on opt (nil: the value's
	// own Check).
	Check func(v blob.Value, opt Options) []blob.Finding
	// Sniff reports whether b carries the structure's signature; nil for a
	// structure decoded only when a kind or a property names it (never
	// guessed from the bytes).
	Sniff func(b []byte) bool
	// Confirm says the signature alone does not tell: b is the structure
	// only if it also decodes as it.
	Confirm bool
}

// decoders is every structure, in the order Kinds lists them.
var decoders = slices.Concat(calendarDecoders, entryIDDecoders, syncStateDecoders, securityDecoders, propstreamDecoders, rulesDecoders)

// calendarDecoders are the calendar structures: [MS-OXOCAL]'s time zones,
// recurrence patterns and GlobalObjectId.
var calendarDecoders = []Decoder{
	{
		Kind: blob.KindTZDef, Parser: "TIMEZONEDEFINITION",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return tzdef.Parse(b) },
		// A TZDEFINITION starts 02 01 (bMajorVersion, bMinorVersion) and
		// must decode.
		Sniff:   func(b []byte) bool { return len(b) >= 2 && b[0] == tzdef.MajorVersion && b[1] >= tzdef.MinorVersion },
		Confirm: true,
	},
	{
		Kind: blob.KindTZStruct, Parser: "TIMEZONE",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return tzdef.ParseTimeZoneStruct(b) },
		// A TimeZoneStruct is 48 bytes, with no signature.
		Sniff:   func(b []byte) bool { return len(b) == tzdef.TimeZoneStructSize },
		Confirm: true,
	},
	{
		Kind: blob.KindRecur, Parser: "RECURRENCEPATTERN",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return recurrence.ParsePattern(b) },
		// A recurrence pattern starts 04 30 04 30 (ReaderVersion,
		// WriterVersion)…
		Sniff: func(b []byte) bool { return isPattern(b) && !recurrence.IsAppointmentPattern(b) },
	},
	{
		Kind: blob.KindApptRecur, Parser: "APPOINTMENTRECURRENCEPATTERN",
		Decode: func(b []byte, opt Options) (blob.Value, error) {
			ap, err := recurrence.Parse(b)
			if err != nil {
				return nil, err
			}
			ap.CodePage = opt.CodePage
			return ap, nil
		},
		// …and an appointment pattern continues with ReaderVersion2 0x3006.
		Sniff: func(b []byte) bool { return isPattern(b) && recurrence.IsAppointmentPattern(b) },
	},
	{
		Kind: blob.KindGOID, Parser: "GLOBALOBJECTID",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return goid.Parse(b) },
		// PidLidCleanGlobalObjectId must carry no instance date.
		Check: func(v blob.Value, opt Options) []blob.Finding {
			g := v.(*goid.GlobalObjectID)
			if p, ok := opt.Property.Property(); ok && p.Name == "PidLidCleanGlobalObjectId" {
				return g.CheckClean()
			}
			return g.Check()
		},
		// A GlobalObjectId starts with its 16-byte class id.
		Sniff: goid.IsGlobalObjectID,
	},
}

func isPattern(b []byte) bool {
	return len(b) >= 4 && b[0] == 0x04 && b[1] == 0x30 && b[2] == 0x04 && b[3] == 0x30
}

func decoderOf(k blob.Kind) *Decoder {
	for i := range decoders {
		if decoders[i].Kind == k {
			return &decoders[i]
		}
	}
	return nil
}

// Kinds lists the kinds Decode reads, KindAuto excluded.
func Kinds() []blob.Kind {
	out := make([]blob.Kind, len(decoders))
	for i := range decoders {
		out[i] = decoders[i].Kind
	}
	return out
}

// Decoders lists the structures Decode reads, in the order of Kinds.
func Decoders() []Decoder { return slices.Clone(decoders) }

// ParseKind reads a kind name, or MFCMAPI's name of the structure's
// SmartView parser, in any letter case; "auto" and "" give KindAuto.
func ParseKind(s string) (blob.Kind, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "auto") {
		return blob.KindAuto, true
	}
	for i := range decoders {
		if strings.EqualFold(s, string(decoders[i].Kind)) || strings.EqualFold(s, decoders[i].Parser) {
			return decoders[i].Kind, true
		}
	}
	return blob.KindAuto, false
}
