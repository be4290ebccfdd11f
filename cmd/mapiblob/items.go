package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/itemfile"
	"github.com/mapiblob/mapiblob/item/pst"
	"github.com/mapiblob/mapiblob/smartview"
)

// Item files: decode, check, occurrences and ical take .msg, TNEF, .eml
// and MFCMAPI XML files and directories of them. Files are read on all
// cores; output keeps the order of the arguments (a directory's files in
// lexical order), and nothing of an item is kept after it is printed
// (beyond SetChecker's map entry).

// itemExts are the file names a directory walk reads.
var itemExts = map[string]bool{".msg": true, ".eml": true, ".tnef": true, ".dat": true, ".xml": true, ".b64": true, ".pst": true, ".ost": true}

// itemSource is one file to read, or standard input's bytes.
type itemSource struct {
	folders func(*pst.Folder) bool // the folders of a PST or OST to read (nil: its calendar and task folders)
	path    string                 // as given, for messages
	full    string                 // path to open
	data    []byte                 // standard input, already read
}

// itemArgs decides whether args name item files: each argument is a
// directory, or a file (given as a path or @path) in an item format. A
// file given as @path, or standard input, that holds an MFCMAPI XML export
// of decodable binary properties only is left to the blob commands, as
// before items existed. It returns nil when args are not item files.
func itemArgs(e *env, args []string) ([]itemSource, error) {
	if len(args) == 0 || len(args) == 1 && args[0] == "-" {
		if e.stdin == nil {
			return nil, nil
		}
		b, err := readAll(e.stdin, "standard input")
		if err != nil {
			return nil, err
		}
		e.stdin = bytes.NewReader(b) // the blob commands read it again
		if !itemfile.IsItemData(b, false) {
			return nil, nil
		}
		return []itemSource{{path: "standard input", data: b}}, nil
	}
	var out []itemSource
	for _, a := range args {
		at := strings.HasPrefix(a, "@")
		p := strings.TrimPrefix(a, "@")
		if p == "" {
			return nil, nil
		}
		full := p
		if e.dir != "" && !filepath.IsAbs(p) {
			full = filepath.Join(e.dir, p)
		}
		st, err := os.Stat(full)
		if err != nil {
			if at || len(out) > 0 {
				return nil, nil // the blob commands report it
			}
			return nil, nil
		}
		if st.IsDir() {
			if err := walkDir(full, p, &out); err != nil {
				return nil, usageErr("cannot read %s: %v", p, err)
			}
			continue
		}
		head, err := readHead(full)
		if err != nil {
			return nil, usageErr("cannot read %s: %v", p, err)
		}
		if !itemfile.IsItemData(head, !at) {
			if len(args) == 1 {
				return nil, nil
			}
			return nil, usageErr("%s is not an item file (.msg, TNEF, .eml or MFCMAPI XML); give blobs one at a time", p)
		}
		out = append(out, itemSource{path: p, full: full})
	}
	return out, nil
}

// readHead reads a file whole when it is XML (the legacy decision needs
// it), else its first 64 KiB.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return nil, err
	}
	if itemfile.Format(b) == "xml" && len(b) == 64<<10 {
		rest, err := io.ReadAll(io.LimitReader(f, maxInput))
		if err != nil {
			return nil, err
		}
		b = append(b, rest...)
	}
	return b, nil
}

func walkDir(dir, shown string, out *[]itemSource) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !itemExts[strings.ToLower(filepath.Ext(path))] {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		*out = append(*out, itemSource{path: filepath.Join(shown, rel), full: path})
		return nil
	})
}

// fileResult is what a worker made of one file.
type fileResult struct {
	src   itemSource
	items []*item.Item // top-level items; embedded ones hang from them
	err   error        // the file could not be read
	io    bool         // the error is an I/O error, not bad content
	out   []byte       // the rendered output of every item (when the command renders per item)
	bad   bool         // some finding or unreadable property
	// partial are the folders and messages of a PST that could not be
	// read, reported on stderr beside the items that could.
	partial []error
	// mailbox is true for a PST or OST, whose accounting (messages read
	// and reported) closes its report on stderr.
	mailbox bool
	// flat and findings: every item of the file (embedded ones after their
	// parent) with its Check findings, for check.
	flat     []*item.Item
	findings [][]blob.Finding
	rendered [][]byte // each flat item's JSON with its own findings
	// panicked is a panic while the worker read or rendered the file;
	// processItems raises it again in its caller, so that run reports an
	// internal error rather than the program dying in a worker.
	panicked any
}

// processItems reads sources on all cores and hands each file's result to
// emit in the order of sources; work renders a file's items in the
// worker. A progress line goes to stderr when it is a terminal and the
// work takes more than a second. A panic in a worker stops the output and
// is raised again here, in the caller's goroutine, once every worker is
// done.
func processItems(e *env, sources []itemSource, work func(*fileResult), emit func(*fileResult) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers > len(sources) {
		workers = len(sources)
	}
	if workers < 1 {
		workers = 1
	}
	type job struct {
		i   int
		out chan *fileResult
	}
	jobs := make(chan job)
	order := make(chan chan *fileResult, 2*workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := &fileResult{src: sources[j.i]}
				func() {
					defer func() {
						if p := recover(); p != nil {
							r.panicked = fmt.Sprintf("%s: %v", r.src.path, p)
						}
					}()
					readItemFile(r)
					if r.err == nil {
						work(r)
					}
				}()
				j.out <- r
			}
		}()
	}
	go func() {
		for i := range sources {
			c := make(chan *fileResult, 1)
			order <- c
			jobs <- job{i, c}
		}
		close(jobs)
		close(order)
	}()
	prog := newProgress(e, len(sources))
	var err error
	var panicked any
	done := 0
	for c := range order {
		r := <-c
		done++
		prog.update(done)
		if r.panicked != nil && panicked == nil {
			panicked = r.panicked
		}
		for _, pe := range r.partial {
			fmt.Fprintf(e.stderr, "mapiblob: %s: %s\n", r.src.path, oneLine(pe.Error()))
		}
		if r.mailbox && r.err == nil {
			fmt.Fprintf(e.stderr, "mapiblob: %s: %s\n", r.src.path, mailboxSummary(len(r.items), r.partial))
		}
		if err == nil && panicked == nil {
			err = emit(r)
		}
	}
	prog.finish()
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return err
}

func readItemFile(r *fileResult) {
	b := r.src.data
	if b == nil {
		f, err := os.Open(r.src.full)
		if err != nil {
			r.err, r.io = errors.Unwrap(err), true
			if r.err == nil {
				r.err = err
			}
			return
		}
		if st, err := f.Stat(); err == nil && isPST(f) { // read through the file, whatever its size
			r.mailbox = true
			if r.src.folders != nil {
				r.items, r.err = itemfile.ReadPSTFolders(f, st.Size(), r.src.path, r.src.folders)
			} else {
				r.items, r.err = itemfile.ReadPST(f, st.Size(), r.src.path)
			}
			f.Close()
			r.partialRead()
			return
		}
		size := int64(512)
		if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() <= maxInput {
			size = st.Size() + 1
		}
		b = make([]byte, 0, size)
		b, err = readFull(b, io.LimitReader(f, maxInput+1))
		f.Close()
		if err != nil {
			r.err, r.io = err, true
			return
		}
		if len(b) > maxInput {
			r.err, r.io = fmt.Errorf("larger than %d MiB", maxInput>>20), true
			return
		}
	}
	r.items, r.err = itemfile.Read(b, r.src.path)
	r.partialRead()
}

// partialRead keeps the items of a PST some of whose messages could not
// be read, and those messages' errors.
func (r *fileResult) partialRead() {
	var pe *itemfile.PartialError
	if errors.As(r.err, &pe) {
		r.partial, r.err, r.bad = pe.Errs, nil, true
	}
}

// folderFlags are the flags of the item commands that choose a mailbox's
// folders.
type folderFlags struct {
	glob *string
	all  *bool
}

func addFolderFlags(fs *flag.FlagSet) folderFlags {
	return folderFlags{
		fs.String("folder", "", "read the folders of a PST or OST whose path or name matches `GLOB` (path.Match: /Top of Personal Folders/Calendar/*, Holidays) instead of its calendar and task folders"),
		fs.Bool("all-folders", false, "read every folder of a PST or OST, not only its calendar and task folders"),
	}
}

// apply sets the folders each source reads; a bad glob is a usage error.
func (f folderFlags) apply(src []itemSource) error {
	if *f.glob == "" && !*f.all {
		return nil
	}
	if *f.glob != "" && *f.all {
		return usageErr("--folder and --all-folders exclude each other")
	}
	glob := *f.glob
	if _, err := path.Match(glob, ""); err != nil {
		return usageErr("--folder %q: %v", glob, err)
	}
	keep := func(fo *pst.Folder) bool {
		if *f.all {
			return true
		}
		a, _ := path.Match(glob, fo.Path)
		b, _ := path.Match(glob, fo.Name)
		return a || b
	}
	for i := range src {
		src[i].folders = keep
	}
	return nil
}

// mailboxSummary accounts for every message of a mailbox's calendar and
// task folders: "12 messages: 11 read, 1 reported", and the folders that
// could not be read, so that nothing is lost without a line saying so.
func mailboxSummary(read int, partial []error) string {
	messages, folders := 0, 0
	for _, err := range partial {
		var me *pst.MessageError
		var fe *pst.FolderError
		switch {
		case errors.As(err, &me):
			messages++
		case errors.As(err, &fe):
			folders++
		}
	}
	s := strconv.Itoa(read+messages) + " messages in the folders read: " + strconv.Itoa(read) + " read, " + strconv.Itoa(messages) + " reported"
	if folders > 0 {
		s += "; " + strconv.Itoa(folders) + " folders could not be read"
	}
	return s
}

// isPST reports whether the file starts with the PST/OST signature.
func isPST(f *os.File) bool {
	var head [4]byte
	n, _ := f.ReadAt(head[:], 0)
	return pst.Is(head[:n])
}

// progress prints "mapiblob: 1234/10000 files" on a terminal's stderr,
// from one second on.
type progress struct {
	w     io.Writer
	total int
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(e *env, total int) *progress {
	f, ok := e.stderr.(*os.File)
	if !ok {
		return &progress{}
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: f, total: total, start: time.Now()}
}

func (p *progress) update(done int) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rmapiblob: %d/%d files", done, p.total)
}

func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// itemRun is the bookkeeping every item command shares: unreadable files
// reported on stderr, the set checks, and the exit code.
type itemRun struct {
	e       *env
	set     item.SetChecker
	bad     bool // an error finding, or an unreadable property
	invalid bool // a file that could not be read as an item
	ioErr   bool // a file that could not be opened
	items   int
}

func (r *itemRun) fileError(fr *fileResult) {
	fmt.Fprintf(r.e.stderr, "mapiblob: %s: %s\n", fr.src.path, oneLine(fr.err.Error()))
	if fr.io {
		r.ioErr = true
	} else {
		r.invalid = true
	}
}

func (r *itemRun) exit() error {
	switch {
	case r.ioErr:
		return &cliError{code: exitUsage}
	case r.invalid || r.bad:
		return &cliError{code: exitInvalid}
	}
	return nil
}

// worstIsError reports whether a finding has error severity.
func worstIsError(fs []blob.Finding) bool {
	w, ok := blob.Worst(fs)
	return ok && w == blob.Error
}

// runItemsDecode is decode on item files.
func runItemsDecode(e *env, o *decodeOpts, sources []itemSource) error {
	run := &itemRun{e: e}
	work := func(fr *fileResult) {
		var b bytes.Buffer
		if o.format == "json" {
			for _, err := range fr.partial {
				b.Write(pstErrorLine(fr.src.path, err))
			}
		}
		for _, top := range fr.items {
			for it := range top.All {
				for i := range it.Properties {
					if it.Properties[i].Err != nil {
						fr.bad = true
					}
				}
				switch o.format {
				case "json":
					j, err := it.JSON(it.Check())
					if err != nil {
						b.Write(itemErrorLine(it.Source, err))
						continue
					}
					b.Write(j)
					b.WriteByte('\n')
				default:
					_ = it.WriteText(&b, o.format == "smartview")
				}
			}
		}
		fr.out = b.Bytes()
	}
	if err := processItems(e, sources, work, run.writeOut); err != nil {
		return err
	}
	return run.exit()
}

// pstErrorLine is the NDJSON line of a PST's message or folder that could
// not be read: {"source", "folder", "nid", "error"}.
func pstErrorLine(source string, err error) []byte {
	line := struct {
		Source string `json:"source"`
		Folder string `json:"folder,omitempty"`
		NID    string `json:"nid,omitempty"`
		Error  string `json:"error"`
	}{Source: source, Error: oneLine(err.Error())}
	var me *pst.MessageError
	var fe *pst.FolderError
	switch {
	case errors.As(err, &me):
		line.Folder, line.NID = me.Folder, "0x"+strings.ToUpper(strconv.FormatUint(uint64(me.NID), 16))
	case errors.As(err, &fe):
		line.Folder, line.NID = fe.Path, "0x"+strings.ToUpper(strconv.FormatUint(uint64(fe.NID), 16))
	}
	b, _ := json.Marshal(line)
	return append(b, '\n')
}

// itemErrorLine is the NDJSON line of an item that could not be written
// as JSON: {"source", "error"}, built by encoding/json so that it is valid
// JSON whatever the file name holds (invalid UTF-8 becomes U+FFFD).
func itemErrorLine(source string, err error) []byte {
	b, _ := json.Marshal(struct {
		Source string `json:"source"`
		Error  string `json:"error"`
	}{source, err.Error()})
	return append(b, '\n')
}

// writeOut prints a file's rendered output in order, or reports the file
// that could not be read and goes on (a usage error stops the run).
func (r *itemRun) writeOut(fr *fileResult) error {
	if fr.err != nil {
		var ce *cliError
		if errors.As(fr.err, &ce) {
			return ce
		}
		r.fileError(fr)
		return nil
	}
	r.bad = r.bad || fr.bad
	_, err := r.e.stdout.Write(fr.out)
	return err
}

// runItemsCheck is check on item files.
func runItemsCheck(e *env, o *decodeOpts, sources []itemSource) error {
	run := &itemRun{e: e}
	work := func(fr *fileResult) {
		for _, top := range fr.items {
			for it := range top.All {
				fs := it.Check()
				fr.flat = append(fr.flat, it)
				fr.findings = append(fr.findings, fs)
				if o.format == "json" {
					j, err := it.AppendJSON(make([]byte, 0, 16<<10), fs)
					if err != nil {
						fr.err = err
						return
					}
					fr.rendered = append(fr.rendered, j)
				}
			}
		}
	}
	emit := func(fr *fileResult) error {
		if fr.err != nil {
			run.fileError(fr)
			return nil
		}
		var b bytes.Buffer
		for i, it := range fr.flat {
			dup := run.set.Add(it)
			fs := append(fr.findings[i], dup...)
			run.items++
			if worstIsError(fs) {
				run.bad = true
			}
			if o.format == "json" {
				j := fr.rendered[i]
				if len(dup) > 0 { // rare: render again with the set's finding
					var err error
					if j, err = it.JSON(fs); err != nil {
						return err
					}
				}
				b.Write(j)
				b.WriteByte('\n')
				continue
			}
			label := it.Label()
			if len(fs) == 0 {
				fmt.Fprintf(&b, "%s: no findings\n", label)
			}
			for _, f := range fs {
				fmt.Fprintf(&b, "%s: %-7s %s %s: %s\n", label, f.Severity, f.Code, f.Path, f.Message)
			}
		}
		_, err := e.stdout.Write(b.Bytes())
		return err
	}
	if err := processItems(e, sources, work, emit); err != nil {
		return err
	}
	setFindings := run.set.Findings()
	n, rec := run.set.Count()
	if o.format == "json" {
		if setFindings == nil {
			setFindings = []blob.Finding{}
		}
		j, _ := json.Marshal(struct {
			Set struct {
				Items     int `json:"items"`
				Recurring int `json:"recurring"`
			} `json:"set"`
			Findings []blob.Finding `json:"findings"`
		}{Set: struct {
			Items     int `json:"items"`
			Recurring int `json:"recurring"`
		}{n, rec}, Findings: setFindings})
		fmt.Fprintln(e.stdout, string(j))
	} else if len(sources) > 1 || len(setFindings) > 0 {
		fmt.Fprintf(e.stdout, "set: %d items, %d recurring\n", n, rec)
		for _, f := range setFindings {
			fmt.Fprintf(e.stdout, "set: %-7s %s %s: %s\n", f.Severity, f.Code, f.Path, f.Message)
		}
	}
	if worstIsError(setFindings) {
		run.bad = true
	}
	return run.exit()
}

// runItemsOccurrences lists each recurring item's occurrences.
func runItemsOccurrences(e *env, sources []itemSource, format string, opt smartview.ExpandOptions, fromArg, toArg string) error {
	run := &itemRun{e: e}
	work := func(fr *fileResult) {
		var b bytes.Buffer
		for _, top := range fr.items {
			for it := range top.All {
				s := it.Series()
				if s == nil {
					continue
				}
				o := opt
				if loc := seriesLoc(s); loc != nil {
					var err error
					if o.From, err = parseWhen(fromArg, loc, "from"); err != nil {
						fr.err = err
						return
					}
					if o.To, err = parseWhen(toArg, loc, "to"); err != nil {
						fr.err = err
						return
					}
					if !o.To.IsZero() && len(toArg) == 10 {
						o.To = o.To.AddDate(0, 0, 1)
					}
				}
				x, err := s.Expand(o)
				if err != nil {
					fmt.Fprintf(&b, "== %s\nerror: %v\n\n", it.TextLabel(), err)
					fr.bad = true
					continue
				}
				if format == "json" {
					j, err := json.Marshal(struct {
						Source      string               `json:"source"`
						Item        string               `json:"item"`
						Occurrences *smartview.Expansion `json:"occurrences"`
					}{it.Source, it.Path, x})
					if err != nil {
						fr.err = err
						return
					}
					b.Write(j)
					b.WriteByte('\n')
					continue
				}
				fmt.Fprintf(&b, "== %s\n%s", it.TextLabel(), x.Text())
				if x.Capped {
					fmt.Fprintf(&b, "(%s)\n", x.CapNote())
				}
				b.WriteByte('\n')
			}
		}
		fr.out = b.Bytes()
	}
	if err := processItems(e, sources, work, run.writeOut); err != nil {
		return err
	}
	return run.exit()
}

func seriesLoc(s *smartview.Series) *time.Location {
	if s.Zone == nil {
		return time.UTC
	}
	if l, err := s.Zone.Location(); err == nil {
		return l
	}
	return time.UTC
}

// runItemsICal writes every event of the items into one VCALENDAR.
func runItemsICal(e *env, sources []itemSource, opt ical.ExportOptions) error {
	run := &itemRun{e: e}
	cw := ical.NewCalendarWriter(e.stdout, opt)
	events := 0
	emit := func(fr *fileResult) error {
		if fr.err != nil {
			run.fileError(fr)
			return nil
		}
		for _, top := range fr.items {
			for it := range top.All {
				err := cw.Add(it)
				switch {
				case errors.Is(err, ical.ErrNoEvent):
					if it.Parent == "" {
						fmt.Fprintf(e.stderr, "mapiblob: %s: %v\n", it.Label(), err)
					}
				case err != nil:
					fmt.Fprintf(e.stderr, "mapiblob: %s: %v\n", it.Label(), err)
					run.invalid = true
				default:
					events++
				}
			}
		}
		return nil
	}
	if err := processItems(e, sources, func(*fileResult) {}, emit); err != nil {
		return err
	}
	if err := cw.Close(); err != nil {
		return err
	}
	if events == 0 && !run.invalid && !run.ioErr {
		return invalidErr("no events among the items")
	}
	return run.exit()
}

// readFull appends all of r to b, growing b only when r holds more than
// its capacity.
func readFull(b []byte, r io.Reader) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
