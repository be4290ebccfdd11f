package propstream

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// SwappedToDo is PidTagSwappedToDoData ([MS-OXOFLAG],
// [MS-OXPROPS]): the to-do settings of a message saved while the sender's
// flags are shown, a fixed 540-byte structure.
type SwappedToDo struct {
	Version     uint32        `json:"ulVersion"`    // ulVersion: 1
	Flags       uint32        `json:"dwFlags"`      // dwFlags: TDP_ bits saying which fields are set
	ToDoItem    uint32        `json:"dwToDoItem"`   // dwToDoItem: the saved PidTagToDoItemFlags
	FlagTo      blob.HexBytes `json:"wszFlagTo"`    // wszFlagTo: 256 UTF-16LE characters, the flag's text
	StartDate   uint32        `json:"rtmStartDate"` // rtmStartDate: minutes since 1601
	DueDate     uint32        `json:"rtmDueDate"`   // rtmDueDate: minutes since 1601
	Reminder    uint32        `json:"rtmReminder"`  // rtmReminder: minutes since 1601
	ReminderSet uint32        `json:"fReminderSet"` // fReminderSet: nonzero when a reminder is set
	// Trailing holds bytes after the structure.
	Trailing blob.HexBytes `json:"-"`
}

// SwappedToDoSize is the length of a PidTagSwappedToDoData value.
const SwappedToDoSize = 4*3 + 512 + 4*4

var tdpFlags = sv.FlagTable{
	{Kind: sv.FlagValue, Value: 0, Name: "TDP_NONE"},
	{Kind: sv.FlagBit, Value: 0x01, Name: "TDP_ITEM_FLAGS"},
	{Kind: sv.FlagBit, Value: 0x08, Name: "TDP_START_DATE"},
	{Kind: sv.FlagBit, Value: 0x10, Name: "TDP_DUE_DATE"},
	{Kind: sv.FlagBit, Value: 0x20, Name: "TDP_TITLE"},
	{Kind: sv.FlagBit, Value: 0x40, Name: "TDP_REMINDER_FLAG"},
	{Kind: sv.FlagBit, Value: 0x80, Name: "TDP_REMINDER_TIME"},
}

// ParseSwappedToDo decodes a PidTagSwappedToDoData value.
func ParseSwappedToDo(b []byte) (*SwappedToDo, error) {
	t := new(SwappedToDo)
	if err := t.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return t, nil
}

// UnmarshalBinary decodes b into t.
func (t *SwappedToDo) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	var s []byte
	switch {
	case !c.U32(&t.Version):
		return c.Truncated("ulVersion", 4)
	case !c.U32(&t.Flags):
		return c.Truncated("dwFlags", 4)
	case !c.U32(&t.ToDoItem):
		return c.Truncated("dwToDoItem", 4)
	case !c.Bytes(&s, 512):
		return c.Truncated("wszFlagTo", 512)
	case !c.U32(&t.StartDate):
		return c.Truncated("rtmStartDate", 4)
	case !c.U32(&t.DueDate):
		return c.Truncated("rtmDueDate", 4)
	case !c.U32(&t.Reminder):
		return c.Truncated("rtmReminder", 4)
	case !c.U32(&t.ReminderSet):
		return c.Truncated("fReminderSet", 4)
	}
	t.FlagTo = s
	t.Trailing = c.Rest()
	return nil
}

// Kind is blob.KindSwappedToDo.
func (t *SwappedToDo) Kind() blob.Kind { return blob.KindSwappedToDo }

// TrailingBytes are the bytes after the structure.
func (t *SwappedToDo) TrailingBytes() []byte { return t.Trailing }

// Check reports a version other than 1 and trailing bytes.
func (t *SwappedToDo) Check() []blob.Finding {
	var fs []blob.Finding
	if t.Version != 1 {
		fs = append(fs, blob.Finding{Code: "SWAPPEDTODO_BAD_VERSION", Severity: blob.Warning, Path: "ulVersion",
			Message: "ulVersion is " + h8(t.Version) + ", not 1; Outlook ignores the saved to-do data"})
	}
	return append(fs, trailing("SWAPPEDTODO_TRAILING_BYTES", "fReminderSet", len(t.Trailing))...)
}

// AppendBinary appends the value's bytes to b (wszFlagTo cut or padded
// with NULs to 512 bytes).
func (t *SwappedToDo) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32(b, t.Version)
	b = wire.AppendU32(b, t.Flags)
	b = wire.AppendU32(b, t.ToDoItem)
	var s [512]byte
	copy(s[:], t.FlagTo)
	b = append(b, s[:]...)
	b = wire.AppendU32(b, t.StartDate)
	b = wire.AppendU32(b, t.DueDate)
	b = wire.AppendU32(b, t.Reminder)
	b = wire.AppendU32(b, t.ReminderSet)
	return append(b, t.Trailing...), nil
}

// MarshalBinary encodes the value.
func (t *SwappedToDo) MarshalBinary() ([]byte, error) { return t.AppendBinary(nil) }

// SmartView renders t as MFCMAPI's SmartView pane does.
func (t *SwappedToDo) SmartView() string {
	var w sv.Writer
	w.Line(0, "Swapped ToDo Data")
	w.Line(1, "ulVersion = ", h8(t.Version))
	w.Line(1, "dwFlags = ", sv.Hex(uint64(t.Flags), 1), " = ", tdpFlags.Interpret(t.Flags))
	w.Line(1, "dwToDoItem = ", h8(t.ToDoItem))
	w.Line(1, "wszFlagTo = ", wideText(t.FlagTo))
	w.Line(1, "rtmStartDate = ", h8(t.StartDate), " = ", sv.MinutesTime(t.StartDate))
	w.Line(1, "rtmDueDate = ", h8(t.DueDate), " = ", sv.MinutesTime(t.DueDate))
	w.Line(1, "rtmReminder = ", h8(t.Reminder), " = ", sv.MinutesTime(t.Reminder))
	if t.ReminderSet != 0 {
		w.Line(1, "fReminderSet: true")
	} else {
		w.Line(1, "fReminderSet: false")
	}
	w.Unparsed(1, t.Trailing)
	return w.String()
}

// Text renders t for people: its SmartView form.
func (t *SwappedToDo) Text() string { return t.SmartView() }
