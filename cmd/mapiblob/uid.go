package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/input"
)

const uidUsage = `mapiblob uid [INPUT]
mapiblob uid --to-goid [--instance DATE] UID

Prints the iCalendar UID of a meeting's PidLidGlobalObjectId or
PidLidCleanGlobalObjectId ([MS-OXCICAL] 2.1.3.1.1.20.26): the UID a
vCal-Uid id wraps, otherwise the clean id in upper-case hex. INPUT may hold
several blobs (an MFCMAPI XML export); each GlobalObjectId's UID is printed
on a line of its own.

--to-goid goes the other way, as Exchange does on import: a UID that is the
hex of a GlobalObjectId decodes back to it, any other is wrapped in the
vCal-Uid form. It prints PidLidGlobalObjectId, dated with --instance, and
PidLidCleanGlobalObjectId.`

const uidExamples = `mapiblob uid @globalobjectid.hex
mapiblob uid @export.xml
mapiblob uid --to-goid 'meeting-42@example.com'
mapiblob uid --to-goid --instance 2026-03-17 'meeting-42@example.com'`

func runUID(e *env, args []string) error {
	fs := newFlags("uid")
	toGOID := fs.Bool("to-goid", false, "go the other way: print the GlobalObjectId pair of the UID given")
	instance := fs.String("instance", "", "with --to-goid, the original `DATE` (YYYY-MM-DD) of an exception's occurrence, which dates PidLidGlobalObjectId")
	rest, err := parseFlags(fs, args, uidUsage, e)
	if err != nil {
		return err
	}
	if !*toGOID {
		if *instance != "" {
			return usageErr("--instance goes with --to-goid")
		}
		return printUIDs(e, rest)
	}
	var date time.Time
	if *instance != "" {
		if date, err = time.Parse(time.DateOnly, *instance); err != nil {
			return usageErr("--instance %q is not a date YYYY-MM-DD", *instance)
		}
	}
	text, err := readText(e, rest)
	if err != nil {
		return err
	}
	uid := strings.TrimRight(text, "\r\n")
	g, err := goid.FromUID(uid, date)
	if err != nil {
		return invalidErr("%v", err)
	}
	full, err := g.MarshalBinary()
	if err != nil {
		return invalidErr("%v", err)
	}
	clean, err := g.Clean().MarshalBinary()
	if err != nil {
		return invalidErr("%v", err)
	}
	fmt.Fprintln(e.stdout, "PidLidGlobalObjectId:     ", hexUpper(full))
	fmt.Fprintln(e.stdout, "PidLidCleanGlobalObjectId:", hexUpper(clean))
	return nil
}

// printUIDs prints the UID of each GlobalObjectId in the input: every blob
// when there is one, else those an XML export names as such or whose bytes
// start with the class id.
func printUIDs(e *env, args []string) error {
	text, err := readText(e, args)
	if err != nil {
		return err
	}
	blobs, err := mapiblob.ReadInput(text)
	if err != nil {
		return invalidErr("input: %v", err)
	}
	n := 0
	for i, b := range blobs {
		if len(blobs) > 1 && !isGOIDBlob(b) {
			continue
		}
		g, err := goid.Parse(b.Bytes)
		if err != nil {
			if len(blobs) > 1 {
				return invalidErr("blob %d: goid: %v", i+1, err)
			}
			return invalidErr("goid: %v", err)
		}
		fmt.Fprintln(e.stdout, g.UID())
		n++
	}
	if n == 0 {
		return invalidErr("none of the %d blobs is a GlobalObjectId", len(blobs))
	}
	return nil
}

func isGOIDBlob(b input.Blob) bool {
	if p, ok := b.Identity.Property(); ok {
		return p.Decoder == blob.KindGOID
	}
	return goid.IsGlobalObjectID(b.Bytes)
}
