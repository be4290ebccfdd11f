package recurrence

import (
	"encoding/json"
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

type exceptionInfoJSON struct {
	StartDateTime     uint32  `json:"StartDateTime"`
	EndDateTime       uint32  `json:"EndDateTime"`
	OriginalStartDate uint32  `json:"OriginalStartDate"`
	OverrideFlags     uint16  `json:"OverrideFlags"`
	SubjectLength     *uint16 `json:"SubjectLength,omitempty"`
	SubjectLength2    *uint16 `json:"SubjectLength2,omitempty"`
	Subject           *string `json:"Subject,omitempty"`
	MeetingType       *uint32 `json:"MeetingType,omitempty"`
	ReminderDelta     *uint32 `json:"ReminderDelta,omitempty"`
	ReminderSet       *uint32 `json:"ReminderSet,omitempty"`
	LocationLength    *uint16 `json:"LocationLength,omitempty"`
	LocationLength2   *uint16 `json:"LocationLength2,omitempty"`
	Location          *string `json:"Location,omitempty"`
	BusyStatus        *uint32 `json:"BusyStatus,omitempty"`
	Attachment        *uint32 `json:"Attachment,omitempty"`
	SubType           *uint32 `json:"SubType,omitempty"`
	AppointmentColor  *uint32 `json:"AppointmentColor,omitempty"`
}

func ptr[T any](v T) *T { return &v }

func (e *ExceptionInfo) jsonForm(cp CodePage) exceptionInfoJSON {
	j := exceptionInfoJSON{StartDateTime: uint32(e.StartDateTime), EndDateTime: uint32(e.EndDateTime),
		OriginalStartDate: uint32(e.OriginalStartDate), OverrideFlags: uint16(e.OverrideFlags)}
	f := e.OverrideFlags
	if f&ARO_SUBJECT != 0 {
		j.SubjectLength, j.SubjectLength2, j.Subject = ptr(e.SubjectLength), ptr(e.SubjectLength2), ptr(e.SubjectText(cp))
	}
	if f&ARO_MEETINGTYPE != 0 {
		j.MeetingType = ptr(e.MeetingType)
	}
	if f&ARO_REMINDERDELTA != 0 {
		j.ReminderDelta = ptr(e.ReminderDelta)
	}
	if f&ARO_REMINDER != 0 {
		j.ReminderSet = ptr(e.ReminderSet)
	}
	if f&ARO_LOCATION != 0 {
		j.LocationLength, j.LocationLength2, j.Location = ptr(e.LocationLength), ptr(e.LocationLength2), ptr(e.LocationText(cp))
	}
	if f&ARO_BUSYSTATUS != 0 {
		j.BusyStatus = ptr(e.BusyStatus)
	}
	if f&ARO_ATTACHMENT != 0 {
		j.Attachment = ptr(e.Attachment)
	}
	if f&ARO_SUBTYPE != 0 {
		j.SubType = ptr(e.SubType)
	}
	if f&ARO_APPTCOLOR != 0 {
		j.AppointmentColor = ptr(e.AppointmentColor)
	}
	return j
}

type extendedExceptionJSON struct {
	ChangeHighlight        *ChangeHighlight `json:"ChangeHighlight,omitempty"`
	ReservedBlockEE1Size   uint32           `json:"ReservedBlockEE1Size"`
	ReservedBlockEE1       HexBytes         `json:"ReservedBlockEE1"`
	StartDateTime          *uint32          `json:"StartDateTime,omitempty"`
	EndDateTime            *uint32          `json:"EndDateTime,omitempty"`
	OriginalStartDate      *uint32          `json:"OriginalStartDate,omitempty"`
	WideCharSubjectLength  *uint16          `json:"WideCharSubjectLength,omitempty"`
	WideCharSubject        *string          `json:"WideCharSubject,omitempty"`
	WideCharLocationLength *uint16          `json:"WideCharLocationLength,omitempty"`
	WideCharLocation       *string          `json:"WideCharLocation,omitempty"`
	ReservedBlockEE2Size   *uint32          `json:"ReservedBlockEE2Size,omitempty"`
	ReservedBlockEE2       *HexBytes        `json:"ReservedBlockEE2,omitempty"`
}

func (x *ExtendedException) jsonForm(f OverrideFlags, highlight bool) extendedExceptionJSON {
	j := extendedExceptionJSON{ReservedBlockEE1Size: x.ReservedBlockEE1Size, ReservedBlockEE1: nonNil(x.ReservedBlockEE1)}
	if highlight {
		ch := x.ChangeHighlight
		ch.Reserved = nonNil(ch.Reserved)
		j.ChangeHighlight = &ch
	}
	if f.HasDates() {
		j.StartDateTime, j.EndDateTime, j.OriginalStartDate = ptr(uint32(x.StartDateTime)), ptr(uint32(x.EndDateTime)), ptr(uint32(x.OriginalStartDate))
		if f&ARO_SUBJECT != 0 {
			j.WideCharSubjectLength, j.WideCharSubject = ptr(x.WideCharSubjectLength), ptr(x.SubjectText())
		}
		if f&ARO_LOCATION != 0 {
			j.WideCharLocationLength, j.WideCharLocation = ptr(x.WideCharLocationLength), ptr(x.LocationText())
		}
		j.ReservedBlockEE2Size, j.ReservedBlockEE2 = ptr(x.ReservedBlockEE2Size), ptr(nonNil(x.ReservedBlockEE2))
	}
	return j
}

func nonNil(h HexBytes) HexBytes {
	if h == nil {
		return HexBytes{}
	}
	return h
}

type appointmentJSON struct {
	RecurrencePattern  *Pattern                `json:"RecurrencePattern"`
	ReaderVersion2     uint32                  `json:"ReaderVersion2"`
	WriterVersion2     uint32                  `json:"WriterVersion2"`
	StartTimeOffset    uint32                  `json:"StartTimeOffset"`
	EndTimeOffset      uint32                  `json:"EndTimeOffset"`
	ExceptionCount     uint16                  `json:"ExceptionCount"`
	ExceptionInfo      []exceptionInfoJSON     `json:"ExceptionInfo"`
	ReservedBlock1Size uint32                  `json:"ReservedBlock1Size"`
	ReservedBlock1     HexBytes                `json:"ReservedBlock1"`
	ExtendedException  []extendedExceptionJSON `json:"ExtendedException"`
	ReservedBlock2Size uint32                  `json:"ReservedBlock2Size"`
	ReservedBlock2     HexBytes                `json:"ReservedBlock2"`
}

// MarshalJSON writes the JSON form; 8-bit strings are decoded with
// ap.CodePage.
func (ap *AppointmentPattern) MarshalJSON() ([]byte, error) {
	j := appointmentJSON{
		RecurrencePattern: &ap.RecurrencePattern, ReaderVersion2: ap.ReaderVersion2,
		WriterVersion2: ap.WriterVersion2, StartTimeOffset: ap.StartTimeOffset, EndTimeOffset: ap.EndTimeOffset,
		ExceptionCount: ap.ExceptionCount, ExceptionInfo: make([]exceptionInfoJSON, len(ap.ExceptionInfo)),
		ReservedBlock1Size: ap.ReservedBlock1Size, ReservedBlock1: nonNil(ap.ReservedBlock1),
		ExtendedException:  make([]extendedExceptionJSON, len(ap.ExtendedException)),
		ReservedBlock2Size: ap.ReservedBlock2Size, ReservedBlock2: nonNil(ap.ReservedBlock2),
	}
	for i := range ap.ExceptionInfo {
		j.ExceptionInfo[i] = ap.ExceptionInfo[i].jsonForm(ap.CodePage)
	}
	for i := range ap.ExtendedException {
		var f OverrideFlags
		if i < len(ap.ExceptionInfo) {
			f = ap.ExceptionInfo[i].OverrideFlags
		}
		j.ExtendedException[i] = ap.ExtendedException[i].jsonForm(f, ap.WriterVersion2 >= ChangeHighlightVersion)
	}
	return json.Marshal(j)
}
