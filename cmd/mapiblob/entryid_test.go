package main

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/proptag"
)

// decode --kind takes MFCMAPI's parser name and --format smartview prints
// MFCMAPI's text.
func TestDecodeConversationIndexSmartView(t *testing.T) {
	f := fixtures.Load(t, "CONVERSATIONINDEX-2")
	for _, kind := range []string{"conversationindex", "CONVERSATIONINDEX"} {
		r := runBin(t, nil, "decode", "--kind", kind, "--format", "smartview", hex.EncodeToString(f.Blob))
		if r.code != 0 {
			t.Fatalf("--kind %s: exit %d: %s", kind, r.code, r.stderr)
		}
		if d := cmp.Diff(strings.TrimSpace(f.SmartView), strings.TrimSpace(r.stdout)); d != "" {
			t.Errorf("--kind %s: SmartView differs from MFCMAPI's (-want +got):\n%s", kind, d)
		}
	}
}

// decode --kind PARSER --format smartview prints MFCMAPI's text for every
// one of MFCMAPI's 166 cases, each given by its parser's name.
func TestDecodeSmartViewEveryCase(t *testing.T) {
	dir := fixtures.Dir()
	if dir == "" {
		t.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.hex"))
	if err != nil || len(files) != 166 {
		t.Fatalf("want MFCMAPI's 166 cases in %s, found %d (%v)", dir, len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".hex")
		parser := name[:strings.LastIndexByte(name, '-')]
		f := fixtures.Load(t, name)
		r := runBin(t, nil, "decode", "--kind", parser, "--format", "smartview", hex.EncodeToString(f.Blob))
		if r.code > 1 { // 1: the blob has findings, as some of MFCMAPI's cases do
			t.Errorf("%s: exit %d: %s", name, r.code, r.stderr)
			continue
		}
		if d := cmp.Diff(strings.TrimSpace(f.SmartView), strings.TrimSpace(r.stdout)); d != "" {
			t.Errorf("%s: SmartView differs from MFCMAPI's (-want +got):\n%s", name, d)
		}
	}
}

// An item with PR_ENTRYID, PR_CONVERSATION_INDEX, PR_NT_SECURITY_DESCRIPTOR
// and a recipient table, as an MFCMAPI export and as a .msg: decode names
// the blobs' structures and each recipient's PR_RECIPIENT_TRACKSTATUS and
// PR_RECIPIENT_TYPE by their flag names, in text and JSON.
func TestDecodeItemByPropertyName(t *testing.T) {
	entryID := append(append(make([]byte, 20, 70), 0x07, 0), append(make([]byte, 44), 0, 1, 0, 0)...) // a message entry ID ([MS-OXCDATA] 2.2.4.2)
	convIndex := append([]byte{0x01, 0x01, 0xCA, 0xE5, 0x32, 0xF5}, make([]byte, 16)...)              // a thread's header: reserved, FILETIME, GUID
	it := item.New(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Schedule.Meeting.Request")),
		item.MustProp("PidTagSubject", item.Unicode("Planning")),
		item.MustProp("PidTagEntryId", item.Binary(entryID)),
		item.MustProp("PidTagConversationIndex", item.Binary(convIndex)),
		item.MustProp("PidLidBusyStatus", item.Long(2)))
	// A property the property table does not know, decoded by its id as
	// MFCMAPI's property → parser table says, and named as MFCMAPI names it.
	it.Properties = append(it.Properties, item.NewProperty(0x0E270102, nil, item.Binary(fixtures.Load(t, "NTSD-1").Blob)))
	// A multi-valued binary property whose values are each an entry ID.
	it.Properties = append(it.Properties, item.MustProp("PidTagConflictItems",
		item.Value{Type: proptag.PT_MV_BINARY, Multi: []item.Value{item.Binary(entryID), item.Binary(entryID)}}))
	it.Decode()
	it.Recipients = [][]item.Property{
		{item.MustProp("PidTagDisplayName", item.Unicode("Ada")), item.MustProp("PidTagRecipientType", item.Long(1)), item.MustProp("PidTagRecipientTrackStatus", item.Long(3))},
		{item.MustProp("PidTagDisplayName", item.Unicode("Bo")), item.MustProp("PidTagRecipientType", item.Long(2)), item.MustProp("PidTagRecipientTrackStatus", item.Long(0))},
	}
	msgFile, err := msg.Marshal(it)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"planning.msg": msgFile, "planning.xml": mfcxml.Marshal(it)} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r := runBin(t, nil, "decode", path)
		for _, want := range []string{
			"PidTagEntryId (PT_BINARY): entryid\n",
			"PidTagConversationIndex (PT_BINARY): conversationindex\n",
			"PR_NT_SECURITY_DESCRIPTOR (PT_BINARY): ntsd\n",
			"PidLidBusyStatus (PT_LONG): 2 = olBusy\n",
			"PidTagConflictItems (PT_MV_BINARY): 2 values\n    [0] entryid\n",
			`recipient 0: PidTagDisplayName="Ada" PidTagRecipientType=1 (MAPI_TO) PidTagRecipientTrackStatus=3 (respAccepted)`,
			`recipient 1: PidTagDisplayName="Bo" PidTagRecipientType=2 (MAPI_CC) PidTagRecipientTrackStatus=0 (respNone)`,
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s: decode lacks %q:\n%s%s", name, want, r.stdout, r.stderr)
			}
		}
		r = runBin(t, nil, "decode", "--format", "json", path)
		for _, want := range []string{
			`"name":"PidTagEntryId","tag":"0x0FFF0102","type":"PT_BINARY"`,
			`"decoded":{"kind":"entryid"`,
			`"decoded":{"kind":"conversationindex"`,
			`"name":"PidTagConflictItems","tag":"0x10981102","type":"PT_MV_BINARY","value":[`,
			`],"decoded":[{"kind":"entryid"`,
			`"name":"PidTagRecipientTrackStatus","tag":"0x5FFF0003","type":"PT_LONG","value":3,"flags":"respAccepted"`,
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s: decode --format json lacks %q:\n%s", name, want, r.stdout)
			}
		}
	}
}
