package tzdef

import "github.com/mapiblob/mapiblob/blob"

// Kind is blob.KindTZDef.
func (d *Definition) Kind() blob.Kind { return blob.KindTZDef }

// TrailingBytes returns Trailing.
func (d *Definition) TrailingBytes() []byte { return d.Trailing }

// Kind is blob.KindTZStruct.
func (tz *TimeZoneStruct) Kind() blob.Kind { return blob.KindTZStruct }

// TrailingBytes returns Trailing.
func (tz *TimeZoneStruct) TrailingBytes() []byte { return tz.Trailing }

var (
	_ blob.Value = (*Definition)(nil)
	_ blob.Value = (*TimeZoneStruct)(nil)
)
