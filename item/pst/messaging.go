package pst

import (
	"encoding/binary"
	"errors"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// The messaging layer ([MS-PST] 2.4): the message store, the folder tree,
// messages, recipients, attachments and the named-property map.

// Special NIDs ([MS-PST] 2.4.1) and NID types (2.2.2.1).
const (
	nidMessageStore   = 0x21
	nidNameToIDMap    = 0x61
	nidRootFolder     = 0x122
	nidRecipientTable = 0x692
	nidAttachTable    = 0x671

	nidTypeNormalFolder  = 0x02
	nidTypeNormalMessage = 0x04
	nidTypeAttachment    = 0x05
	nidTypeAssocMessage  = 0x08
	nidTypeHierarchy     = 0x0D
	nidTypeContents      = 0x0E
	nidTypeAssocContents = 0x0F

	tagLtpRowID  proptag.PropTag = 0x67F20003
	tagLtpRowVer proptag.PropTag = 0x67F30003

	tagDisplayName    proptag.PropTag = 0x3001001F
	tagContentCount   proptag.PropTag = 0x36020003
	tagContentUnread  proptag.PropTag = 0x36030003
	tagSubfolders     proptag.PropTag = 0x360A000B
	tagContainerClass proptag.PropTag = 0x3613001F
	tagAttachMethod   proptag.PropTag = 0x37050003
	tagAttachDataObj  proptag.PropTag = 0x3701000D
)

// maxFolderDepth bounds how deep the folder tree is followed.
const maxFolderDepth = 64

// File is an open PST or OST file. Its methods read from the file as they
// go; nothing but the header is read by Open.
type File struct {
	// Source names the file in the items read from it ("" when unknown).
	Source string
	// Header is the file's HEADER.
	Header Header

	d ndb

	namesOnce sync.Once
	names     []*item.Named
	namesErr  error

	childOnce sync.Once
	children  map[uint32][]uint32 // folder NID → message NIDs, from the NBT
	subs      map[uint32][]uint32 // folder NID → subfolder NIDs, from the NBT
	assoc     map[uint32][]uint32 // folder NID → associated message NIDs, from the NBT
	nbtErrs   []error
}

// Open reads the header of a PST or OST file of the given size; the rest
// is read on demand through r, never all at once.
func Open(r io.ReaderAt, size int64) (*File, error) {
	n := int64(headerSizeU)
	if size < n {
		n = size
	}
	b := make([]byte, n)
	if _, err := r.ReadAt(b, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	h, err := parseHeader(b)
	if err != nil {
		return nil, err
	}
	f := &File{Header: *h}
	f.d = ndb{r: r, size: size, h: &f.Header}
	return f, nil
}

// Is reports whether b starts with the PST/OST signature "!BDN".
func Is(b []byte) bool { return len(b) >= 4 && binary.LittleEndian.Uint32(b) == magicPST }

// Folder is one folder of the file.
type Folder struct {
	// NID is the folder's node id.
	NID uint32
	// Path is the folder's place from the root folder: "/" for the root,
	// "/Top of Personal Folders/Calendar" below it.
	Path string
	// Name is PidTagDisplayName.
	Name string
	// ContainerClass is PidTagContainerClass ("IPF.Appointment"…), "" when
	// the folder has none.
	ContainerClass string
	// ContentCount and UnreadCount are PidTagContentCount and
	// PidTagContentUnreadCount; HasSubfolders is PidTagSubfolders.
	ContentCount, UnreadCount int
	HasSubfolders             bool
	// Depth is 0 for the root folder, 1 below it…
	Depth int
	// Err is why the folder's properties or its list of subfolders could
	// not be read; what could be read is still given.
	Err error

	f *File
}

// FolderError is a folder, or a subfolder list, that could not be read.
type FolderError struct {
	Path string
	NID  uint32
	Err  error
}

func (e *FolderError) Error() string {
	return "pst: folder " + e.Path + " [nid 0x" + hex(uint64(e.NID)) + "]: " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FolderError) Unwrap() error { return e.Err }

// MessageError is a message that could not be read: the folder it is in,
// its node id and why.
type MessageError struct {
	Folder string
	NID    uint32
	Err    error
}

func (e *MessageError) Error() string {
	return "pst: message [nid 0x" + hex(uint64(e.NID)) + "] in " + e.Folder + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *MessageError) Unwrap() error { return e.Err }

// Folders yields every folder of the file, depth first from the root
// folder, following each folder's hierarchy table. A folder that cannot be
// read is yielded with Err set, and the walk goes on with the others; a
// folder reached twice is reported once and not followed again. The
// subfolders are the rows of each folder's hierarchy table, then those the
// node B-tree gives the folder as parent and the table lacks. Last come
// the folders the walk did not reach but the node B-tree names as the
// parent of a folder or message: each is walked as a top-level folder
// ("/Name" or "/[nid 0x…]"), its Err saying so.
func (f *File) Folders() iter.Seq[*Folder] {
	return func(yield func(*Folder) bool) {
		seen := map[uint32]bool{}
		orphan := uint32(0)
		var visit func(nid uint32, path string, depth int) bool
		visitOrphan := func(nid uint32) bool {
			orphan = nid
			return visit(nid, "/", 1)
		}
		visit = func(nid uint32, path string, depth int) bool {
			fo := f.folder(nid, path, depth)
			if nid == orphan && orphan != 0 && fo.Err == nil {
				fo.Err = &FolderError{Path: fo.Path, NID: nid, Err: errors.New("the folder is not reached from the root folder: the node B-tree names it as a parent")}
			}
			if seen[nid] {
				fo.Err = &FolderError{Path: fo.Path, NID: nid, Err: errors.New("the folder is reached twice in the folder tree")}
				return yield(fo)
			}
			seen[nid] = true
			var kids []uint32
			if fo.Err == nil {
				var err error
				kids, err = f.subfolders(nid)
				if err != nil {
					fo.Err = &FolderError{Path: fo.Path, NID: nid, Err: err}
				}
			}
			// Subfolders the node B-tree has and the hierarchy table lacks.
			f.nbtIndex()
			listed := map[uint32]bool{}
			for _, k := range kids {
				listed[k] = true
			}
			for _, k := range f.subs[nid] {
				if !listed[k] {
					kids = append(kids, k)
				}
			}
			if depth == 0 && len(f.nbtErrs) > 0 {
				errs := f.nbtErrs
				if fo.Err != nil {
					errs = append([]error{fo.Err}, errs...)
				}
				fo.Err = &FolderError{Path: fo.Path, NID: nid, Err: errors.Join(errs...)}
			}
			if !yield(fo) {
				return false
			}
			if depth >= maxFolderDepth && len(kids) > 0 {
				bad := &Folder{NID: nid, Path: fo.Path, Depth: depth, f: f,
					Err: &FolderError{Path: fo.Path, NID: nid, Err: errors.New("subfolders nested deeper than " + strconv.Itoa(maxFolderDepth) + " are not read")}}
				return yield(bad)
			}
			for _, k := range kids {
				if !visit(k, fo.Path, depth+1) {
					return false
				}
			}
			return true
		}
		if !visit(nidRootFolder, "", 0) {
			return
		}
		// Folders and messages whose parent the walk did not reach: their
		// parents are walked as top-level folders, so that nothing the node
		// B-tree holds is left out.
		var orphans []uint32
		for _, m := range []map[uint32][]uint32{f.subs, f.children, f.assoc} {
			for p := range m {
				if !seen[p] {
					seen[p] = true
					orphans = append(orphans, p)
				}
			}
		}
		slices.Sort(orphans)
		for _, p := range orphans {
			delete(seen, p)
			if !visitOrphan(p) {
				return
			}
		}
	}
}

func joinPath(parent, name string) string {
	if parent == "" {
		return "/"
	}
	return strings.TrimSuffix(parent, "/") + "/" + name
}

// folder reads a folder's properties.
func (f *File) folder(nid uint32, parent string, depth int) *Folder {
	fo := &Folder{NID: nid, Depth: depth, f: f}
	name := "[nid 0x" + hex(uint64(nid)) + "]"
	fail := func(err error) *Folder {
		fo.Path = joinPath(parent, name)
		fo.Err = &FolderError{Path: fo.Path, NID: nid, Err: err}
		return fo
	}
	n, err := f.d.node(nid)
	if err != nil {
		return fail(err)
	}
	l, err := f.d.openLTP(n, clientPC)
	if err != nil {
		return fail(err)
	}
	props, err := l.props(nil)
	if err != nil {
		return fail(err)
	}
	for _, p := range props {
		switch p.Tag {
		case tagDisplayName:
			fo.Name = p.Value.Str
		case tagDisplayName&^0xFFFF | proptag.PropTag(proptag.PT_STRING8):
			fo.Name = blob.DefaultCodePage.Decode(p.Value.Bytes)
		case tagContainerClass:
			fo.ContainerClass = p.Value.Str
		case tagContainerClass&^0xFFFF | proptag.PropTag(proptag.PT_STRING8):
			fo.ContainerClass = blob.DefaultCodePage.Decode(p.Value.Bytes)
		case tagContentCount:
			fo.ContentCount = int(p.Value.Int)
		case tagContentUnread:
			fo.UnreadCount = int(p.Value.Int)
		case tagSubfolders:
			fo.HasSubfolders = p.Value.Int != 0
		}
	}
	if depth > 0 {
		name = strings.ReplaceAll(fo.Name, "/", "%2F")
	}
	fo.Path = joinPath(parent, name)
	return fo
}

// subfolders reads the rows of a folder's hierarchy table: the NIDs of
// its subfolders.
func (f *File) subfolders(nid uint32) ([]uint32, error) {
	return f.tableRows(nid&^0x1F | nidTypeHierarchy)
}

func (f *File) tableRows(tnid uint32) ([]uint32, error) {
	n, err := f.d.node(tnid)
	if err != nil {
		return nil, err
	}
	t, err := f.d.openTable(n)
	if err != nil {
		return nil, err
	}
	out := make([]uint32, 0, len(t.rows))
	for _, r := range t.rows {
		out = append(out, t.rowID(r))
	}
	return out, nil
}

// nameMap reads the named-property map (NID 0x61, [MS-PST] 2.4.7) once.
func (f *File) nameMap() ([]*item.Named, error) {
	f.namesOnce.Do(func() { f.names, f.namesErr = f.readNameMap() })
	return f.names, f.namesErr
}

var (
	psMAPI          = guid.MustParse("{00020328-0000-0000-C000-000000000046}")
	psPublicStrings = guid.MustParse("{00020329-0000-0000-C000-000000000046}")
)

func (f *File) readNameMap() ([]*item.Named, error) {
	n, err := f.d.node(nidNameToIDMap)
	if err != nil {
		return nil, err
	}
	l, err := f.d.openLTP(n, clientPC)
	if err != nil {
		return nil, err
	}
	props, err := l.props(nil)
	if err != nil {
		return nil, err
	}
	var guids, entries, strs []byte
	for _, p := range props {
		switch p.Tag {
		case 0x00020102:
			guids = p.Value.Bytes
		case 0x00030102:
			entries = p.Value.Bytes
		case 0x00040102:
			strs = p.Value.Bytes
		}
	}
	mapErr := func(detail string) error {
		return &CorruptError{Structure: "named property map", Offset: -1, NID: nidNameToIDMap, Err: blob.ErrInvalid, Detail: detail}
	}
	if len(entries)%8 != 0 || len(guids)%16 != 0 {
		return nil, mapErr("the entry stream (" + strconv.Itoa(len(entries)) + " bytes) or the GUID stream (" + strconv.Itoa(len(guids)) + ") is not whole records")
	}
	le := binary.LittleEndian
	out := make([]*item.Named, len(entries)/8)
	for i := 0; i+8 <= len(entries); i += 8 {
		e := entries[i:]
		id, gk, idx := le.Uint32(e), le.Uint16(e[4:]), int(le.Uint16(e[6:]))
		where := "entry " + strconv.Itoa(i/8) + ": "
		nm := &item.Named{}
		switch gi := int(gk >> 1); {
		case gi == 1:
			nm.Set = psMAPI
		case gi == 2:
			nm.Set = psPublicStrings
		case gi >= 3 && (gi-3)*16+16 <= len(guids):
			copy(nm.Set[:], guids[(gi-3)*16:])
		default:
			return nil, mapErr(where + "GUID index " + strconv.Itoa(gi) + ", but the GUID stream holds " + strconv.Itoa(len(guids)/16))
		}
		if gk&1 == 1 {
			nm.IsName = true
			if uint64(id)+4 > uint64(len(strs)) {
				return nil, mapErr(where + "string offset " + strconv.Itoa(int(id)) + " beyond the string stream")
			}
			sl := le.Uint32(strs[id:])
			if uint64(id)+4+uint64(sl) > uint64(len(strs)) {
				return nil, mapErr(where + "a name of " + strconv.Itoa(int(sl)) + " bytes runs past the string stream")
			}
			nm.Name = item.DecodeUTF16(strs[id+4 : id+4+sl])
		} else {
			nm.LID = id
		}
		if idx >= len(out) {
			return nil, mapErr(where + "property index " + strconv.Itoa(idx) + ", but the map has " + strconv.Itoa(len(out)) + " entries")
		}
		out[idx] = nm
	}
	return out, nil
}

// nbtIndex reads the NBT once and keeps, for each folder, the messages
// and subfolders whose nidParent it is: the check that the contents and
// hierarchy tables miss none.
func (f *File) nbtIndex() {
	f.childOnce.Do(func() {
		f.children = map[uint32][]uint32{}
		f.subs = map[uint32][]uint32{}
		f.assoc = map[uint32][]uint32{}
		f.d.walk(f.Header.NBT, ptypeNBT, func(e []byte) {
			n := f.d.nbtEntry(e)
			switch n.nid & 0x1F {
			case nidTypeNormalMessage:
				f.children[n.parent] = append(f.children[n.parent], n.nid)
			case nidTypeAssocMessage:
				f.assoc[n.parent] = append(f.assoc[n.parent], n.nid)
			case nidTypeNormalFolder:
				if n.nid != n.parent {
					f.subs[n.parent] = append(f.subs[n.parent], n.nid)
				}
			}
		}, func(err error) { f.nbtErrs = append(f.nbtErrs, err) })
	})
}

// Messages yields the folder's messages, each as an item (with its
// recipients, attachments and embedded messages) or as a *MessageError
// naming the folder and the node when it cannot be read; the iteration
// goes on after an error. The messages are the rows of the folder's
// contents table, then any message of the folder the node B-tree has and
// the table lacks. A damaged node B-tree is reported once, in the root
// folder's Err.
func (fo *Folder) Messages() iter.Seq2[*item.Item, error] {
	return fo.messages(nidTypeContents, nidTypeNormalMessage)
}

// AssociatedMessages yields the folder's associated (FAI) messages, the
// rows of its associated contents table (views, rules, forms…), as
// Messages yields its messages.
func (fo *Folder) AssociatedMessages() iter.Seq2[*item.Item, error] {
	return fo.messages(nidTypeAssocContents, nidTypeAssocMessage)
}

func (fo *Folder) messages(tableType, msgType uint32) iter.Seq2[*item.Item, error] {
	return func(yield func(*item.Item, error) bool) {
		f := fo.f
		names, nerr := f.nameMap()
		if nerr != nil && !yield(nil, &MessageError{Folder: fo.Path, NID: nidNameToIDMap, Err: nerr}) {
			return
		}
		listed := map[uint32]bool{}
		rows, terr := f.tableRows(fo.NID&^0x1F | tableType)
		if terr != nil && !yield(nil, &MessageError{Folder: fo.Path, NID: fo.NID&^0x1F | tableType, Err: terr}) {
			return
		}
		read := func(nid uint32) bool {
			if listed[nid] {
				return true
			}
			listed[nid] = true
			it, err := f.message(nid, fo.Path, names)
			if err != nil {
				return yield(nil, &MessageError{Folder: fo.Path, NID: nid, Err: err})
			}
			return yield(it, nil)
		}
		for _, nid := range rows {
			if !read(nid) {
				return
			}
		}
		f.nbtIndex()
		byParent := f.children
		if msgType == nidTypeAssocMessage {
			byParent = f.assoc
		}
		for _, nid := range byParent[fo.NID] {
			if !read(nid) {
				return
			}
		}
	}
}

// message reads a message node: its properties, recipients, attachments
// and embedded messages.
func (f *File) message(nid uint32, folder string, names []*item.Named) (*item.Item, error) {
	n, err := f.d.node(nid)
	if err != nil {
		return nil, err
	}
	it, err := f.messageAt(n, names, 0)
	if err != nil {
		return nil, err
	}
	for x := range it.All {
		x.Source, x.Folder, x.NID = f.Source, folder, nid
	}
	it.SetPath(joinPath(folder, "[nid 0x"+hex(uint64(nid))+"]"), "")
	it.Decode()
	return it, nil
}

func (f *File) messageAt(n node, names []*item.Named, depth int) (*item.Item, error) {
	if depth > item.MaxNesting {
		return nil, &CorruptError{Structure: "message", Offset: -1, NID: n.nid, Err: blob.ErrInvalid, Detail: "embedded messages nested deeper than " + strconv.Itoa(item.MaxNesting)}
	}
	l, err := f.d.openLTP(n, clientPC)
	if err != nil {
		return nil, err
	}
	props, err := l.props(names)
	if err != nil {
		return nil, err
	}
	it := &item.Item{Format: "pst", Properties: props}
	if rn, ok := l.subs[nidRecipientTable]; ok {
		t, err := f.d.openTable(rn)
		if err != nil {
			return nil, withNID(err, n.nid)
		}
		for _, r := range t.rows {
			it.Recipients = append(it.Recipients, t.row(r, names))
		}
	}
	if an, ok := l.subs[nidAttachTable]; ok {
		t, err := f.d.openTable(an)
		if err != nil {
			return nil, withNID(err, n.nid)
		}
		for _, r := range t.rows {
			a, err := f.attachment(l, t.rowID(r), names, depth)
			if err != nil {
				return nil, err
			}
			it.Attachments = append(it.Attachments, a)
		}
	}
	return it, nil
}

// attachment reads the attachment subnode anid of a message: its
// properties and, for an embedded message (PidTagAttachDataObject), that
// message.
func (f *File) attachment(msg *ltp, anid uint32, names []*item.Named, depth int) (item.Attachment, error) {
	an, ok := msg.subs[anid]
	if !ok {
		return item.Attachment{}, &CorruptError{Structure: "attachment", Offset: -1, NID: msg.h.nid, Err: blob.ErrInvalid, Detail: "attachment 0x" + hex(uint64(anid)) + " of the attachment table is not in the subnode tree"}
	}
	l, err := f.d.openLTP(an, clientPC)
	if err != nil {
		return item.Attachment{}, withNID(err, anid)
	}
	props, err := l.props(names)
	if err != nil {
		return item.Attachment{}, withNID(err, anid)
	}
	a := item.Attachment{Properties: props}
	obj, ok, err := l.object(tagAttachDataObj)
	if err != nil {
		return a, withNID(err, anid)
	}
	if !ok {
		return a, nil
	}
	en, ok := l.subs[obj]
	if !ok {
		return a, &CorruptError{Structure: "attachment", Offset: -1, NID: anid, Err: blob.ErrInvalid, Detail: "the embedded message's subnode 0x" + hex(uint64(obj)) + " is missing"}
	}
	e, err := f.messageAt(en, names, depth+1)
	if err != nil {
		return a, err
	}
	a.Embedded = e
	return a, nil
}

// object finds a PtypObject property of a PC and returns the NID of the
// subnode that holds the object ([MS-PST] 2.3.3.5: the heap item holds
// the NID and the object's size).
func (l *ltp) object(tag proptag.PropTag) (uint32, bool, error) {
	t, err := l.h.bth(l.h.userRoot)
	if err != nil {
		return 0, false, err
	}
	var hnid uint32
	found := false
	if err := t.records(func(k, v []byte) {
		if binary.LittleEndian.Uint16(k) == tag.ID() && proptag.PropType(binary.LittleEndian.Uint16(v)) == proptag.PT_OBJECT {
			hnid, found = binary.LittleEndian.Uint32(v[2:]), true
		}
	}); err != nil || !found {
		return 0, false, err
	}
	if hnid&0x1F != 0 {
		return hnid, true, nil
	}
	b, err := l.h.item(hnid)
	if err != nil {
		return 0, false, err
	}
	if len(b) < 4 {
		return 0, false, &CorruptError{Structure: "PC", Offset: -1, NID: l.h.nid, Err: blob.ErrTruncated, Detail: "the PtypObject value is " + strconv.Itoa(len(b)) + " bytes"}
	}
	return binary.LittleEndian.Uint32(b), true, nil
}

// Node is an entry of the node B-tree ([MS-PST] 2.2.2.7.7.4): a node's
// id, the BIDs of its data and of its subnode tree, and its parent.
type Node struct {
	NID    uint32 // nid
	Data   uint64 // bidData
	Sub    uint64 // bidSub
	Parent uint32 // nidParent
}

// Node looks a node up in the node B-tree: where a message or folder's
// data is, for a report or a forensic look at a damaged file.
func (f *File) Node(nid uint32) (Node, error) {
	n, err := f.d.node(nid)
	if err != nil {
		return Node{}, err
	}
	return Node{NID: n.nid, Data: n.data, Sub: n.sub, Parent: n.parent}, nil
}

// Block looks a block up in the block B-tree ([MS-PST] 2.2.2.7.7.3): its
// file offset and its size (cb, without the trailer).
func (f *File) Block(bid uint64) (BREF, int, error) {
	e, err := f.d.lookup(f.Header.BBT, ptypeBBT, bid&^1)
	if err != nil {
		return BREF{}, 0, err
	}
	if e == nil {
		return BREF{}, 0, corrupt("block", -1, bid, blob.ErrInvalid, "no such block in the block B-tree")
	}
	return f.d.bref(e), int(binary.LittleEndian.Uint16(e[f.d.brefSize():])), nil
}
