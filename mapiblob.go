// Package mapiblob is the one-call entry to the module: ReadInput reads
// the blobs in what a user pastes, and Decode decodes each with the
// structure it holds. It composes the packages below and holds no rule of
// its own; a program that needs more calls them directly:
//
//   - blob: the shared types (DecodeError, Finding, Severity, Kind, CodePage)
//   - guid: the 16-byte GUID in every textual form, the ExMerge escape and log
//   - proptag: property tags, types, sets and named properties
//   - tzdef, recurrence, goid: one decoder per structure
//   - smartview: detect and decode any blob, as MFCMAPI's SmartView does; series
//   - item: the one item model (properties, recipients, attachments), its checks and repair
//   - item's format packages: MFCMAPI XML, .msg, TNEF and .eml
//   - ical: iCalendar, both ways
//   - explain: what the web page shows
package mapiblob

import (
	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/smartview"
)

// Version is the module's version, printed by `mapiblob version`.
const Version = "0.3.0"

// ReadInput reads every blob in text: plain hex in any layout, MFCMAPI's
// "cb: N lpb: HEX", MFCMAPI's XML property export (several properties give
// several blobs), "base64:…", or base64 when the text is not hex.
func ReadInput(text string) ([]input.Blob, error) { return input.Parse(text) }

// ReadInputBytes reads every blob in b, which may be text (as ReadInput
// reads) or the blob's raw bytes; mode forces one reading
// (input.ModeAuto tells them apart by content).
func ReadInputBytes(b []byte, mode input.Mode) ([]input.Blob, error) {
	return input.ParseBytes(b, mode)
}

// Decode reads every blob in text as ReadInput does and decodes each as
// smartview.Decode does, choosing the structure by the property an export
// names or by the bytes. The first error stops it.
func Decode(text string) ([]*smartview.Result, error) {
	blobs, err := ReadInput(text)
	if err != nil {
		return nil, err
	}
	out := make([]*smartview.Result, 0, len(blobs))
	for _, b := range blobs {
		r, err := smartview.Decode(b.Bytes, smartview.Options{Property: b.Identity})
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
