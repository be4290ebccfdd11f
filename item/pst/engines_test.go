package pst_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

// The files the writer makes are read back by two readers of their own:
// libpst's readpst (Debian pst-utils) and libpff (python3-pypff). Each
// test skips, saying so, when its reader is missing, and fails instead
// when MAPIBLOB_REQUIRE_ENGINES=1 (as .ci/run sets after
// .ci/install-tools.sh).

func requireEngine(t *testing.T, what string, err error) bool {
	t.Helper()
	if err == nil {
		return true
	}
	if os.Getenv("MAPIBLOB_REQUIRE_ENGINES") == "1" {
		t.Fatalf("%s is required (MAPIBLOB_REQUIRE_ENGINES=1) but unavailable: %v", what, err)
	}
	t.Skipf("%s unavailable, skipping (apt-get install -y pst-utils pff-tools python3-pypff): %v", what, err)
	return false
}

// engineTree is the file the engines read: nested calendar folders with
// recurring meetings (each with its exception as an embedded message), a
// meeting with an empty time-zone key name, a folder view (an associated
// message), and a task folder.
func engineTree() []*pst.Tree {
	return []*pst.Tree{
		{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{
			meeting(itemtest.Options{Seed: 1}),
			meeting(itemtest.Options{Seed: 2, EmptyStartDisplayKeyName: true}),
		}, Associated: []*item.Item{namedView()}, Folders: []*pst.Tree{
			{Name: "Team", ContainerClass: "IPF.Appointment", Messages: []*item.Item{meeting(itemtest.Options{Seed: 4, Zone: "Tokyo Standard Time"})}},
		}},
		{Name: "Tasks", ContainerClass: "IPF.Task", Messages: []*item.Item{task()}},
	}
}

// view is what a reader sees of a folder: its subfolders' count, its
// messages' count, their subjects (sorted) and attachment counts.
type view struct {
	Folders     int
	Messages    int
	Subjects    []string
	Attachments []int
}

func ourView(t *testing.T, b []byte) map[string]view {
	t.Helper()
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	out := map[string]view{}
	var order []string
	for fo := range f.Folders() {
		require.NoError(t, fo.Err)
		v := view{}
		for it, err := range fo.Messages() {
			require.NoError(t, err)
			v.Messages++
			v.Subjects = append(v.Subjects, it.Get("PidTagSubject").Value.Str)
			v.Attachments = append(v.Attachments, len(it.Attachments))
		}
		out[fo.Path] = v
		order = append(order, fo.Path)
		if parent := filepath.Dir(fo.Path); fo.Path != "/" {
			p := out[parent]
			p.Folders++
			out[parent] = p
		}
	}
	for k, v := range out {
		sort.Strings(v.Subjects)
		out[k] = v
	}
	return out
}

func writeEngineFile(t *testing.T, o pst.WriteOptions) (string, []byte) {
	t.Helper()
	return writeTree(t, o, engineTree())
}

func writeTree(t *testing.T, o pst.WriteOptions, tree []*pst.Tree) (string, []byte) {
	t.Helper()
	b, err := pst.Marshal(o, tree...)
	require.NoError(t, err)
	name := filepath.Join(t.TempDir(), "mailbox.pst")
	require.NoError(t, os.WriteFile(name, b, 0o644))
	return name, b
}

// pypffScript prints, for every folder libpff finds, its path, subfolder
// and message counts, and each message's subject and attachment count.
const pypffScript = `
import json, sys, pypff
f = pypff.file()
f.open(sys.argv[1])
out = {}
def walk(fo, path):
    subj, att = [], []
    for i in range(fo.number_of_sub_messages):
        m = fo.get_sub_message(i)
        subj.append(m.subject or "")
        att.append(m.number_of_attachments)
    out[path] = {"Folders": fo.number_of_sub_folders, "Messages": fo.number_of_sub_messages,
                 "Subjects": sorted(subj), "Attachments": att}
    for i in range(fo.number_of_sub_folders):
        s = fo.get_sub_folder(i)
        walk(s, (path.rstrip("/") + "/" + (s.name or "")))
walk(f.root_folder, "/")
json.dump(out, sys.stdout)
`

// python finds a python3 that imports pypff (Debian installs the module
// for /usr/bin/python3, which another python3 on PATH may not see).
func python(t *testing.T) (string, error) {
	var tried []string
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import pypff").Run() == nil {
			return path, nil
		}
		tried = append(tried, path)
	}
	return "", errors.New("no python3 with pypff (tried " + strings.Join(tried, ", ") + ")")
}

func TestLibpffReadsWrittenFile(t *testing.T) {
	py, err := python(t)
	if !requireEngine(t, "libpff (python3-pypff)", err) {
		return
	}
	for _, o := range writeForms {
		t.Run(o.Format.String()+"/"+o.CryptMethod.String(), func(t *testing.T) {
			name, b := writeEngineFile(t, o)
			out, err := exec.Command(py, "-c", pypffScript, name).Output()
			require.NoError(t, err, "pypff: %s", out)
			var got map[string]view
			require.NoError(t, json.Unmarshal(out, &got))
			if d := cmp.Diff(ourView(t, b), got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("libpff reads otherwise (-ours +libpff):\n%s", d)
			}
		})
	}
	if testing.Short() {
		return
	}
	for _, o := range []pst.WriteOptions{{CryptMethod: pst.CryptCyclic}, {Format: pst.ANSI}} {
		t.Run("large/"+o.Format.String(), func(t *testing.T) {
			name, b := writeTree(t, o, largeTree())
			out, err := exec.Command(py, "-c", pypffScript, name).Output()
			require.NoError(t, err, "pypff: %s", out)
			var got map[string]view
			require.NoError(t, json.Unmarshal(out, &got))
			if d := cmp.Diff(ourView(t, b), got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("libpff reads otherwise (-ours +libpff):\n%s", d)
			}
		})
	}
}

// pffinfo names the file's encoding and store folders as written.
func TestPffinfo(t *testing.T) {
	path, err := exec.LookPath("pffinfo")
	if !requireEngine(t, "pffinfo (pff-tools)", err) {
		return
	}
	encryption := map[pst.CryptMethod]string{pst.CryptNone: "none", pst.CryptPermute: "compressible", pst.CryptCyclic: "high"}
	for _, o := range writeForms {
		name, _ := writeEngineFile(t, o)
		out, err := exec.Command(path, name).CombinedOutput()
		require.NoError(t, err, "%s", out)
		require.Regexp(t, `Encryption type:\s+`+encryption[o.CryptMethod], string(out))
		bits := map[pst.Format]string{pst.Unicode: "64-bit", pst.ANSI: "32-bit"}[o.Format]
		require.Regexp(t, `File type:\s+`+bits, string(out))
	}
}

var readpstCount = regexp.MustCompile(`"([^"]*)" - (\d+) items done, (\d+) items skipped`)

// readpst finds the same folders, and in each as many entries (messages,
// associated messages and subfolders, which it counts together) as the
// reader; the
// iCalendar it writes for the calendar folders has the meetings'
// subjects.
func TestReadpstReadsWrittenFile(t *testing.T) {
	path, err := exec.LookPath("readpst")
	if !requireEngine(t, "readpst (pst-utils)", err) {
		return
	}
	for _, o := range writeForms {
		t.Run(o.Format.String()+"/"+o.CryptMethod.String(), func(t *testing.T) {
			name, b := writeEngineFile(t, o)
			dir := t.TempDir()
			out, err := exec.Command(path, "-S", "-D", "-o", dir, name).CombinedOutput()
			require.NoError(t, err, "%s", out)
			ours := ourView(t, b)
			assoc := map[string]int{} // readpst counts associated messages too
			f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			for fo := range f.Folders() {
				for _, err := range fo.AssociatedMessages() {
					require.NoError(t, err)
					assoc[fo.Path]++
				}
			}
			want := map[string]int{}
			for p, v := range ours {
				if p == "/" {
					continue
				}
				n := filepath.Base(p)
				if p == "/Top of Personal Folders" {
					n = "Personal Folders" // readpst names the IPM subtree by the store
				}
				if c := v.Messages + v.Folders + assoc[p]; c > 0 {
					want[n] = c
				}
			}
			got := map[string]int{}
			for _, m := range readpstCount.FindAllStringSubmatch(string(out), -1) {
				done, _ := strconv.Atoi(m[2])
				skipped, _ := strconv.Atoi(m[3])
				got[m[1]] = done + skipped
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("readpst counts otherwise (-ours +readpst):\n%s\n%s", d, out)
			}
			var wantSubj, gotSubj []string
			for p, v := range ours {
				if strings.Contains(p, "Calendar") {
					wantSubj = append(wantSubj, v.Subjects...)
				}
			}
			require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				for _, line := range strings.Split(string(b), "\n") {
					if s, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "SUMMARY:"); ok {
						gotSubj = append(gotSubj, s)
					}
				}
				return nil
			}))
			sort.Strings(wantSubj)
			sort.Strings(gotSubj)
			if d := cmp.Diff(wantSubj, gotSubj); d != "" {
				t.Fatalf("readpst's calendar subjects (-ours +readpst):\n%s", d)
			}
		})
	}
}
