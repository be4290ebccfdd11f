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
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ErrUnknownKind is returned by Decode when no kind fits the blob, or
// several do and nothing tells them apart.
var ErrUnknownKind = errors.New("cannot tell which structure the blob holds")

// Detect lists the kinds b may hold. The property identity decides when
// it names a property this module decodes; otherwise the bytes' signature
// does (Decoder.Sniff), and a structure whose signature alone does not
// tell (Decoder.Confirm) counts only if b decodes as it. A structure with
// no signature is never guessed.
func Detect(b []byte, id *proptag.Identity) []blob.Kind {
	if k := propertyKind(id); k != blob.KindAuto {
		return []blob.Kind{k}
	}
	var out []blob.Kind
	for _, c := range detect(b, nil) {
		out = append(out, c.d.Kind)
	}
	return out
}

func propertyKind(id *proptag.Identity) blob.Kind { return KindOf(id) }

// candidate is a structure detection found, with its value when finding it
// took a decode.
type candidate struct {
	d *Decoder
	v blob.Value
}

// detect finds the structures b may hold: the decoders whose signature is
// certain (Sniff, not Confirm) when any matches; else those whose
// signature matches and which decode b, with their values, so that Decode
// need not decode again.
func detect(b []byte, opt *Options) []candidate {
	var sure, confirmed []candidate
	var o Options
	if opt != nil {
		o = *opt
	}
	for i := range decoders {
		d := &decoders[i]
		if d.Sniff == nil || !d.Sniff(b) {
			continue
		}
		if !d.Confirm {
			sure = append(sure, candidate{d: d})
			continue
		}
		if v, err := d.Decode(b, o); err == nil {
			confirmed = append(confirmed, candidate{d, v})
		}
	}
	if len(sure) > 0 {
		return sure
	}
	return confirmed
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

// Decode decodes b as opt.Kind, or as the kind Detect finds (decoding
// once). An error wraps ErrUnknownKind when the kind cannot be told, or is
// a *KindError holding the decoder's *blob.DecodeError, naming the field
// and offset where decoding stopped.
func Decode(b []byte, opt Options) (*Result, error) {
	kind := opt.Kind
	if kind == blob.KindAuto {
		kind = propertyKind(opt.Property)
	}
	var d *Decoder
	var v blob.Value
	if kind == blob.KindAuto {
		cs := detect(b, &opt)
		switch len(cs) {
		case 0:
			return nil, fmt.Errorf("%w (%d bytes): it is none of %s", ErrUnknownKind, len(b), kindList(Kinds()))
		case 1:
			d, v = cs[0].d, cs[0].v
		default:
			ks := make([]blob.Kind, len(cs))
			for i, c := range cs {
				ks[i] = c.d.Kind
			}
			return nil, fmt.Errorf("%w (%d bytes): it could be %s", ErrUnknownKind, len(b), kindList(ks))
		}
	} else if d = decoderOf(kind); d == nil {
		return nil, fmt.Errorf("%w: unknown kind %q (want one of %s)", ErrUnknownKind, string(kind), kindList(Kinds()))
	}
	if v == nil {
		var err error
		if v, err = d.Decode(b, opt); err != nil {
			return nil, &KindError{Kind: d.Kind, Err: err}
		}
	}
	var fs []blob.Finding
	if d.Check != nil {
		fs = d.Check(v, opt)
	} else {
		fs = v.Check()
	}
	return &Result{Kind: d.Kind, Size: len(b), Value: v, Trailing: v.TrailingBytes(), Findings: fs, Property: opt.Property}, nil
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
