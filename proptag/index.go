package proptag

import (
	"cmp"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/mapiblob/mapiblob/guid"
)

// Lookups go through maps built once, on first use: by lower-cased name
// (canonical and every alias), by tag, by (set, LID) and by (set, lower-cased
// string name). A query is lower-cased into a stack buffer, so no lookup
// allocates.
//
// When several properties claim one key — a tag id and type, a (set, LID),
// a (set, name) or a name — one of them wins, and the others stay reachable
// by their own canonical names:
//
//  1. a canonical name beats an alias;
//  2. an entry in preferred (corrections.go) decides;
//  3. otherwise the property documented by both sources wins, then one
//     documented by [MS-OXPROPS] alone, then one from the Office pages alone
//     (the facts table's own merge lets [MS-OXPROPS] win disagreements);
//  4. ties go to the canonical name that sorts first.
//
// The 8-bit and Unicode forms of a string tag are one key: 0x0037001E and
// 0x0037001F both find PidTagSubject, also where the source lists only one
// of the two types (PidTagMailboxOwnerName), and a pair resolves to one
// property. The exception is an id whose two forms are listed by different
// properties and by no property in common: then each form is a key of its
// own (see tagGroups).

// maxNameLen bounds the names a lookup lower-cases on the stack; the longest
// name in the table is far shorter (a test checks).
const maxNameLen = 128

type setLID struct {
	set guid.GUID
	lid uint32
}

type nameHit struct {
	p *Property
	t PropType // the type the name implies (PR_…_A: the 8-bit form)
}

// ambiguity is a key claimed by several properties and how it was resolved.
type ambiguity struct {
	key    string   // "tag 0x3A4B PT_UNICODE", "lid PSETID_Common 0x8545", "string PS_PUBLIC_STRINGS urn:…", "name pr_ttytdd_phone_number"
	names  []string // canonical (display) names of the claimants, sorted
	winner string
}

var (
	indexOnce   sync.Once
	all         []*Property // table, then extraProperties
	sorted      []*Property // all, by lower-cased display name
	byName      map[string]nameHit
	byTag       map[PropTag]*Property
	byLID       map[setLID]*Property
	byString    map[guid.GUID]map[string]*Property
	ambiguities []ambiguity
)

// counterpart is the other form of a string tag (PT_STRING8 ↔ PT_UNICODE,
// PT_MV_STRING8 ↔ PT_MV_UNICODE); ok is false for other types.
func counterpart(t PropTag) (PropTag, bool) {
	switch t.Type() {
	case PT_STRING8:
		return NewTag(t.ID(), PT_UNICODE), true
	case PT_UNICODE:
		return NewTag(t.ID(), PT_STRING8), true
	case PT_MV_STRING8:
		return NewTag(t.ID(), PT_MV_UNICODE), true
	case PT_MV_UNICODE:
		return NewTag(t.ID(), PT_MV_STRING8), true
	}
	return t, false
}

// tagGroups merges the claimants of the two forms of a string tag into one
// group, keyed by the Unicode form, unless the two forms are claimed by
// disjoint sets of properties (0x6802: PidTagOfflineAddressBookContainerGuid
// is PT_STRING8, PidTagSenderTelephoneNumber PT_UNICODE): then each form is
// a group of its own. A form nobody lists joins its counterpart's group.
// It returns the groups and, for every tag, its group.
func tagGroups(exact map[PropTag][]*Property) (groups map[PropTag][]*Property, groupOf map[PropTag]PropTag) {
	groups = make(map[PropTag][]*Property, len(exact))
	groupOf = make(map[PropTag]PropTag, len(exact)+len(exact)/2)
	disjoint := func(a, b []*Property) bool {
		for _, p := range a {
			if slices.Contains(b, p) {
				return false
			}
		}
		return true
	}
	for k, cs := range exact {
		c, str := counterpart(k)
		other := exact[c]
		if !str || len(other) > 0 && disjoint(cs, other) {
			groups[k] = cs
			groupOf[k] = k
			continue
		}
		g := k
		if k.Type() == PT_STRING8 || k.Type() == PT_MV_STRING8 {
			g = c
		}
		if _, done := groups[g]; !done {
			m := slices.Clone(exact[g])
			for _, p := range exact[counterpartOrSelf(g)] {
				if !slices.Contains(m, p) {
					m = append(m, p)
				}
			}
			groups[g] = m
		}
		groupOf[k], groupOf[c] = g, g
	}
	return groups, groupOf
}

func counterpartOrSelf(t PropTag) PropTag { c, _ := counterpart(t); return c }

// sourceRank orders claimants by rule 3.
func sourceRank(p *Property) int {
	spec := strings.Contains(p.Source, "MS-OXPROPS")
	office := strings.Contains(p.Source, ".md")
	switch {
	case spec && office:
		return 0
	case spec:
		return 1
	case office:
		return 2
	}
	return 3
}

// resolve picks the winner among the claimants of key by rules 2–4.
func resolve(key string, cands []*Property) *Property {
	if name, ok := preferred[key]; ok {
		for _, p := range cands {
			if p.Name == name {
				return p
			}
		}
	}
	return slices.MinFunc(cands, func(a, b *Property) int {
		if c := cmp.Compare(sourceRank(a), sourceRank(b)); c != 0 {
			return c
		}
		return strings.Compare(a.DisplayName(), b.DisplayName())
	})
}

// aliasType is the type an alias implies: for PR_ names of a string
// property, _A is the 8-bit form and _W the Unicode form (multi-valued when
// the property is); every other name implies p.Type.
func aliasType(p *Property, alias string) PropType {
	if !strings.HasPrefix(alias, "PR_") {
		return p.Type
	}
	var str, mv bool
	for _, t := range p.Types {
		switch t {
		case PT_STRING8, PT_UNICODE:
			str = true
		case PT_MV_STRING8, PT_MV_UNICODE:
			str, mv = true, true
		}
	}
	switch {
	case !str:
		return p.Type
	case strings.HasSuffix(alias, "_A") && mv:
		return PT_MV_STRING8
	case strings.HasSuffix(alias, "_A"):
		return PT_STRING8
	case strings.HasSuffix(alias, "_W") && mv:
		return PT_MV_UNICODE
	case strings.HasSuffix(alias, "_W"):
		return PT_UNICODE
	}
	return p.Type
}

func buildIndex() {
	all = make([]*Property, 0, len(table)+len(extraProperties))
	for i := range table {
		all = append(all, &table[i])
	}
	for i := range extraProperties {
		all = append(all, &extraProperties[i])
	}
	canon := make(map[string]*Property, len(all))
	for _, p := range all {
		if p.Name != "" {
			canon[p.Name] = p
		}
	}
	for name, d := range decoders() {
		if p := canon[name]; p != nil {
			p.Decoder = d
		}
	}
	for name, extra := range extraAliases {
		if p := canon[name]; p != nil {
			p.Aliases = append(p.Aliases[:len(p.Aliases):len(p.Aliases)], extra...)
		}
	}

	// Collect every claimant of every key, in table order.
	type claim struct {
		p *Property
		t PropType
	}
	names := map[string][]claim{}
	tags := map[PropTag][]*Property{}
	lids := map[setLID][]*Property{}
	strs := map[setLID]map[string][]*Property{} // lid unused: keyed by set
	for _, p := range all {
		if p.Name != "" {
			k := strings.ToLower(p.Name)
			names[k] = append(names[k], claim{p, p.Type})
		}
		for _, a := range p.Aliases {
			k := strings.ToLower(a)
			if slices.ContainsFunc(names[k], func(c claim) bool { return c.p == p }) {
				continue
			}
			names[k] = append(names[k], claim{p, aliasType(p, a)})
		}
		switch p.Kind {
		case KindTag:
			for _, t := range p.Types {
				k := NewTag(p.Tag.ID(), t)
				if !slices.Contains(tags[k], p) {
					tags[k] = append(tags[k], p)
				}
			}
			if len(p.Types) == 0 {
				tags[p.Tag] = append(tags[p.Tag], p)
			}
		case KindLID:
			k := setLID{p.Set, p.LID}
			lids[k] = append(lids[k], p)
		case KindName:
			m := strs[setLID{set: p.Set}]
			if m == nil {
				m = map[string][]*Property{}
				strs[setLID{set: p.Set}] = m
			}
			k := strings.ToLower(p.NameString)
			m[k] = append(m[k], p)
		}
	}

	ambiguities = nil
	pick := func(key string, cands []*Property) *Property {
		if len(cands) == 1 {
			return cands[0]
		}
		w := resolve(key, cands)
		a := ambiguity{key: key, winner: w.DisplayName()}
		for _, p := range cands {
			a.names = append(a.names, p.DisplayName())
		}
		slices.Sort(a.names)
		ambiguities = append(ambiguities, a)
		return w
	}

	byName = make(map[string]nameHit, len(names))
	for k, cs := range names {
		var w *Property
		for _, c := range cs {
			if c.p.Name != "" && strings.ToLower(c.p.Name) == k {
				w = c.p // rule 1: a canonical name is never shadowed
			}
		}
		cands := make([]*Property, len(cs))
		for i, c := range cs {
			cands[i] = c.p
		}
		if w == nil {
			w = pick("name "+k, cands)
		}
		for _, c := range cs {
			if c.p == w {
				byName[k] = nameHit{w, c.t}
				break
			}
		}
	}
	groups, groupOf := tagGroups(tags)
	winners := make(map[PropTag]*Property, len(groups))
	for g, cs := range groups {
		winners[g] = pick("tag "+tagKeyString(g), cs)
	}
	byTag = make(map[PropTag]*Property, len(groupOf))
	for k, g := range groupOf {
		byTag[k] = winners[g]
	}
	byLID = make(map[setLID]*Property, len(lids))
	for k, cs := range lids {
		byLID[k] = pick("lid "+setString(k.set)+" "+hex4(k.lid), cs)
	}
	byString = make(map[guid.GUID]map[string]*Property, len(strs))
	for sk, m := range strs {
		out := make(map[string]*Property, len(m))
		for k, cs := range m {
			out[k] = pick("string "+setString(sk.set)+" "+k, cs)
		}
		byString[sk.set] = out
	}

	sorted = slices.Clone(all)
	slices.SortStableFunc(sorted, func(a, b *Property) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.DisplayName()), strings.ToLower(b.DisplayName())),
			strings.Compare(a.DisplayName(), b.DisplayName()))
	})
}

func tagKeyString(t PropTag) string { return hex4(uint32(t.ID())) + " " + t.Type().String() }

func setString(g guid.GUID) string {
	if n := g.Name(); n != "" {
		return n
	}
	return g.String()
}

func hex4(v uint32) string {
	const digits = "0123456789ABCDEF"
	return "0x" + string([]byte{digits[v>>12&15], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

// lower copies s into buf lower-cased (ASCII), or reports false when s is
// longer than buf.
func lower(buf *[maxNameLen]byte, s string) ([]byte, bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b, true
}

// ByName finds a property by canonical name or any alias, case-insensitively.
func ByName(name string) (*Property, bool) {
	p, _, ok := ByNameType(name)
	return p, ok
}

// ByNameType is ByName that also returns the type the name implies: the
// _A alias of a string property names its 8-bit form (PR_SUBJECT_A:
// PT_STRING8), the _W alias its Unicode form; any other name implies the
// property's Type.
func ByNameType(name string) (*Property, PropType, bool) {
	indexOnce.Do(buildIndex)
	var buf [maxNameLen]byte
	k, ok := lower(&buf, strings.TrimSpace(name))
	if !ok {
		return nil, 0, false
	}
	h, ok := byName[string(k)]
	return h.p, h.t, ok
}

// ByTag finds a fixed-id property by tag. A string tag matches in either its
// PT_UNICODE or its PT_STRING8 form. Named-property ids (0x8000 and up) never
// match: their meaning is store-specific (see ByAddressBookTag).
func ByTag(t PropTag) (*Property, bool) {
	if t.IsNamed() {
		return nil, false
	}
	return ByAddressBookTag(t)
}

// ByAddressBookTag is ByTag for the address book, where ids from 0x8000 are
// fixed too (PR_EMS_AB_MANAGER, 0x8005000D, is PidTagAddressBookManager).
func ByAddressBookTag(t PropTag) (*Property, bool) {
	indexOnce.Do(buildIndex)
	p, ok := byTag[t]
	return p, ok
}

// ByLID finds a named property by property set and LID.
func ByLID(set guid.GUID, lid uint32) (*Property, bool) {
	indexOnce.Do(buildIndex)
	p, ok := byLID[setLID{set, lid}]
	return p, ok
}

// ByNameString finds a named property by property set and string name
// (PS_PUBLIC_STRINGS, "Keywords"), the name case-insensitively.
func ByNameString(set guid.GUID, name string) (*Property, bool) {
	indexOnce.Do(buildIndex)
	var buf [maxNameLen]byte
	k, ok := lower(&buf, name)
	if !ok {
		return nil, false
	}
	p, ok := byString[set][string(k)]
	return p, ok
}

// Properties yields every property of the table, in the facts table's order
// (tags, then LIDs, then string names, each by number), then the few
// written by hand.
func Properties() iter.Seq[*Property] {
	return func(yield func(*Property) bool) {
		indexOnce.Do(buildIndex)
		for _, p := range all {
			if !yield(p) {
				return
			}
		}
	}
}

// NamedProperties lists the named (PidLid and PidName) properties of the table.
func NamedProperties() []Property {
	var out []Property
	for p := range Properties() {
		if p.IsNamed() {
			out = append(out, *p)
		}
	}
	return out
}

// TaggedProperties lists the PidTag properties of the table.
func TaggedProperties() []Property {
	var out []Property
	for p := range Properties() {
		if p.Kind == KindTag {
			out = append(out, *p)
		}
	}
	return out
}

// Search yields the properties whose canonical name, an alias or string name
// contains word, case-insensitively, sorted by name.
func Search(word string) iter.Seq[*Property] {
	w := strings.ToLower(strings.TrimSpace(word))
	return func(yield func(*Property) bool) {
		indexOnce.Do(buildIndex)
		for _, p := range sorted {
			if Matches(p, w) && !yield(p) {
				return
			}
		}
	}
}

// Matches reports whether p's canonical name, an alias or its string name
// contains the lower-case word, ignoring case.
func Matches(p *Property, word string) bool {
	if containsFold(p.Name, word) || containsFold(p.NameString, word) {
		return true
	}
	for _, a := range p.Aliases {
		if containsFold(a, word) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word, ignoring case.
func containsFold(s, word string) bool {
	n := len(word)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// SameID yields the other properties of the table that share p's tag id
// (any type), (set, LID) or (set, string name).
func SameID(p *Property) iter.Seq[*Property] {
	return func(yield func(*Property) bool) {
		for q := range Properties() {
			if q == p || q.Kind != p.Kind {
				continue
			}
			same := false
			switch p.Kind {
			case KindTag:
				same = q.Tag.ID() == p.Tag.ID()
			case KindLID:
				same = q.Set == p.Set && q.LID == p.LID
			case KindName:
				same = q.Set == p.Set && strings.EqualFold(q.NameString, p.NameString)
			}
			if same && !yield(q) {
				return
			}
		}
	}
}

// Suggest returns up to n names (canonical or alias) close to name, by edit
// distance ignoring case, the closest first; for "did you mean" messages.
func Suggest(name string, n int) []string {
	q := strings.ToLower(strings.TrimSpace(name))
	if q == "" || n <= 0 {
		return nil
	}
	limit := max(2, len(q)/4)
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	seen := map[*Property]bool{}
	for p := range Properties() {
		best := cand{d: limit + 1}
		for _, s := range append([]string{p.Name}, p.Aliases...) {
			if s == "" {
				continue
			}
			if d := editDistance(q, strings.ToLower(s), limit); d < best.d {
				best = cand{s, d}
			}
		}
		if best.d <= limit && !seen[p] {
			seen[p] = true
			cs = append(cs, best)
		}
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.name, b.name)) })
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// must exceed limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TagsWithID yields the fixed-id properties whose tag id is id, whatever
// their type, in table order.
func TagsWithID(id uint16) iter.Seq[*Property] {
	return func(yield func(*Property) bool) {
		for p := range Properties() {
			if p.Kind == KindTag && p.Tag.ID() == id && !yield(p) {
				return
			}
		}
	}
}
