package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/item/pst"
)

const foldersUsage = `mapiblob folders [flags] FILE.pst|FILE.ost

Lists the folder tree of a PST or OST: each folder's path from the root,
its container class (IPF.Appointment, IPF.Task, IPF.Note…), the number of
messages its contents table counts, and how many are unread. A folder that
could not be read is listed with the reason; the others are listed still.
The item commands (decode, check, ical, occurrences) read a mailbox's
calendar and task folders.`

const foldersExamples = `mapiblob folders mailbox.pst
mapiblob folders --format json mailbox.ost`

func runFolders(e *env, args []string) error {
	fs := newFlags("folders")
	format := enumFlag(fs, "format", "text", "text: one line per folder; json: one object per folder and line ({\"path\", \"class\", \"items\", \"unread\", \"nid\", \"error\"})", "text", "json")
	rest, err := parseFlags(fs, args, foldersUsage, e)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageErr("unknown --format %q (want text or json)", *format)
	}
	if len(rest) != 1 {
		return usageErr("folders takes one PST or OST file (usage: %s)", firstLine(foldersUsage))
	}
	name := strings.TrimPrefix(rest[0], "@")
	f, err := e.open(name)
	if err != nil {
		return usageErr("cannot read %s: %v", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return usageErr("cannot read %s: %v", name, err)
	}
	file, err := pst.Open(f, st.Size())
	if err != nil {
		return invalidErr("%s: %v", name, err)
	}
	bad := false
	for fo := range file.Folders() {
		path := fo.Path
		if path == "" {
			path = "/"
		}
		if *format == "json" {
			line := struct {
				Path   string `json:"path"`
				Class  string `json:"class,omitempty"`
				Items  int    `json:"items"`
				Unread int    `json:"unread"`
				NID    string `json:"nid"`
				Error  string `json:"error,omitempty"`
			}{path, fo.ContainerClass, fo.ContentCount, fo.UnreadCount, fmt.Sprintf("0x%X", fo.NID), ""}
			if fo.Err != nil {
				line.Error = fo.Err.Error()
				bad = true
			}
			b, err := json.Marshal(line)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s\n", b)
			continue
		}
		class := fo.ContainerClass
		if class == "" {
			class = "-"
		}
		items := "items"
		if fo.ContentCount == 1 {
			items = "item"
		}
		fmt.Fprintf(e.stdout, "%s  %s  %d %s, %d unread\n", path, class, fo.ContentCount, items, fo.UnreadCount)
		if fo.Err != nil {
			fmt.Fprintf(e.stdout, "    error: %v\n", fo.Err)
			bad = true
		}
	}
	if bad {
		return &cliError{exitInvalid, ""}
	}
	return nil
}
