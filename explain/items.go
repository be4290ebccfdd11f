package explain

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/internal/shell"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/itemfile"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ItemExplanation is one item of an item file: what `mapiblob check` finds
// in it, each decoded binary property as a blob, the repair of an empty
// time-zone key name, its occurrences and its iCalendar file.
type ItemExplanation struct {
	// Label names the item as `mapiblob decode` does: the file, the path
	// of an embedded message, and the message class.
	Label string `json:"label"`
	// Path locates the message in the file ("/" for the top-level one).
	Path string `json:"path,omitempty"`
	// Parent is the Path of the message holding this one ("" for the
	// top-level message).
	Parent string `json:"parent,omitempty"`
	// Subject is PidTagSubject.
	Subject string `json:"subject,omitempty"`
	// Worst is the highest severity among Findings ("" when none).
	Worst string `json:"worst,omitempty"`
	// Findings are Item.Check's: the item-level checks (ITEM_… codes) and
	// those of every decoded property, as `mapiblob check` prints them.
	Findings []FindingView `json:"findings,omitempty"`
	// Blobs are the item's binary properties this module decodes (or could
	// not read), in the item's order.
	Blobs []BlobExplanation `json:"blobs,omitempty"`
	// TZRepair is the item's five time-zone properties rebuilt, as `mapiblob
	// repair tz` writes them, when a time-zone definition of the item has
	// an empty key name (TZ_EMPTY_KEYNAME).
	TZRepair *ItemRepair `json:"tzRepair,omitempty"`
	// Series is the item's recurring series, expanded.
	Series *SeriesExplanation `json:"series,omitempty"`
	// ICS is the item as an iCalendar VCALENDAR (ical.Encode; "" when
	// it is no event); ICSName is a file name for it; ICSError says why
	// there is none when the item is an event that cannot be written.
	ICS      string `json:"ics,omitempty"`
	ICSName  string `json:"icsName,omitempty"`
	ICSError string `json:"icsError,omitempty"`
	// Text is what `mapiblob decode` prints for the item.
	Text string `json:"text"`
}

// ItemRepair is an item's time-zone properties rebuilt (item.RepairTZ).
type ItemRepair struct {
	// Zone is the Windows key name written ("" when none is known: Note
	// says why).
	Zone string `json:"zone,omitempty"`
	// Reason says where the zone came from: the item's properties that name
	// it, or the zone picked.
	Reason string `json:"reason,omitempty"`
	Note   string `json:"note,omitempty"`
	// Text lists the properties with their values (binary as hex) to paste
	// into MFCMAPI; XML is the same as an MFCMAPI-style fragment, what
	// Command prints.
	Text    string `json:"text,omitempty"`
	XML     string `json:"xml,omitempty"`
	Command string `json:"command,omitempty"`
}

// itemRepair rebuilds the time-zone properties of an item whose findings
// include TZ_EMPTY_KEYNAME, in the zone its properties name, else the zone
// picked; nil when the item needs no repair.
func itemRepair(it *item.Item, fs []blob.Finding, o *explainOpts) *ItemRepair {
	need := false
	for _, f := range fs {
		need = need || f.Code == tzdef.CodeEmptyKeyName
	}
	if !need {
		return nil
	}
	ir := &ItemRepair{}
	zoneArg := ""
	r, err := it.RepairTZ("")
	if err != nil && o.zone != "" {
		r, err = it.RepairTZ(o.zone)
		zoneArg = " --zone " + shell.Quote(o.zone)
	}
	if err != nil {
		ir.Note = err.Error() + "; pick the zone the meeting was made in"
		return ir
	}
	ir.Zone, ir.Reason = r.Zone, r.Inferred
	if ir.Reason == "" {
		ir.Reason = "the zone you picked"
	}
	ir.Text, ir.XML = r.Text(), mfcxml.MarshalProperties(r.Properties, "repair")
	ir.Command = "mapiblob repair tz" + zoneArg + " --format xml " + o.commandArg()
	return ir
}

// itemSource is the name items are labelled with: the file's name, else
// what item.Label shows for an unnamed item.
func (o *explainOpts) itemSource() string { return strings.TrimSpace(o.opt.Name) }

// commandArg is the file argument of the commands shown.
func (o *explainOpts) commandArg() string {
	n := o.itemSource()
	if n == "" {
		return "FILE"
	}
	return shell.Quote(n)
}

// explainItems reads b as item files and explains every item, top-level
// and embedded, in the order `mapiblob decode` prints them.
func explainItems(x *Explanation, b []byte, o *explainOpts) {
	items, err := itemfile.Read(b, o.itemSource())
	var partial *itemfile.PartialError
	switch {
	case errors.As(err, &partial):
		// A mailbox some of whose messages or folders could not be read:
		// the others are shown, and each that could not be is named.
		lines := make([]string, len(partial.Errs))
		for i, e := range partial.Errs {
			lines[i] = e.Error()
		}
		x.Error = strconv.Itoa(len(lines)) + " messages or folders could not be read: " + strings.Join(lines, "; ")
	case err != nil:
		x.Input, x.Error = InputInvalid, err.Error()
		return
	}
	x.Input = InputItems
	o.inItem = true
	x.Command = "mapiblob decode " + o.commandArg()
	var text bytes.Buffer
	needZones := false
	for _, top := range items {
		for it := range top.All {
			ie := explainItem(it, o)
			text.WriteString(ie.Text)
			needZones = needZones || ie.TZRepair != nil && ie.TZRepair.Zone == ""
			for _, be := range ie.Blobs {
				needZones = needZones || be.Repair != nil && be.Repair.Hex == ""
			}
			x.Items = append(x.Items, ie)
		}
	}
	x.Text = text.String()
	if needZones {
		x.Zones = ZoneNames()
	}
}

func explainItem(it *item.Item, o *explainOpts) ItemExplanation {
	ie := ItemExplanation{Label: it.TextLabel(), Path: it.Path, Parent: it.Parent}
	ie.Subject, _ = it.Subject()
	var t strings.Builder
	_ = it.WriteText(&t, false)
	ie.Text = t.String()

	fs := it.Check()
	ie.Findings = findingViews(fs)
	ie.TZRepair = itemRepair(it, fs, o)
	if w, ok := blob.Worst(fs); ok {
		ie.Worst = w.String()
	}

	var results []*smartview.Result
	for i := range it.Properties {
		if p := &it.Properties[i]; p.Decoded != nil {
			results = append(results, p.Decoded)
		}
	}
	for i := range it.Properties {
		p := &it.Properties[i]
		if p.Type() != proptag.PT_BINARY || p.Decoded == nil && p.Err == nil {
			continue // not a blob this module decodes
		}
		be := BlobExplanation{Index: len(ie.Blobs) + 1, Form: it.Format, Property: p.Name(), Tag: fmt.Sprintf("0x%08X", uint32(p.Tag)), Size: len(p.Value.Bytes)}
		if p.Decoded == nil {
			be.Error = p.Err.Error()
			ie.Blobs = append(ie.Blobs, be)
			continue
		}
		fillResult(&be, p.Decoded)
		be.Repair = repairFor(p.Decoded, results, o)
		ie.Blobs = append(ie.Blobs, be)
	}

	if s := it.Series(); s != nil {
		so := *o
		so.zone = "" // an item's series is read in its own zone, as `mapiblob occurrences FILE` reads it
		ie.Series = explainSeries(s, nil, &so)
	}

	ics, err := ical.Encode(it, ical.ExportOptions{Stamp: o.now.UTC()})
	switch {
	case err == nil:
		ie.ICS, ie.ICSName = ics, icsName(ie.Subject)
	case !errors.Is(err, ical.ErrNoEvent):
		ie.ICSError = err.Error()
	}
	return ie
}
