package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

// decode reads a PST's calendar and task folders; a damaged message is a
// line on stderr naming it, the others are decoded, and the exit code says
// something was wrong.
func TestDecodePST(t *testing.T) {
	msg := func(class, subject string) *item.Item {
		return item.New(item.MustProp("PidTagMessageClass", item.Unicode(class)), item.MustProp("PidTagSubject", item.Unicode(subject)))
	}
	b, err := pst.Marshal(pst.WriteOptions{CryptMethod: pst.CryptPermute},
		&pst.Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{msg("IPM.Appointment", "first"), msg("IPM.Appointment", "second")}},
		&pst.Tree{Name: "Inbox", ContainerClass: "IPF.Note", Messages: []*item.Item{msg("IPM.Note", "mail")}})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "mailbox.pst")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, nil, "decode", name)
	if r.code != 0 || !strings.Contains(r.stdout, `"first"`) || !strings.Contains(r.stdout, `"second"`) || strings.Contains(r.stdout, `"mail"`) {
		t.Fatalf("decode: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if want := "mapiblob: " + name + ": 2 messages in the folders read: 2 read, 0 reported\n"; r.stderr != want {
		t.Errorf("decode's accounting on stderr: %q, want %q", r.stderr, want)
	}

	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.Node(0x200024)
	if err != nil {
		t.Fatal(err)
	}
	ref, _, err := f.Block(n.Data)
	if err != nil {
		t.Fatal(err)
	}
	b[ref.IB+30] ^= 0xFF
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runBin(t, nil, "decode", name)
	if r.code != 1 || strings.Contains(r.stdout, `"first"`) || !strings.Contains(r.stdout, `"second"`) ||
		!strings.Contains(r.stderr, "message [nid 0x200024] in /Top of Personal Folders/Calendar") ||
		!strings.Contains(r.stderr, ": 2 messages in the folders read: 1 read, 1 reported\n") {
		t.Fatalf("decode of a damaged PST: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, nil, "decode", "--format", "json", name)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 1 || len(lines) != 2 {
		t.Fatalf("decode --format json: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	var bad struct{ Source, Folder, NID, Error string }
	if err := json.Unmarshal([]byte(lines[0]), &bad); err != nil || bad.Source != name || bad.Folder != "/Top of Personal Folders/Calendar" || bad.NID != "0x200024" || bad.Error == "" {
		t.Fatalf("the unreadable message's line: %s (%v)", lines[0], err)
	}
	var good struct {
		Item, Folder, NID string
	}
	if err := json.Unmarshal([]byte(lines[1]), &good); err != nil || good.Folder != "/Top of Personal Folders/Calendar" || good.NID != "0x200044" ||
		good.Item != good.Folder+"/[nid 0x200044]" {
		t.Fatalf("the second message's line: %s (%v)", lines[1], err)
	}
}

// folders lists a mailbox's tree with each folder's class and counts, in
// text and as one JSON object per folder and line.
func TestFolders(t *testing.T) {
	msg := func(class, subject string) *item.Item {
		return item.New(item.MustProp("PidTagMessageClass", item.Unicode(class)), item.MustProp("PidTagSubject", item.Unicode(subject)))
	}
	b, err := pst.Marshal(pst.WriteOptions{},
		&pst.Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{msg("IPM.Appointment", "a"), msg("IPM.Appointment", "b")},
			Folders: []*pst.Tree{{Name: "Holidays", ContainerClass: "IPF.Appointment", Messages: []*item.Item{msg("IPM.Appointment", "c")}}}},
		&pst.Tree{Name: "Tasks", ContainerClass: "IPF.Task"})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "mailbox.pst")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, nil, "folders", name)
	if r.code != 0 {
		t.Fatalf("folders: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"/Calendar  IPF.Appointment  2 items, 2 unread\n", "/Calendar/Holidays  IPF.Appointment  1 item, 1 unread\n", "/Tasks  IPF.Task  0 items, 0 unread\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("folders lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runBin(t, nil, "folders", "--format", "json", name)
	found := 0
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var f struct {
			Path, Class string
			Items       int
		}
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if strings.HasSuffix(f.Path, "/Calendar/Holidays") && f.Class == "IPF.Appointment" && f.Items == 1 {
			found++
		}
	}
	if found != 1 {
		t.Errorf("folders --format json: no Holidays line:\n%s", r.stdout)
	}
	if r := runBin(t, nil, "folders", filepath.Join(t.TempDir(), "none.pst")); r.code != 2 {
		t.Errorf("a missing file: exit %d, want 2", r.code)
	}
}

// --folder GLOB reads the folders whose path or name matches, --all-folders
// every folder; by default a mailbox's calendar and task folders are read.
func TestDecodePSTFolders(t *testing.T) {
	msg := func(class, subject string) *item.Item {
		return item.New(item.MustProp("PidTagMessageClass", item.Unicode(class)), item.MustProp("PidTagSubject", item.Unicode(subject)))
	}
	b, err := pst.Marshal(pst.WriteOptions{},
		&pst.Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{msg("IPM.Appointment", "meeting")},
			Folders: []*pst.Tree{{Name: "Holidays", ContainerClass: "IPF.Appointment", Messages: []*item.Item{msg("IPM.Appointment", "holiday")}}}},
		&pst.Tree{Name: "Inbox", ContainerClass: "IPF.Note", Messages: []*item.Item{msg("IPM.Note", "mail")}})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "mailbox.pst")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	subjects := func(args ...string) []string {
		t.Helper()
		r := runBin(t, nil, append([]string{"decode"}, append(args, name)...)...)
		if r.code > 1 {
			t.Fatalf("decode %v: exit %d: %s", args, r.code, r.stderr)
		}
		var out []string
		for _, s := range []string{"meeting", "holiday", "mail"} {
			if strings.Contains(r.stdout, `"`+s+`"`) {
				out = append(out, s)
			}
		}
		return out
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"meeting", "holiday"}},
		{[]string{"--folder", "Holidays"}, []string{"holiday"}},
		{[]string{"--folder", "/Top of Personal Folders/Inbox"}, []string{"mail"}},
		{[]string{"--all-folders"}, []string{"meeting", "holiday", "mail"}},
	} {
		if got := subjects(c.args...); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("decode %v: items %v, want %v", c.args, got, c.want)
		}
	}
	if r := runBin(t, nil, "decode", "--folder", "[", name); r.code != 2 {
		t.Errorf("a bad glob: exit %d, want 2", r.code)
	}
	if r := runBin(t, nil, "decode", "--folder", "x", "--all-folders", name); r.code != 2 {
		t.Errorf("--folder with --all-folders: exit %d, want 2", r.code)
	}
}
