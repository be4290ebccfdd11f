package recurrence

import (
	"strconv"

	"github.com/mapiblob/mapiblob/internal/sv"
)

// mfcTime formats minutes as MFCMAPI does: "02:30:00.000 PM 2/17/2011".
func mfcTime(m Minutes) string {
	t := m.Time(nil)
	h := t.Hour()
	ampm := "AM"
	if h >= 12 {
		ampm = "PM"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	two := func(v int) string {
		if v < 10 {
			return "0" + strconv.Itoa(v)
		}
		return strconv.Itoa(v)
	}
	return two(h12) + ":" + two(t.Minute()) + ":00.000 " + ampm + " " +
		strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Day()) + "/" + strconv.Itoa(t.Year())
}

func h8(v uint32) string { return sv.Hex(uint64(v), 8) }

var dowNames = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

func (p *Pattern) writeSmartView(w *sv.Writer) {
	w.Line(0, "Recurrence Pattern")
	w.Line(1, "ReaderVersion: ", sv.Hex(uint64(p.ReaderVersion), 4))
	w.Line(1, "WriterVersion: ", sv.Hex(uint64(p.WriterVersion), 4))
	w.Line(1, "RecurFrequency: ", sv.Hex(uint64(p.RecurFrequency), 4), " = ", p.RecurFrequency.smartView())
	pt := sv.Hex(uint64(p.PatternType), 1)
	if n, ok := patternNames[p.PatternType]; ok {
		pt = n[1]
	}
	w.Line(1, "PatternType: ", sv.Hex(uint64(p.PatternType), 4), " = ", pt)
	ct := sv.Hex(uint64(p.CalendarType), 1)
	if n, ok := calendarNames[p.CalendarType]; ok {
		ct = n
	}
	w.Line(1, "CalendarType: ", sv.Hex(uint64(p.CalendarType), 4), " = ", ct)
	w.Line(1, "FirstDateTime: ", h8(p.FirstDateTime), " = ", strconv.FormatUint(uint64(p.FirstDateTime), 10))
	w.Line(1, "Period: ", h8(p.Period), " = ", strconv.FormatUint(uint64(p.Period), 10))
	w.Line(1, "SlidingFlag: ", h8(p.SlidingFlag))
	s := p.PatternTypeSpecific
	switch p.PatternType {
	case Week:
		w.Line(1, "PatternTypeSpecific")
		w.Line(2, "WeekRecurrencePattern: ", h8(uint32(s.DaysOfWeek)), " = ", s.DaysOfWeek.smartView())
	case Month, MonthEnd, HjMonth, HjMonthEnd:
		w.Line(1, "PatternTypeSpecific")
		w.Line(2, "DayOfMonth: ", h8(s.Day), " = ", strconv.FormatUint(uint64(s.Day), 10))
	case MonthNth, HjMonthNth:
		w.Line(1, "PatternTypeSpecific")
		w.Line(2, "DayOfWeek: ", h8(uint32(s.DaysOfWeek)), " = ", s.DaysOfWeek.smartView())
		w.Line(2, "N: ", h8(s.N), " = ", nthName(s.N))
	}
	w.Line(1, "EndType: ", h8(uint32(p.EndType)), " = ", p.EndType.smartView())
	w.Line(1, "OccurrenceCount: ", h8(p.OccurrenceCount), " = ", strconv.FormatUint(uint64(p.OccurrenceCount), 10))
	dow := sv.Hex(uint64(p.FirstDOW), 1)
	if p.FirstDOW < 7 {
		dow = dowNames[p.FirstDOW]
	}
	w.Line(1, "FirstDOW: ", h8(p.FirstDOW), " = ", dow)
	w.Line(1, "DeletedInstanceCount: ", h8(p.DeletedInstanceCount), " = ", strconv.FormatUint(uint64(p.DeletedInstanceCount), 10))
	for i, d := range p.DeletedInstanceDates {
		w.Line(2, "DeletedInstanceDates[", strconv.Itoa(i), "]")
		w.Line(3, h8(uint32(d)), " = ", mfcTime(d))
	}
	w.Line(1, "ModifiedInstanceCount: ", h8(p.ModifiedInstanceCount), " = ", strconv.FormatUint(uint64(p.ModifiedInstanceCount), 10))
	for i, d := range p.ModifiedInstanceDates {
		w.Line(2, "ModifiedInstanceDates[", strconv.Itoa(i), "]")
		w.Line(3, h8(uint32(d)), " = ", mfcTime(d))
	}
	w.Line(1, "StartDate: ", h8(uint32(p.StartDate)), " = ", strconv.FormatUint(uint64(p.StartDate), 10), " = ", mfcTime(p.StartDate))
	w.Line(1, "EndDate: ", h8(uint32(p.EndDate)), " = ", strconv.FormatUint(uint64(p.EndDate), 10), " = ", mfcTime(p.EndDate))
}

func nthName(n uint32) string {
	switch n {
	case 1:
		return "rpn1st"
	case 2:
		return "rpn2nd"
	case 3:
		return "rpn3rd"
	case 4:
		return "rpn4th"
	case 5:
		return "rpnLast"
	}
	return sv.Hex(uint64(n), 1)
}

// SmartView renders p as MFCMAPI's SmartView pane does ("Recurrence Pattern").
func (p *Pattern) SmartView() string {
	var w sv.Writer
	p.writeSmartView(&w)
	w.Unparsed(0, p.Trailing)
	return w.String()
}

var meetingTypeNames = []sv.FlagName{{Bit: 0x1, Name: "asfMeeting"}, {Bit: 0x2, Name: "asfReceived"}, {Bit: 0x4, Name: "asfCancelled"}, {Bit: 0x8, Name: "asfForward"}}

var changeHighlightNames = []sv.FlagName{
	{Bit: 0x1, Name: "BIT_CH_START"}, {Bit: 0x2, Name: "BIT_CH_END"}, {Bit: 0x4, Name: "BIT_CH_RECUR"},
	{Bit: 0x8, Name: "BIT_CH_LOCATION"}, {Bit: 0x10, Name: "BIT_CH_SUBJECT"}, {Bit: 0x20, Name: "BIT_CH_REQATT"},
	{Bit: 0x40, Name: "BIT_CH_OPTATT"}, {Bit: 0x80, Name: "BIT_CH_BODY"}, {Bit: 0x100, Name: "BIT_CH_CUSTOM"},
	{Bit: 0x200, Name: "BIT_CH_SILENT"}, {Bit: 0x400, Name: "BIT_CH_ALLOWPROPOSE"}, {Bit: 0x800, Name: "BIT_CH_CONF"},
	{Bit: 0x1000, Name: "BIT_CH_ATT_REM"}, {Bit: 0x80000000, Name: "BIT_CH_NOTUSED"},
}

// SmartView renders ap as MFCMAPI's SmartView pane does ("Recurrence
// Pattern" then "Appointment Recurrence Pattern").
func (ap *AppointmentPattern) SmartView() string {
	var w sv.Writer
	ap.RecurrencePattern.writeSmartView(&w)
	w.Line(0, "Appointment Recurrence Pattern")
	w.Line(1, "ReaderVersion2: ", h8(ap.ReaderVersion2))
	w.Line(1, "WriterVersion2: ", h8(ap.WriterVersion2))
	w.Line(1, "StartTimeOffset: ", h8(ap.StartTimeOffset), " = ", strconv.FormatUint(uint64(ap.StartTimeOffset), 10), " = ", mfcTime(Minutes(ap.StartTimeOffset)))
	w.Line(1, "EndTimeOffset: ", h8(ap.EndTimeOffset), " = ", strconv.FormatUint(uint64(ap.EndTimeOffset), 10), " = ", mfcTime(Minutes(ap.EndTimeOffset)))
	w.Line(1, "ExceptionCount: ", sv.Hex(uint64(ap.ExceptionCount), 4))
	highlight := ap.WriterVersion2 >= ChangeHighlightVersion
	for i := range ap.Exceptions {
		w.Line(2, "ExceptionInfo[", strconv.Itoa(i), "]")
		writeSmartView(&w, 3, &ap.Exceptions[i], infoFields, ap.buf, ap.CodePage, highlight)
	}
	w.Line(1, "ReservedBlock1Size: ", h8(ap.ReservedBlock1Size))
	if len(ap.ReservedBlock1) > 0 {
		w.Line(2, sv.Bytes(ap.ReservedBlock1))
	}
	for i := range ap.Exceptions {
		w.Line(1, "ExtendedException[", strconv.Itoa(i), "]")
		writeSmartView(&w, 2, &ap.Exceptions[i], extFields, ap.buf, ap.CodePage, highlight)
	}
	w.Line(1, "ReservedBlock2Size: ", h8(ap.ReservedBlock2Size))
	if len(ap.ReservedBlock2) > 0 {
		w.Line(2, sv.Bytes(ap.ReservedBlock2))
	}
	w.Unparsed(0, ap.Trailing)
	return w.String()
}
