// Package smartview tells which structure a blob holds and decodes it with
// the right package, as MFCMAPI's SmartView pane does: by the property the
// blob was read from when that is known, by the bytes' signature otherwise.
// It also gathers a series (a recurrence pattern with its zone) from decoded
// blobs and expands it.
//
// The structures themselves live in tzdef (time zones), recurrence
// (recurrence patterns) and goid (GlobalObjectIds); their shared types in
// blob. Items (whole messages) are read by item and its format packages,
// which call Decode for each binary property.
package smartview

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ErrUnknownKind is returned by Decode when no kind fits the blob, or
// several do and nothing tells them apart.
var ErrUnknownKind = errors.New("cannot tell which structure the blob holds")

// Detect lists the kinds b may hold. The property identity of an XML export
// decides when it names a property this module decodes; otherwise the
// bytes' signature does: a recurrence pattern starts 04 30 04 30 and an
// appointment pattern continues with ReaderVersion2 0x3006; a
// GlobalObjectId starts with its 16-byte class id; a TZDEFINITION starts
// 02 01 and decodes; a TimeZoneStruct is 48 bytes.
func Detect(b []byte, id *proptag.Identity) []blob.Kind {
	if p, ok := id.Property(); ok {
		if p.Decoder != blob.KindAuto {
			return []blob.Kind{p.Decoder}
		}
	}
	if len(b) >= 4 && b[0] == 0x04 && b[1] == 0x30 && b[2] == 0x04 && b[3] == 0x30 {
		if recurrence.IsAppointmentPattern(b) {
			return []blob.Kind{blob.KindApptRecur}
		}
		return []blob.Kind{blob.KindRecur}
	}
	if goid.IsGlobalObjectID(b) {
		return []blob.Kind{blob.KindGOID}
	}
	var out []blob.Kind
	if len(b) >= 2 && b[0] == tzdef.MajorVersion && b[1] >= tzdef.MinorVersion {
		var d tzdef.Definition
		if d.UnmarshalBinary(b) == nil {
			out = append(out, blob.KindTZDef)
		}
	}
	if len(b) == tzdef.TimeZoneStructSize {
		out = append(out, blob.KindTZStruct)
	}
	return out
}

// Options say how to decode. The zero value detects the kind from the
// bytes and reads 8-bit strings as windows-1252.
type Options struct {
	// Kind is the structure to decode; KindAuto detects it from Property or
	// the bytes.
	Kind blob.Kind
	// Property is the property the blob was read from, when known (an
	// MFCMAPI XML export names it); it decides the kind.
	Property *proptag.Identity
	// CodePage decodes the 8-bit strings of appointment exceptions
	// (0: windows-1252).
	CodePage blob.CodePage
}

// Result is a decoded blob.
type Result struct {
	Kind     blob.Kind         // the structure decoded
	Size     int               // the blob's length in bytes
	Value    blob.Value        // *tzdef.Definition, *tzdef.TimeZoneStruct, *recurrence.Pattern, *recurrence.AppointmentPattern…
	Trailing []byte            // bytes after the structure (Value.TrailingBytes())
	Findings []blob.Finding    // Value.Check()
	Property *proptag.Identity // the property the blob was read from (Options.Property), when known
}

// Decode decodes b as opt.Kind, or as the kind Detect finds. An error
// wraps ErrUnknownKind when the kind cannot be told, or is the decoder's
// *blob.DecodeError naming the field and offset where decoding stopped.
func Decode(b []byte, opt Options) (*Result, error) {
	kind := opt.Kind
	if kind == blob.KindAuto {
		ks := Detect(b, opt.Property)
		switch len(ks) {
		case 0:
			return nil, fmt.Errorf("%w (%d bytes): it is none of %s", ErrUnknownKind, len(b), kindList(blob.Kinds()))
		case 1:
			kind = ks[0]
		default:
			return nil, fmt.Errorf("%w (%d bytes): it could be %s", ErrUnknownKind, len(b), kindList(ks))
		}
	}
	var v blob.Value
	var err error
	switch kind {
	case blob.KindTZDef:
		v, err = tzdef.Parse(b)
	case blob.KindTZStruct:
		v, err = tzdef.ParseTimeZoneStruct(b)
	case blob.KindRecur:
		v, err = recurrence.ParsePattern(b)
	case blob.KindApptRecur:
		var ap *recurrence.AppointmentPattern
		if ap, err = recurrence.Parse(b); err == nil {
			ap.CodePage = opt.CodePage
			v = ap
		}
	case blob.KindGOID:
		var g *goid.GlobalObjectID
		if g, err = goid.Parse(b); err == nil {
			if p, ok := opt.Property.Property(); ok && p.Name == "PidLidCleanGlobalObjectId" {
				return &Result{Kind: kind, Size: len(b), Value: g, Trailing: g.Trailing, Findings: g.CheckClean(), Property: opt.Property}, nil
			}
			v = g
		}
	default:
		return nil, fmt.Errorf("%w: unknown kind %q (want one of %s)", ErrUnknownKind, string(kind), kindList(blob.Kinds()))
	}
	if err != nil {
		return nil, &KindError{Kind: kind, Err: err}
	}
	return &Result{Kind: kind, Size: len(b), Value: v, Trailing: v.TrailingBytes(), Findings: v.Check(), Property: opt.Property}, nil
}

// KindError is a decoder's error with the kind that was decoded: its
// message is "apptrecur: ExceptionInfo[2].Subject at offset 0x9c: …", and
// errors.As finds the *blob.DecodeError inside.
type KindError struct {
	Kind blob.Kind
	Err  error
}

func (e *KindError) Error() string { return string(e.Kind) + ": " + e.Err.Error() }

// Unwrap returns the decoder's error.
func (e *KindError) Unwrap() error { return e.Err }

func kindList(ks []blob.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

type envelope struct {
	Kind     blob.Kind      `json:"kind"`
	Size     int            `json:"size"`
	Value    blob.Value     `json:"value"`
	Trailing string         `json:"trailing,omitempty"`
	Findings []blob.Finding `json:"findings,omitempty"`
}

// MarshalJSON writes the JSON form of the project's contract:
// {"kind", "size", "value", "trailing" (upper-case hex, absent when none),
// "findings" (absent when none)}.
func (r *Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(envelope{Kind: r.Kind, Size: r.Size, Value: r.Value,
		Trailing: strings.ToUpper(hex.EncodeToString(r.Trailing)), Findings: r.Findings})
}

// SmartView renders the value as MFCMAPI's SmartView pane does.
func (r *Result) SmartView() string { return r.Value.SmartView() }

// Text renders the value for people, followed by the findings.
func (r *Result) Text() string {
	var b strings.Builder
	b.WriteString(r.Value.Text())
	for _, f := range r.Findings {
		b.WriteString("\n")
		b.WriteString(f.String())
	}
	return b.String()
}

// CrossCheck compares decoded blobs of one item with each other: a
// PidLidAppointmentTimeZoneDefinitionRecur and a PidLidTimeZoneStruct must
// agree (tzdef.Definition.CheckAgainst). A result without a property
// identity (Result.Property) may be either, so any time-zone definition is
// compared with any TimeZoneStruct. It returns nil when there is nothing to
// compare.
func CrossCheck(results []*Result) []blob.Finding {
	var defs []*tzdef.Definition
	var structs []*tzdef.TimeZoneStruct
	for _, r := range results {
		var name string
		if p, ok := r.Property.Property(); ok {
			name = p.Name
		}
		switch v := r.Value.(type) {
		case *tzdef.Definition:
			if name == "" || name == "PidLidAppointmentTimeZoneDefinitionRecur" {
				defs = append(defs, v)
			}
		case *tzdef.TimeZoneStruct:
			structs = append(structs, v)
		}
	}
	var out []blob.Finding
	for _, d := range defs {
		for _, s := range structs {
			out = append(out, d.CheckAgainst(s)...)
		}
	}
	return out
}
