package recurrence

import "github.com/mapiblob/mapiblob/blob"

// Kind is blob.KindRecur.
func (p *Pattern) Kind() blob.Kind { return blob.KindRecur }

// TrailingBytes returns Trailing.
func (p *Pattern) TrailingBytes() []byte { return p.Trailing }

// Kind is blob.KindApptRecur.
func (ap *AppointmentPattern) Kind() blob.Kind { return blob.KindApptRecur }

// TrailingBytes returns Trailing.
func (ap *AppointmentPattern) TrailingBytes() []byte { return ap.Trailing }

var (
	_ blob.Value = (*Pattern)(nil)
	_ blob.Value = (*AppointmentPattern)(nil)
)
