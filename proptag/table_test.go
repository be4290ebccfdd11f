package proptag

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/proptag/internal/propsgen"
)

// factsPath is the facts table the table is generated from.
const factsPath = "internal/data/mapi-properties.tsv"

func readFacts(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(factsPath)
	require.NoError(t, err)
	return data
}

func factRows(t *testing.T) []propsgen.Row {
	t.Helper()
	rows, err := propsgen.Parse(readFacts(t))
	require.NoError(t, err)
	return rows
}

// facts is what a row of the TSV says, in the form both a row and a
// Property can be brought to.
type facts struct {
	Name, Kind, NameString, Set, Area, Source string
	ID                                        uint32
	Types                                     []PropType
	Aliases                                   []string
}

func rowFacts(t *testing.T, r propsgen.Row) facts {
	f := facts{Name: r.Canonical, Kind: r.Kind, NameString: r.NameString, Set: r.Set, Area: r.Area, Source: r.Source, ID: r.ID, Aliases: r.Aliases}
	for _, s := range r.Types {
		pt, ok := ParsePropType(s)
		require.True(t, ok, "%s: type %s", r.Canonical, s)
		f.Types = append(f.Types, pt)
	}
	return f
}

func propFacts(p *Property) facts {
	f := facts{Name: p.Name, Kind: p.Kind.String(), NameString: p.NameString, Set: p.SetName(), Area: p.Area, Source: p.Source, Types: p.Types}
	switch p.Kind {
	case KindTag:
		f.ID = uint32(p.Tag.ID())
	case KindLID:
		f.ID = p.LID
	}
	// Aliases added by hand (corrections.go) come after the table's.
	f.Aliases = p.Aliases[:len(p.Aliases)-len(extraAliases[p.Name])]
	if len(f.Aliases) == 0 {
		f.Aliases = nil
	}
	return f
}

// winnerOf is the documented winner of an ambiguous key, or nil.
func winnerOf(key string) *Property {
	for _, a := range wantAmbiguities {
		if a.key == key {
			p, _ := ByName(a.winner)
			return p
		}
	}
	return nil
}

// checkResolves checks that p is found by its canonical name, each alias
// and its id, or that the documented winner is.
func checkResolves(t *testing.T, p *Property) {
	t.Helper()
	want := func(key string) *Property {
		if w := winnerOf(key); w != nil {
			return w
		}
		return p
	}
	if p.Name != "" {
		q, typ, ok := ByNameType(p.Name)
		if !ok || q != p || typ != p.Type {
			t.Errorf("ByNameType(%s) = %v %v %v", p.Name, q.DisplayName(), typ, ok)
		}
		if q, ok := ByName(strings.ToUpper(p.Name)); !ok || q != p {
			t.Errorf("ByName(%s) upper-cased", p.Name)
		}
	}
	for _, a := range p.Aliases {
		w := want("name " + strings.ToLower(a))
		q, typ, ok := ByNameType(a)
		if !ok || q != w {
			t.Errorf("%s: ByName(%s) = %v, want %v", p.DisplayName(), a, q.DisplayName(), w.DisplayName())
			continue
		}
		if q == p && typ != aliasType(p, a) {
			t.Errorf("%s: ByNameType(%s) type %v", p.Name, a, typ)
		}
	}
	switch p.Kind {
	case KindTag:
		for _, typ := range p.Types {
			tag := NewTag(p.Tag.ID(), typ)
			key := tag
			if c, ok := counterpart(tag); ok && (typ == PT_STRING8 || typ == PT_MV_STRING8) && !wantSplit[tagKeyString(c)] {
				key = c // a merged pair is known by its Unicode form
			}
			w := want("tag " + tagKeyString(key))
			q, ok := ByAddressBookTag(tag)
			if !ok || q != w {
				t.Errorf("%s: ByAddressBookTag(%v) = %v, want %v", p.Name, tag, q.DisplayName(), w.DisplayName())
			}
			if q2, ok2 := ByTag(tag); tag.IsNamed() == ok2 || !tag.IsNamed() && q2 != q {
				t.Errorf("%s: ByTag(%v) = %v %v", p.Name, tag, q2.DisplayName(), ok2)
			}
		}
	case KindLID:
		w := want("lid " + setString(p.Set) + " " + hex4(p.LID))
		if q, ok := ByLID(p.Set, p.LID); !ok || q != w {
			t.Errorf("%s: ByLID = %v, want %v", p.DisplayName(), q.DisplayName(), w.DisplayName())
		}
	case KindName:
		w := want("string " + setString(p.Set) + " " + strings.ToLower(p.NameString))
		for _, s := range []string{p.NameString, strings.ToUpper(p.NameString)} {
			if q, ok := ByNameString(p.Set, s); !ok || q != w {
				t.Errorf("%s: ByNameString(%q) = %v, want %v", p.Name, s, q.DisplayName(), w.DisplayName())
			}
		}
	}
}

// Every row of the facts table is in the table, with its facts, and
// resolves by canonical name, by each alias and by its id.
func TestEveryFactResolves(t *testing.T) {
	rows := factRows(t)
	require.Len(t, rows, 1416)
	for _, r := range rows {
		p, ok := ByName(r.Canonical)
		require.True(t, ok, "%s not found", r.Canonical)
		require.Equal(t, r.Canonical, p.Name)
		if diff := cmp.Diff(rowFacts(t, r), propFacts(p)); diff != "" {
			t.Errorf("%s (line %d) (-facts +table):\n%s", r.Canonical, r.Line, diff)
		}
		checkResolves(t, p)
	}
}

// The same over the table itself.
func TestEveryPropertyResolves(t *testing.T) {
	n := 0
	for p := range Properties() {
		n++
		checkResolves(t, p)
		if p.Kind == KindTag && p.Tag.Type() != p.Type {
			t.Errorf("%s: tag %v, type %v", p.Name, p.Tag, p.Type)
		}
		if len(p.Types) > 0 && !slices.Contains(p.Types, p.Type) {
			t.Errorf("%s: type %v not among %v", p.Name, p.Type, p.Types)
		}
		for _, s := range append([]string{p.Name, p.NameString}, p.Aliases...) {
			if len(s) > maxNameLen {
				t.Errorf("%s: name %q longer than maxNameLen", p.Name, s)
			}
		}
	}
	require.Equal(t, len(table)+len(extraProperties), n)
	require.Len(t, table, 1416)
}

// wantAmbiguities lists every key that several properties claim, and the
// winner: each follows the rule documented in index.go (source rank, then
// name) unless corrections.go's preferred says otherwise.
var wantAmbiguities = []ambiguity{
	{"lid PSETID_Common 0x8545", []string{"PidLidNonSendBccTrackStatus", "PidLidNonSendableBccTrackStatus"}, "PidLidNonSendBccTrackStatus"},
	{"name dispidnonsendbcctrackstatus", []string{"PidLidNonSendBccTrackStatus", "PidLidNonSendableBccTrackStatus"}, "PidLidNonSendBccTrackStatus"},
	{"name pr_schdinfo_delegate_names_w", []string{"PidTagScheduleInfoDelegateNames", "PidTagScheduleInfoDelegateNamesW"}, "PidTagScheduleInfoDelegateNamesW"},
	{"name pr_ttytdd_phone_number", []string{"PidTagTelecommunicationsDeviceForDeafTelephoneNumber", "PidTagTtyTddPhoneNumber"}, "PidTagTelecommunicationsDeviceForDeafTelephoneNumber"},
	{"name pr_ttytdd_phone_number_a", []string{"PidTagTelecommunicationsDeviceForDeafTelephoneNumber", "PidTagTtyTddPhoneNumber"}, "PidTagTelecommunicationsDeviceForDeafTelephoneNumber"},
	{"name pr_ttytdd_phone_number_w", []string{"PidTagTelecommunicationsDeviceForDeafTelephoneNumber", "PidTagTtyTddPhoneNumber"}, "PidTagTelecommunicationsDeviceForDeafTelephoneNumber"},
	{"string PS_PUBLIC_STRINGS urn:schemas:calendar:locationurl", []string{"PidNameCalendarLocationUrl", "PidNameLocationUrl"}, "PidNameCalendarLocationUrl"},
	{"tag 0x0FFF PT_BINARY", []string{"PidTagEntryId", "PidTagMemberEntryId"}, "PidTagEntryId"},
	{"tag 0x1046 PT_UNICODE", []string{"PidTagInternetReturnPath", "PidTagOriginalMessageId"}, "PidTagOriginalMessageId"},
	{"tag 0x3A47 PT_UNICODE", []string{"PidTagPreferredByName", "PidTagReferredByName"}, "PidTagReferredByName"},
	{"tag 0x3A4B PT_UNICODE", []string{"PidTagTelecommunicationsDeviceForDeafTelephoneNumber", "PidTagTtyTddPhoneNumber"}, "PidTagTelecommunicationsDeviceForDeafTelephoneNumber"},
	{"tag 0x65EB PT_UNICODE", []string{"PidTagRuleMessageProvider", "PidTagRuleMsgProvider"}, "PidTagRuleMessageProvider"},
	{"tag 0x65EC PT_UNICODE", []string{"PidTagRuleMessageName", "PidTagRuleMsgName"}, "PidTagRuleMessageName"},
	{"tag 0x663B PT_BINARY", []string{"PidTagAddressBookEntryId", "PidTagProfileServerFullVersion"}, "PidTagAddressBookEntryId"},
	{"tag 0x6701 PT_BOOLEAN", []string{"PidTagPstRememberPassword", "PidTagWizardNoPabPage"}, "PidTagPstRememberPassword"},
	{"tag 0x6801 PT_LONG", []string{"PidTagOfflineAddressBookSequence", "PidTagVoiceMessageDuration"}, "PidTagOfflineAddressBookSequence"},
	{"tag 0x6841 PT_LONG", []string{"PidTagScheduleInfoResourceType", "PidTagSearchFolderTemplateId"}, "PidTagScheduleInfoResourceType"},
	{"tag 0x6842 PT_BINARY", []string{"PidTagSearchFolderId", "PidTagWlinkGroupHeaderID"}, "PidTagSearchFolderId"},
	{"tag 0x6847 PT_LONG", []string{"PidTagFreeBusyPublishStart", "PidTagSearchFolderTag", "PidTagWlinkSaveStamp"}, "PidTagFreeBusyPublishStart"},
	{"tag 0x6848 PT_LONG", []string{"PidTagFreeBusyPublishEnd", "PidTagSearchFolderEfpFlags"}, "PidTagFreeBusyPublishEnd"},
}

// wantSplit lists the string tags whose two forms are claimed by disjoint
// properties, so each form is a key of its own rather than an ambiguity.
var wantSplit = map[string]bool{
	"tag 0x6802 PT_UNICODE": true, // PT_STRING8 PidTagOfflineAddressBookContainerGuid, PT_UNICODE PidTagSenderTelephoneNumber
}

// The index found exactly the documented ambiguities and resolved them as listed.
func TestAmbiguitiesResolved(t *testing.T) {
	ByName("") // build the index
	got := slices.Clone(ambiguities)
	slices.SortFunc(got, func(a, b ambiguity) int { return strings.Compare(a.key, b.key) })
	if diff := cmp.Diff(wantAmbiguities, got, cmp.AllowUnexported(ambiguity{})); diff != "" {
		t.Errorf("ambiguities (-want +got):\n%s", diff)
	}
	for key, name := range preferred {
		if !slices.ContainsFunc(wantAmbiguities, func(a ambiguity) bool { return a.key == key && a.winner == name }) {
			t.Errorf("preferred[%q] = %s decides no ambiguity", key, name)
		}
	}
}

// Every key the facts table gives to several rows — a tag id and type (the
// two forms of a string read as one), a (set, LID), a (set, string name),
// a name or alias — is among the documented ambiguities, and its winner is
// the one the documented rule picks.
func TestFactAmbiguitiesDocumented(t *testing.T) {
	rows := factRows(t)
	source := map[string]string{}
	claims := map[string][]string{}
	claim := func(key, name string) {
		if !slices.Contains(claims[key], name) {
			claims[key] = append(claims[key], name)
		}
	}
	for _, r := range rows {
		source[r.Canonical] = r.Source
		claim("name "+strings.ToLower(r.Canonical), r.Canonical)
		for _, a := range r.Aliases {
			claim("name "+strings.ToLower(a), r.Canonical)
		}
		switch r.Kind {
		case "tag":
			for _, s := range r.Types {
				typ, _ := ParsePropType(s)
				switch typ {
				case PT_STRING8:
					typ = PT_UNICODE
				case PT_MV_STRING8:
					typ = PT_MV_UNICODE
				}
				claim("tag "+tagKeyString(NewTag(uint16(r.ID), typ)), r.Canonical)
			}
		case "lid":
			claim("lid "+r.Set+" "+hex4(r.ID), r.Canonical)
		case "name":
			claim("string "+r.Set+" "+strings.ToLower(r.NameString), r.Canonical)
		}
	}
	rank := func(name string) int {
		s := source[name]
		spec, office := strings.Contains(s, "MS-OXPROPS"), strings.Contains(s, ".md")
		switch {
		case spec && office:
			return 0
		case spec:
			return 1
		}
		return 2
	}
	found := 0
	for key, names := range claims {
		if len(names) < 2 || wantSplit[key] {
			continue
		}
		found++
		i := slices.IndexFunc(wantAmbiguities, func(a ambiguity) bool { return a.key == key })
		if i < 0 {
			t.Errorf("%s: claimed by %v, not documented in wantAmbiguities", key, names)
			continue
		}
		a := wantAmbiguities[i]
		slices.Sort(names)
		if diff := cmp.Diff(a.names, names); diff != "" {
			t.Errorf("%s claimants (-documented +facts):\n%s", key, diff)
		}
		want, ok := preferred[key]
		if !ok {
			want = slices.MinFunc(names, func(x, y string) int {
				if c := rank(x) - rank(y); c != 0 {
					return c
				}
				return strings.Compare(x, y)
			})
		}
		if a.winner != want {
			t.Errorf("%s: documented winner %s, the rule gives %s", key, a.winner, want)
		}
	}
	require.Equal(t, len(wantAmbiguities), found, "documented ambiguities that the facts no longer have")
}

// The ten properties the facts README singles out print its facts.
func TestReadmeSpotCheck(t *testing.T) {
	type want struct {
		name, kind, set string
		id              uint32
		nameString      string
		typ             PropType
		types           []PropType
		alias           string
	}
	for _, w := range []want{
		{"PidTagSubject", "tag", "", 0x0037, "", PT_UNICODE, []PropType{PT_STRING8, PT_UNICODE}, "PR_SUBJECT_W"},
		{"PidTagMessageClass", "tag", "", 0x001A, "", PT_UNICODE, []PropType{PT_UNICODE, PT_STRING8}, "ptagMessageClass"},
		{"PidTagMailboxOwnerName", "tag", "", 0x661C, "", PT_UNICODE, []PropType{PT_UNICODE}, "PR_MAILBOX_OWNER_NAME"},
		{"PidTagTtyTddPhoneNumber", "tag", "", 0x3A4B, "", PT_UNICODE, []PropType{PT_STRING8, PT_UNICODE}, "PR_TTYTDD_PHONE_NUMBER"},
		{"PidTagTelecommunicationsDeviceForDeafTelephoneNumber", "tag", "", 0x3A4B, "", PT_UNICODE, []PropType{PT_STRING8, PT_UNICODE}, "PR_TTYTDD_PHONE_NUMBER_A"},
		{"PidTagFormDesignerGuid", "tag", "", 0x3309, "", PT_CLSID, []PropType{PT_CLSID}, "PR_FORM_DESIGNER_GUID"},
		{"PidLidCategories", "lid", "PS_PUBLIC_STRINGS", 0x9000, "", PT_MV_UNICODE, []PropType{PT_MV_UNICODE}, "dispidCategories"},
		{"PidLidAppointmentUnsendableRecipients", "lid", "PSETID_Appointment", 0x825D, "", PT_BINARY, []PropType{PT_BINARY}, "dispidApptUnsendableRecips"},
		{"PidLidNonSendableBccTrackStatus", "lid", "PSETID_Common", 0x8545, "", PT_MV_LONG, []PropType{PT_MV_LONG}, ""},
		{"PidLidRemoteMessageClass", "lid", "PSETID_Remote", 0x8F02, "", 0, nil, "dispidRemoteMsgClass"},
		{"PidNameExtractedAddresses", "name", "PSETID_XmlExtractedEntities", 0, "XmlExtractedAddresses", PT_UNICODE, []PropType{PT_UNICODE}, "dispidXmlExtractedAddresses"},
		{"PidNameExtractedEmails", "name", "PSETID_XmlExtractedEntities", 0, "XmlExtractedEmails", PT_UNICODE, []PropType{PT_UNICODE}, "dispidXmlExtractedEmails"},
	} {
		p, ok := ByName(w.name)
		require.True(t, ok, w.name)
		got := want{p.Name, p.Kind.String(), "", 0, p.NameString, p.Type, p.Types, ""}
		if p.IsNamed() {
			got.set = p.SetName()
		}
		got.id = p.LID
		if p.Kind == KindTag {
			got.id = uint32(p.Tag.ID())
		}
		if w.alias != "" && slices.Contains(p.Aliases, w.alias) {
			got.alias = w.alias
		}
		if diff := cmp.Diff(w, got, cmp.AllowUnexported(want{})); diff != "" {
			t.Errorf("%s (-README +table):\n%s", w.name, diff)
		}
	}
	// Left out of the facts table, and so of this one.
	for _, name := range []string{"PidTagNull", "PidTagOrgEmailAddress", "PidNameExtractedContacts", "PidNameExtractedUrls"} {
		_, ok := ByName(name)
		require.False(t, ok, name)
	}
	// The README's corrected numbers.
	p, _ := ByLID(guid.PS_PUBLIC_STRINGS, 0x9000)
	require.Equal(t, "PidLidCategories", p.Name)
	_, ok := ByLID(guid.PS_PUBLIC_STRINGS, 0x2328)
	require.False(t, ok, "PidLidCategories under the Office page's decimal LID")
	p, _ = ByTag(0x661C001F)
	require.Equal(t, "PidTagMailboxOwnerName", p.Name)
}

func TestStringForms(t *testing.T) {
	for _, tt := range []struct {
		name string
		want string
		typ  PropType
		tag  PropTag
	}{
		{"PR_SUBJECT_W", "PidTagSubject", PT_UNICODE, 0x0037001F},
		{"pr_subject_a", "PidTagSubject", PT_STRING8, 0x0037001E},
		{"PR_SUBJECT", "PidTagSubject", PT_UNICODE, 0x0037001F},
		{"PidTagSubject", "PidTagSubject", PT_UNICODE, 0x0037001F},
		{"PR_MAILBOX_OWNER_NAME_A", "PidTagMailboxOwnerName", PT_STRING8, 0x661C001E},
		{"PR_SCHDINFO_DELEGATE_NAMES_A", "PidTagScheduleInfoDelegateNames", PT_MV_STRING8, 0x6844101E},
		{"PR_SCHDINFO_DELEGATE_NAMES_W", "PidTagScheduleInfoDelegateNamesW", PT_MV_UNICODE, 0x684A101F},
		{"PR_EMS_AB_MANAGER_A", "PidTagAddressBookManager", PT_OBJECT, 0x8005000D}, // no string type listed: the property's type
	} {
		p, typ, ok := ByNameType(tt.name)
		require.True(t, ok, tt.name)
		require.Equal(t, tt.want, p.Name, tt.name)
		require.Equal(t, tt.typ, typ, tt.name)
		tag, err := ParseTag(tt.name)
		require.NoError(t, err)
		require.Equal(t, tt.tag, tag, tt.name)
		if q, ok := ByAddressBookTag(tag); !ok || q != p {
			t.Errorf("ByAddressBookTag(%v) = %v", tag, q.DisplayName())
		}
	}
	for _, tag := range []PropTag{0x0037001E, 0x0037001F} {
		p, ok := ByTag(tag)
		require.True(t, ok)
		require.Equal(t, "PidTagSubject", p.Name)
	}
	// The split pair: each form its own property.
	p, _ := ByTag(0x6802001E)
	q, _ := ByTag(0x6802001F)
	require.Equal(t, []string{"PidTagOfflineAddressBookContainerGuid", "PidTagSenderTelephoneNumber"}, []string{p.Name, q.Name})
	// Address-book ids are fixed only there.
	_, ok := ByTag(0x8005000D)
	require.False(t, ok)
}

func TestDecoderOverlay(t *testing.T) {
	n := 0
	for p := range Properties() {
		if d, ok := decoders()[p.Name]; ok {
			n++
			require.Equal(t, d, p.Decoder, p.Name)
			require.Contains(t, []PropType{PT_BINARY, PT_MV_BINARY}, p.Type, p.Name)
			if p.Type == PT_MV_BINARY {
				_, ok := multiEntryIDDecoders[p.Name]
				require.True(t, ok, "%s is multi-valued: its decoder belongs in multiEntryIDDecoders", p.Name)
			}
		} else {
			require.Equal(t, blob.KindAuto, p.Decoder, p.Name)
		}
	}
	require.Equal(t, len(decoders()), n, "a decoders entry names no property")
	total := 0
	for _, tab := range decoderTables {
		total += len(tab)
	}
	require.Equal(t, total, len(decoders()), "a property is in two decoder tables")
	for name := range extraAliases {
		_, ok := ByName(name)
		require.True(t, ok, name)
	}
}

func TestSearch(t *testing.T) {
	var got []string
	for p := range Search("RECUR") {
		got = append(got, p.DisplayName())
	}
	require.True(t, slices.IsSortedFunc(got, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }), "not sorted: %v", got)
	for _, want := range []string{"PidLidAppointmentRecur", "PidLidTaskRecurrence", "PidLidAppointmentTimeZoneDefinitionRecur", "PidNameICalendarRecurrenceRule"} {
		require.Contains(t, got, want)
	}
	got = got[:0]
	for p := range Search("dispidTaskRecur") { // an alias only
		got = append(got, p.Name)
	}
	require.Equal(t, []string{"PidLidTaskRecurrence"}, got)
	require.Equal(t, []string{"PidTagSubject"}, Suggest("PidTagSubjekt", 3))
	require.Empty(t, Suggest("completely-unrelated-word", 3))
}

func TestLookupsDoNotAllocate(t *testing.T) {
	ByName("") // build the index outside the measurement
	for name, f := range map[string]func(){
		"ByName":       func() { sinkProp, sinkOK = ByName("dispidApptRecur") },
		"ByNameType":   func() { sinkProp, sinkType, sinkOK = ByNameType("PR_SUBJECT_A") },
		"ByTag":        func() { sinkProp, sinkOK = ByTag(0x0037001E) },
		"ByLID":        func() { sinkProp, sinkOK = ByLID(guid.PSETID_Appointment, 0x8216) },
		"ByNameString": func() { sinkProp, sinkOK = ByNameString(guid.PS_PUBLIC_STRINGS, "Keywords") },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", name, n)
		}
	}
}

var (
	sinkProp *Property
	sinkType PropType
	sinkOK   bool
)

func BenchmarkByTag(b *testing.B) {
	tags := []PropTag{0x0037001F, 0x0037001E, 0x3A4B001F, 0x80050003, 0x7FFE000B}
	ByTag(0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkProp, sinkOK = ByTag(tags[i%len(tags)])
	}
}

func BenchmarkByName(b *testing.B) {
	names := []string{"PidLidAppointmentRecur", "dispidApptTZDefStartDisplay", "pr_subject_a", "PidTagTelecommunicationsDeviceForDeafTelephoneNumber", "NoSuchName"}
	ByName("")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkProp, sinkType, sinkOK = ByNameType(names[i%len(names)])
	}
}

func BenchmarkByLID(b *testing.B) {
	keys := []setLID{{guid.PSETID_Appointment, 0x8216}, {guid.PSETID_Meeting, 0x0003}, {guid.PSETID_Common, 0x8545}, {guid.PSETID_Task, 0x9999}}
	ByName("")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := keys[i%len(keys)]
		sinkProp, sinkOK = ByLID(k.set, k.lid)
	}
}

func BenchmarkByNameString(b *testing.B) {
	ByName("")
	b.ReportAllocs()
	for b.Loop() {
		sinkProp, sinkOK = ByNameString(guid.PS_PUBLIC_STRINGS, "urn:schemas:calendar:locationurl")
	}
}
