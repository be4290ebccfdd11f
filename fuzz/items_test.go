package fuzz

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/itemfile"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/item/tnef"
)

// itemSeeds are the test meeting (and its KB 2553248 variant) in every
// item format, made by the project's writers.
var itemSeeds = sync.OnceValue(func() map[string][][]byte {
	m := map[string][][]byte{}
	for _, o := range []itemtest.Options{{}, {EmptyStartDisplayKeyName: true, NoExceptionMessage: true, Seed: 7}} {
		it := itemtest.Meeting(o)
		msg, err := msg.Marshal(it)
		if err != nil {
			panic(err)
		}
		tnef, err := tnef.Marshal(it)
		if err != nil {
			panic(err)
		}
		m["msg"] = append(m["msg"], msg)
		m["tnef"] = append(m["tnef"], tnef)
		m["xml"] = append(m["xml"], mfcxml.Marshal(it))
		eml := "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" +
			"Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(tnef) + "\r\n--b--\r\n"
		m["eml"] = append(m["eml"], []byte(eml))
	}
	return m
})

var stampSample = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// useItems exercises what the CLI does with items read.
func useItems(t *testing.T, items []*item.Item) {
	t.Helper()
	var s item.SetChecker
	for _, top := range items {
		for it := range top.All {
			checkFindings(t, it.Check())
			s.Add(it)
			b, err := it.JSON(nil)
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if !json.Valid(b) {
				t.Fatalf("invalid JSON: %s", b)
			}
			_, _ = ical.Encode(it, ical.ExportOptions{Stamp: stampSample})
			_, _ = it.RepairTZ("")
		}
	}
	_ = s.Findings()
}

// readerError checks the error contract of the readers: a *item.ReadError
// with a message that says something.
// what names the input in a failure.
func readerError(t *testing.T, what string, err error) {
	t.Helper()
	var re *item.ReadError
	if !errors.As(err, &re) && !errors.Is(err, itemfile.ErrNotItem) {
		t.Fatalf("%s: error is not an item.ReadError: %T %v", what, err, err)
	}
	if len(err.Error()) < 10 {
		t.Fatalf("%s: uninformative error %q", what, err)
	}
}

// allocBound checks that reading b allocates at most perByte bytes per
// input byte plus 4 KiB. It reads b once first, so that what the process
// sets up once (the property table's index, caches) is not counted.
func allocBound(t testing.TB, name string, b []byte, perByte int, read func([]byte)) {
	t.Helper()
	limit := uint64(perByte*len(b) + 4096)
	got, ok := withinBound(func() uint64 { return allocated(func() { read(b) }) }, limit)
	if !ok {
		t.Errorf("%s (%d bytes): %d bytes allocated, limit %d", name, len(b), got, limit)
	}
}

// perByte is the allocation bound per input byte of each item format. The
// binary formats take 16. XML takes 48: its smallest property, a bare
// "<property/>" of 11 bytes, becomes a 160-byte item.Property that the
// reader holds twice (collected in chunks, then the item's exact slice)
// plus the error that says it has no tag, about 39 bytes per input byte.
func perByte(format string) int {
	if format == "xml" {
		return 48
	}
	return 16
}

func fuzzReader(f *testing.F, format string, read func([]byte) ([]*item.Item, error)) {
	for _, b := range itemSeeds()[format] {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		items, err := read(b)
		if err != nil {
			readerError(t, format, err)
			return
		}
		useItems(t, items)
		if len(b) < 1<<16 && measureAllocs(b) {
			allocBound(t, format, b, perByte(format), func(b []byte) { _, _ = read(b) })
		}
	})
}

func FuzzItemMSG(f *testing.F) {
	fuzzReader(f, "msg", func(b []byte) ([]*item.Item, error) {
		it, err := msg.Read(b, "fuzz.msg")
		if err != nil {
			return nil, err
		}
		return []*item.Item{it}, nil
	})
}

func FuzzItemTNEF(f *testing.F) {
	fuzzReader(f, "tnef", func(b []byte) ([]*item.Item, error) {
		it, err := tnef.Read(b, "winmail.dat")
		if err != nil {
			return nil, err
		}
		return []*item.Item{it}, nil
	})
}

func FuzzItemXML(f *testing.F) {
	fuzzReader(f, "xml", func(b []byte) ([]*item.Item, error) { return mfcxml.Read(b, "export.xml") })
}

func FuzzItemEML(f *testing.F) {
	fuzzReader(f, "eml", func(b []byte) ([]*item.Item, error) { return tnef.ReadEML(b, "meeting.eml") })
}

// TestItemHostileInputs damages every seed the ways hostile files do —
// every truncation (sector by sector for .msg, attribute by attribute for
// TNEF), FAT chains that loop, sizes beyond the file, counts beyond the
// data — and requires a clear error naming what and where, or a read; never
// a panic or a hang (a loop would run into the test timeout), and reads within the allocation
// bound.
func TestItemHostileInputs(t *testing.T) {
	seeds := itemSeeds()
	read := map[string]func([]byte) error{
		"msg":  func(b []byte) error { _, err := msg.Read(b, "x.msg"); return err },
		"tnef": func(b []byte) error { _, err := tnef.Read(b, "x.dat"); return err },
		"xml":  func(b []byte) error { _, err := mfcxml.Read(b, "x.xml"); return err },
		"eml":  func(b []byte) error { _, err := tnef.ReadEML(b, "x.eml"); return err },
	}
	try := func(t *testing.T, format, what string, b []byte) error {
		t.Helper()
		err := read[format](b) // a loop would hit the test binary's timeout
		if err != nil {
			readerError(t, format+" "+what, err)
		}
		return err
	}
	for format, list := range seeds {
		b := list[1]
		step := 1
		if format == "msg" {
			step = 64
		}
		for n := 0; n < len(b); n += step {
			try(t, format, fmt.Sprintf("cut at %d", n), b[:n])
		}
	}

	// .msg: the structures named in the errors.
	msg := seeds["msg"][1]
	le := binary.LittleEndian
	mutate := func(f func(b []byte)) []byte {
		c := bytes.Clone(msg)
		f(c)
		return c
	}
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"short header", msg[:100], "shorter than the 512-byte header"},
		{"cut in a sector", msg[:len(msg)-100], "cut short"},
		{"FAT sector beyond the file", mutate(func(b []byte) { le.PutUint32(b[76:], 0x00FFFFFF) }), "FAT sector 0: sector 16777215 lies beyond the end of the file"},
		{"directory chain loops", mutate(func(b []byte) {
			dir := le.Uint32(b[48:])
			le.PutUint32(b[512+4*dir:], dir) // its FAT entry points at itself
		}), "directory: the chain loops back to sector"},
		{"FAT entry not a sector", mutate(func(b []byte) {
			dir := le.Uint32(b[48:])
			le.PutUint32(b[512+4*dir:], 0xFFFFFFFB)
		}), "not the next sector"},
		{"stream size beyond the file", mutate(func(b []byte) {
			dir := int(le.Uint32(b[48:]))
			for e := 512 * (1 + dir); e < 512*(2+dir); e += 128 {
				if b[e+66] == 2 { // the first stream entry's size
					le.PutUint32(b[e+120:], 0x7FFFFFFF)
					return
				}
			}
		}), "more than the whole file"},
		{"mini stream chain loops", mutate(func(b []byte) {
			mf := le.Uint32(b[60:])
			le.PutUint32(b[512*(1+int(mf)):], 0) // mini sector 0 → 0
		}), "the chain loops back to mini sector 0"},
		{"directory tree loops", mutate(func(b []byte) {
			dir := int(le.Uint32(b[48:]))
			le.PutUint32(b[512*(1+dir)+76:], 0) // root's child is the root
		}), "reached twice: the directory tree loops"},
	} {
		err := try(t, "msg", tc.name, tc.b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.name, err, tc.want)
		}
	}

	// TNEF: sizes beyond the data.
	tnef := seeds["tnef"][1]
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"attribute length beyond the file", func() []byte { c := bytes.Clone(tnef); le.PutUint32(c[6+5:], 0x7FFFFFFF); return c }(), "attribute 0x00089006 at offset 6 says 2147483647 bytes, but"},
		{"bad checksum", func() []byte { c := bytes.Clone(tnef); c[6+9] ^= 1; return c }(), "checksum"},
		{"not TNEF", []byte("hello, world"), "no TNEF signature"},
	} {
		err := try(t, "tnef", tc.name, tc.b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}

// TestItemAllocationBound reads every seed, and every 4-byte field of the
// binary ones set to 0xFFFFFFFF, within perByte × input + 4 KiB.
func TestItemAllocationBound(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	readers := map[string]func([]byte){
		"msg":  func(b []byte) { _, _ = msg.Read(b, "x.msg") },
		"tnef": func(b []byte) { _, _ = tnef.Read(b, "x.dat") },
		"xml":  func(b []byte) { _, _ = mfcxml.Read(b, "x.xml") },
		"eml":  func(b []byte) { _, _ = tnef.ReadEML(b, "x.eml") },
	}
	// Exports of nothing but the smallest elements the reader keeps.
	for name, x := range map[string]string{
		"empty elements":        "<properties>" + strings.Repeat("<x/>", 5000) + "</properties>",
		"one bare property":     "<property></property>",
		"bare properties":       strings.Repeat("<property/>", 3000),
		"messages of bare ones": strings.Repeat("<message><property/></message>", 1000),
		"valueless properties":  "<properties>" + strings.Repeat("<property tag=\"0x00010102\"/>\n", 5000) + "</properties>",
		"empty rows":            "<properties><property tag=\"0x10011102\"><Value>" + strings.Repeat("<row><Value/></row>", 5000) + "</Value></property></properties>",
		"rows without values":   "<properties>" + strings.Repeat("<property tag=\"0x10011003\"><Value><row/><row/><row/></Value></property>", 500) + "</properties>",
		"messages":              "<ContentsTable>" + strings.Repeat("<message><property tag=\"0x00010003\"/></message>", 2000) + "</ContentsTable>",
		"recipients":            "<message>" + strings.Repeat("<recipient><property tag=\"0x00010003\"/></recipient>", 2000) + "</message>",
		"attachments":           "<message><property tag=\"0x00010003\"/>" + strings.Repeat("<attachment><property tag=\"0x00010003\"/></attachment>", 2000) + "</message>",
		"references":            "<properties><property tag=\"0x0037001F\"><Value>" + strings.Repeat("&amp;&#x41;", 5000) + "</Value></property></properties>",
	} {
		allocBound(t, "xml "+name, []byte(x), perByte("xml"), readers["xml"])
	}
	for format, list := range itemSeeds() {
		for i, b := range list {
			allocBound(t, fmt.Sprintf("%s seed %d", format, i), b, perByte(format), readers[format])
		}
		if format != "msg" && format != "tnef" {
			continue
		}
		b := list[1]
		step := 4
		if format == "msg" {
			step = 256 // every header and directory field lies in the first sectors; sample the rest
		}
		for off := 0; off+4 <= len(b); off += step {
			c := bytes.Clone(b)
			binary.LittleEndian.PutUint32(c[off:], 0xFFFFFFFF)
			allocBound(t, fmt.Sprintf("%s with 0xFFFFFFFF at %d", format, off), c, perByte(format), readers[format])
		}
	}
}
