package rules

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/entryid"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/propstream"
)

// ExtendedRuleActions is PidTagExtendedRuleMessageActions ([MS-OXORULE]
// 2.2.4.1.9, the extended RuleAction buffer of 2.2.5):
// NamedPropertyInformation, RuleVersion, then NoOfActions action blocks.
type ExtendedRuleActions struct {
	NamedPropertyInformation NamedPropertyInformation `json:"NamedPropertyInformation"`
	RuleVersion              uint32                   `json:"RuleVersion"` // RuleVersion: 1
	NoOfActions              uint32                   `json:"NoOfActions"` // NoOfActions, as stored; encoding writes len(ActionBlocks)
	ActionBlocks             []ActionBlock            `json:"ActionBlocks"`
	Trailing                 blob.HexBytes            `json:"-"`
}

// ActionBlock is one action ([MS-OXORULE] 2.2.5.1). ActionLength counts
// the bytes after it: ActionType, ActionFlavor, ActionFlags and
// ActionData; encoding writes it from them.
type ActionBlock struct {
	ActionLength uint32 `json:"ActionLength"`
	ActionType   uint8  `json:"ActionType"`   // OP_MOVE, OP_COPY, OP_FORWARD…
	ActionFlavor uint32 `json:"ActionFlavor"` // FWD_ or reply flags
	ActionFlags  uint32 `json:"ActionFlags"`
	// ActionData is the action's data as stored; Move, Tag and Forward
	// hold what it decodes to for those actions.
	ActionData blob.HexBytes             `json:"ActionData"`
	Move       *MoveCopyAction           `json:"MoveCopy,omitempty"`
	Tag        *propstream.PropertyValue `json:"Tag,omitempty"`
	Forward    []RecipientBlock          `json:"RecipientBlocks,omitempty"`
}

// MoveCopyAction is the ActionData of OP_MOVE and OP_COPY in an extended
// rule ([MS-OXORULE] 2.2.5.1.2.1.1).
type MoveCopyAction struct {
	StoreEIDSize  uint32        `json:"StoreEIDSize"`
	StoreEID      blob.HexBytes `json:"StoreEID"`
	FolderEIDSize uint32        `json:"FolderEIDSize"`
	FolderEID     blob.HexBytes `json:"FolderEID"`
}

// RecipientBlock is one recipient of OP_FORWARD or OP_DELEGATE
// ([MS-OXORULE] 2.2.5.1.2.4.1).
type RecipientBlock struct {
	Reserved       uint8                      `json:"Reserved"`
	NoOfProperties uint32                     `json:"NoOfProperties"`
	PropertyValues []propstream.PropertyValue `json:"PropertyValues"`
}

// Action types ([MS-OXORULE] 2.2.5.1).
const (
	OpMove         = 0x01
	OpCopy         = 0x02
	OpReply        = 0x03
	OpOOFReply     = 0x04
	OpDeferAction  = 0x05
	OpBounce       = 0x06
	OpForward      = 0x07
	OpDelegate     = 0x08
	OpTag          = 0x09
	OpDelete       = 0x0A
	OpMarkAsRead   = 0x0B
	actionMinSize  = 4 + 1 + 4 + 4
	actionDataBase = 1 + 4 + 4
)

var (
	actionTypes = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 1, Name: "OP_MOVE"}, {Kind: sv.FlagValue, Value: 2, Name: "OP_COPY"},
		{Kind: sv.FlagValue, Value: 3, Name: "OP_REPLY"}, {Kind: sv.FlagValue, Value: 4, Name: "OP_OOF_REPLY"},
		{Kind: sv.FlagValue, Value: 5, Name: "OP_DEFER_ACTION"}, {Kind: sv.FlagValue, Value: 6, Name: "OP_BOUNCE"},
		{Kind: sv.FlagValue, Value: 7, Name: "OP_FORWARD"}, {Kind: sv.FlagValue, Value: 8, Name: "OP_DELEGATE"},
		{Kind: sv.FlagValue, Value: 9, Name: "OP_TAG"}, {Kind: sv.FlagValue, Value: 10, Name: "OP_DELETE"},
		{Kind: sv.FlagValue, Value: 11, Name: "OP_MARK_AS_READ"},
	}
	forwardFlavors = sv.FlagTable{
		{Kind: sv.FlagBit, Value: 1, Name: "FWD_PRESERVE_SENDER"}, {Kind: sv.FlagBit, Value: 2, Name: "FWD_DO_NOT_MUNGE_MSG"},
		{Kind: sv.FlagBit, Value: 4, Name: "FWD_AS_ATTACHMENT"}, {Kind: sv.FlagBit, Value: 8, Name: "FWD_AS_SMS_ALERT"},
	}
	replyFlavors = sv.FlagTable{
		{Kind: sv.FlagBit, Value: 1, Name: "DO_NOT_SEND_TO_ORIGINATOR"}, {Kind: sv.FlagBit, Value: 2, Name: "STOCK_REPLY_TEMPLATE"},
	}
	bounceCodes = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0x0D, Name: "BOUNCE_MESSAGE_SIZE_TOO_LARGE"},
		{Kind: sv.FlagValue, Value: 0x1F, Name: "BOUNCE_FORMS_MISMATCH"},
		{Kind: sv.FlagValue, Value: 0x26, Name: "BOUNCE_ACCESS_DENIED"},
	}
)

// ParseExtendedRuleActions decodes a PidTagExtendedRuleMessageActions value.
func ParseExtendedRuleActions(b []byte) (*ExtendedRuleActions, error) {
	a := new(ExtendedRuleActions)
	c := wire.NewCursor(b)
	if err := a.NamedPropertyInformation.decode(&c); err != nil {
		return nil, err
	}
	if !c.U32(&a.RuleVersion) {
		return nil, c.Truncated("RuleVersion", 4)
	}
	if !c.U32(&a.NoOfActions) {
		return nil, c.Truncated("NoOfActions", 4)
	}
	if !c.Fits(uint64(a.NoOfActions), actionMinSize) {
		return nil, wire.CountTooLarge("NoOfActions", c.Offset()-4, uint64(a.NoOfActions), actionMinSize, c.Len())
	}
	a.ActionBlocks = make([]ActionBlock, a.NoOfActions)
	for i := range a.ActionBlocks {
		blk := &a.ActionBlocks[i]
		path := wire.Path("ActionBlocks", i, "")
		if !c.U32(&blk.ActionLength) {
			return nil, c.Truncated(path+".ActionLength", 4)
		}
		start := c.Offset()
		var body []byte
		if blk.ActionLength < actionDataBase || !c.Bytes(&body, int(min(blk.ActionLength, 1<<31-1))) {
			return nil, wire.Invalid(path+".ActionLength", start-4, "ActionLength "+strconv.FormatUint(uint64(blk.ActionLength), 10)+
				" does not fit the "+strconv.Itoa(c.Len())+" bytes left or holds no ActionType, ActionFlavor and ActionFlags")
		}
		r := wire.NewCursor(body)
		r.U8(&blk.ActionType)
		r.U32(&blk.ActionFlavor)
		r.U32(&blk.ActionFlags)
		blk.ActionData = r.Rest()
		if err := blk.decodeData(); err != nil {
			return nil, shift(err, start+actionDataBase, path+".ActionData")
		}
	}
	a.Trailing = c.Rest()
	return a, nil
}

// decodeData reads what ActionData holds for the actions this package
// reads; its error offsets count from the start of ActionData.
func (blk *ActionBlock) decodeData() error {
	c := wire.NewCursor(blk.ActionData)
	switch blk.ActionType {
	case OpMove, OpCopy:
		m := new(MoveCopyAction)
		var s, f []byte
		if !c.U32(&m.StoreEIDSize) {
			return c.Truncated(".StoreEIDSize", 4)
		}
		if !c.Bytes(&s, int(min(m.StoreEIDSize, 1<<31-1))) {
			return c.Truncated(".StoreEID", int(min(m.StoreEIDSize, 1<<31-1)))
		}
		if !c.U32(&m.FolderEIDSize) {
			return c.Truncated(".FolderEIDSize", 4)
		}
		if !c.Bytes(&f, int(min(m.FolderEIDSize, 1<<31-1))) {
			return c.Truncated(".FolderEID", int(min(m.FolderEIDSize, 1<<31-1)))
		}
		m.StoreEID, m.FolderEID = s, f
		if c.Empty() {
			blk.Move = m
		}
	case OpTag:
		v, n, err := propstream.ReadPropertyValue(blk.ActionData, propstream.FormatRule)
		if err != nil {
			return shift(err, 0, ".TaggedPropertyValue")
		}
		if n == len(blk.ActionData) {
			blk.Tag = &v
		}
	case OpForward, OpDelegate:
		var n uint32
		if !c.U32(&n) {
			return c.Truncated(".RecipientCount", 4)
		}
		if !c.Fits(uint64(n), 5) {
			return wire.CountTooLarge(".RecipientCount", 0, uint64(n), 5, c.Len())
		}
		rs := make([]RecipientBlock, n)
		for i := range rs {
			path := wire.Path(".RecipientBlocks", i, "")
			if !c.U8(&rs[i].Reserved) || !c.U32(&rs[i].NoOfProperties) {
				return c.Truncated(path+".NoOfProperties", 5)
			}
			if !c.Fits(uint64(rs[i].NoOfProperties), 4) {
				return wire.CountTooLarge(path+".NoOfProperties", c.Offset()-4, uint64(rs[i].NoOfProperties), 4, c.Len())
			}
			rs[i].PropertyValues = make([]propstream.PropertyValue, rs[i].NoOfProperties)
			for j := range rs[i].PropertyValues {
				off := c.Offset()
				v, k, err := propstream.ReadPropertyValue(c.Peek(), propstream.FormatRule)
				if err != nil {
					return shift(err, off, wire.Path(path+".PropertyValues", j, ""))
				}
				c.Skip(k)
				rs[i].PropertyValues[j] = v
			}
		}
		if c.Empty() && len(rs) > 0 {
			blk.Forward = rs
		}
	}
	return nil
}

// Kind is blob.KindExtendedRuleAction.
func (a *ExtendedRuleActions) Kind() blob.Kind { return blob.KindExtendedRuleAction }

// TrailingBytes are the bytes after the last action block.
func (a *ExtendedRuleActions) TrailingBytes() []byte { return a.Trailing }

// Check reports a rule version other than 1, unknown action types and
// trailing bytes.
func (a *ExtendedRuleActions) Check() []blob.Finding {
	var fs []blob.Finding
	if a.RuleVersion != 1 {
		fs = append(fs, blob.Finding{Code: "RULEACTION_BAD_VERSION", Severity: blob.Error, Path: "RuleVersion",
			Message: "RuleVersion is " + strconv.FormatUint(uint64(a.RuleVersion), 10) + ", not 1; the server refuses the rule"})
	}
	for i, blk := range a.ActionBlocks {
		if blk.ActionType < OpMove || blk.ActionType > OpMarkAsRead {
			fs = append(fs, blob.Finding{Code: "RULEACTION_UNKNOWN_TYPE", Severity: blob.Error, Path: wire.Path("ActionBlocks", i, "ActionType"),
				Message: "ActionType " + strconv.Itoa(int(blk.ActionType)) + " is not one [MS-OXORULE] 2.2.5.1 defines; the server refuses the rule"})
		}
	}
	return append(fs, trailingFinding("RULEACTION_TRAILING_BYTES", "ActionBlocks", len(a.Trailing))...)
}

// AppendBinary appends the actions' bytes to b.
func (a *ExtendedRuleActions) AppendBinary(b []byte) ([]byte, error) {
	b = a.NamedPropertyInformation.appendBinary(b)
	b = wire.AppendU32(b, a.RuleVersion)
	b = wire.AppendU32(b, uint32(len(a.ActionBlocks)))
	for _, blk := range a.ActionBlocks {
		b = wire.AppendU32(b, uint32(actionDataBase+len(blk.ActionData)))
		b = append(b, blk.ActionType)
		b = wire.AppendU32(b, blk.ActionFlavor)
		b = wire.AppendU32(b, blk.ActionFlags)
		b = append(b, blk.ActionData...)
	}
	return append(b, a.Trailing...), nil
}

// MarshalBinary encodes the actions.
func (a *ExtendedRuleActions) MarshalBinary() ([]byte, error) { return a.AppendBinary(nil) }

// SmartView renders a as MFCMAPI's SmartView pane does.
func (a *ExtendedRuleActions) SmartView() string {
	var w sv.Writer
	w.Line(0, "Extended Rule Action")
	a.NamedPropertyInformation.smartView(&w, "\t")
	w.Line(1, "RuleVersion: ", sv.Hex(uint64(a.RuleVersion), 8))
	w.Line(1, "NoOfActions: ", sv.Hex(uint64(a.NoOfActions), 8))
	for i, blk := range a.ActionBlocks {
		w.Line(1, "ActionBlocks[", strconv.Itoa(i), "]")
		w.Line(2, "ActionLength: ", sv.Hex(uint64(blk.ActionLength), 8))
		w.Line(2, "ActionType: ", actionTypes.Interpret(uint32(blk.ActionType)), " = ", strconv.Itoa(int(blk.ActionType)))
		switch blk.ActionType {
		case OpForward, OpDelegate:
			w.Line(2, "ActionFlavor: ", forwardFlavors.Interpret(blk.ActionFlavor), " = ", sv.Hex(uint64(blk.ActionFlavor), 8))
		case OpReply, OpOOFReply:
			w.Line(2, "ActionFlavor: ", replyFlavors.Interpret(blk.ActionFlavor), " = ", sv.Hex(uint64(blk.ActionFlavor), 8))
		default:
			w.Line(2, "ActionFlavor: ", sv.Hex(uint64(blk.ActionFlavor), 8))
		}
		w.Line(2, "ActionFlags: ", sv.Hex(uint64(blk.ActionFlags), 8))
		blk.dataSmartView(&w)
	}
	w.Unparsed(1, a.Trailing)
	return w.String()
}

func (blk *ActionBlock) dataSmartView(w *sv.Writer) {
	switch {
	case blk.Move != nil:
		if blk.ActionType == OpMove {
			w.Line(2, "ActionDataMove")
		} else {
			w.Line(2, "ActionDataCopy")
		}
		m := blk.Move
		w.Line(3, "StoreEIDSize: ", sv.Hex(uint64(m.StoreEIDSize), 8))
		w.Line(3, "StoreEIDBytes")
		w.Line(4, sv.Bytes(m.StoreEID))
		w.Line(3, "FolderEIDSize: ", sv.Hex(uint64(m.FolderEIDSize), 8))
		w.Line(3, "FolderEID")
		if e, err := entryid.Parse(m.FolderEID); err == nil {
			w.Line(0, indentText(e.SmartView(), "\t\t\t\t"))
		} else {
			w.Line(4, sv.Bytes(m.FolderEID))
		}
	case blk.Tag != nil:
		w.Line(2, "ActionDataTag")
		w.Line(3, "TaggedPropertyValue")
		w.Line(4, "Property[0]")
		w.Line(0, blk.Tag.SmartViewText("\t\t\t\t\t"))
	case blk.Forward != nil:
		if blk.ActionType == OpForward {
			w.Line(2, "ActionDataForward")
		} else {
			w.Line(2, "ActionDataDelegate")
		}
		w.Line(3, "RecipientCount: ", sv.Hex(uint64(len(blk.Forward)), 8))
		for i, r := range blk.Forward {
			w.Line(3, "RecipientBlocks[", strconv.Itoa(i), "]")
			w.Line(4, "Reserved: ", sv.Hex(uint64(r.Reserved), 1))
			w.Line(4, "NoOfProperties: ", sv.Hex(uint64(r.NoOfProperties), 8))
			for j := range r.PropertyValues {
				w.Line(4, "PropertyValues[", strconv.Itoa(j), "]")
				w.Line(0, r.PropertyValues[j].SmartViewText("\t\t\t\t\t"))
			}
		}
	case blk.ActionType == OpDeferAction:
		w.Line(2, "ActionDataDefer")
		w.Line(3, "deferBytes")
		w.Line(4, sv.Bytes(blk.ActionData))
	case blk.ActionType == OpBounce && len(blk.ActionData) == 4:
		v := uint32(blk.ActionData[0]) | uint32(blk.ActionData[1])<<8 | uint32(blk.ActionData[2])<<16 | uint32(blk.ActionData[3])<<24
		w.Line(2, "ActionDataBounce")
		w.Line(3, "BounceCode: ", bounceCodes.Interpret(v), " = ", sv.Hex(uint64(v), 8))
	case len(blk.ActionData) > 0:
		w.Line(2, "ActionData")
		w.Line(3, sv.Bytes(blk.ActionData))
	}
}

// Text renders a for people: its SmartView form.
func (a *ExtendedRuleActions) Text() string { return a.SmartView() }
