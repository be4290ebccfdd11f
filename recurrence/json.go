package recurrence

import (
	"encoding/json"
	"strconv"
)

// The JSON form follows the project's JSON contract: keys are the field
// names of [MS-OXOCAL], counts appear as stored, dates stay raw minutes,
// byte fields are upper-case hex, and a field the blob does not contain is
// absent rather than zero.

// MarshalJSON writes the JSON form of the pattern: its fields as they are,
// except PatternTypeSpecific, whose keys depend on PatternType, and the date
// lists, which are [] rather than null when empty.
func (p *Pattern) MarshalJSON() ([]byte, error) {
	type plain Pattern // the same fields without this method
	v := *p
	if v.DeletedInstanceDates == nil {
		v.DeletedInstanceDates = []Minutes{}
	}
	if v.ModifiedInstanceDates == nil {
		v.ModifiedInstanceDates = []Minutes{}
	}
	return json.Marshal(struct {
		*plain
		PatternTypeSpecific map[string]uint32 `json:"PatternTypeSpecific"`
	}{(*plain)(&v), p.patternTypeSpecificJSON()})
}

// MarshalJSON writes the JSON form; 8-bit strings are decoded with
// ap.CodePage. ExceptionInfo and ExtendedException are two arrays, as in
// the blob, each entry written from the field tables.
func (ap *AppointmentPattern) MarshalJSON() ([]byte, error) {
	pj, err := ap.RecurrencePattern.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 512+len(pj)+256*len(ap.Exceptions))
	b = append(b, `{"RecurrencePattern":`...)
	b = append(b, pj...)
	for _, f := range [...]struct {
		name string
		v    uint32
	}{{"ReaderVersion2", ap.ReaderVersion2}, {"WriterVersion2", ap.WriterVersion2}, {"StartTimeOffset", ap.StartTimeOffset},
		{"EndTimeOffset", ap.EndTimeOffset}, {"ExceptionCount", uint32(ap.ExceptionCount)}} {
		b = append(b, `,"`+f.name+`":`...)
		b = strconv.AppendUint(b, uint64(f.v), 10)
	}
	highlight := ap.WriterVersion2 >= ChangeHighlightVersion
	list := func(fs []field) {
		b = append(b, '[')
		for i := range ap.Exceptions {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, &ap.Exceptions[i], fs, ap.buf, ap.CodePage, highlight)
		}
		b = append(b, ']')
	}
	block := func(name string, size uint32, data []byte) {
		b = append(b, `,"`+name+`Size":`...)
		b = strconv.AppendUint(b, uint64(size), 10)
		b = append(b, `,"`+name+`":`...)
		b = appendJSONHex(b, data)
	}
	b = append(b, `,"ExceptionInfo":`...)
	list(infoFields)
	block("ReservedBlock1", ap.ReservedBlock1Size, ap.ReservedBlock1)
	b = append(b, `,"ExtendedException":`...)
	list(extFields)
	block("ReservedBlock2", ap.ReservedBlock2Size, ap.ReservedBlock2)
	return append(b, '}'), nil
}
