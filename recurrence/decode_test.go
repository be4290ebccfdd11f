package recurrence

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// equalDecodes compares two decoded patterns field by field, spans
// included; the storage blocks behind them may differ in size.
var equalDecodes = []cmp.Option{
	cmp.AllowUnexported(ExceptionInfo{}, ExtendedException{}, ChangeHighlight{}),
	cmpopts.IgnoreUnexported(AppointmentPattern{}, Pattern{}),
	cmpopts.EquateEmpty(),
}

func testdataBlob(t *testing.T, name string) []byte {
	t.Helper()
	return fixtures.Goldens(t, filepath.Join("..", "testdata", "recur", name))[0].Bytes
}

// Where the single decoder stops on ex-all-3009 (every ExceptionInfo field,
// both strings, ChangeHighlight) cut at each field's first byte: the path
// in the specification's names, the field's offset, and the detail.
func TestDecodeErrorsTruncated(t *testing.T) {
	b := testdataBlob(t, "ex-all-3009.apptrecur.hex")
	want := []struct {
		n      int
		path   string
		off    int
		detail string
	}{
		{0, "ReaderVersion", 0, "need 2 bytes, 0 left"},
		{3, "WriterVersion", 2, "need 2 bytes, 1 left"},
		{6, "PatternType", 6, "need 2 bytes, 0 left"},
		{10, "FirstDateTime", 10, "need 4 bytes, 0 left"},
		{21, "SlidingFlag", 18, "need 4 bytes, 3 left"},
		{22, "PatternTypeSpecific", 22, "need 4 bytes, 0 left"},
		{38, "DeletedInstanceCount", 38, "need 4 bytes, 0 left"},
		{42, "DeletedInstanceDates", 38, "1 elements of at least 4 bytes need 4 bytes, 0 left"},
		{50, "ModifiedInstanceDates", 46, "1 elements of at least 4 bytes need 4 bytes, 0 left"},
		{58, "EndDate", 58, "need 4 bytes, 0 left"},
		{62, "ReaderVersion2", 62, "need 4 bytes, 0 left"},
		{66, "WriterVersion2", 66, "need 4 bytes, 0 left"},
		{74, "EndTimeOffset", 74, "need 4 bytes, 0 left"},
		{79, "ExceptionCount", 78, "need 2 bytes, 1 left"},
		{80, "ExceptionInfo", 78, "1 elements of at least 18 bytes need 18 bytes, 0 left"},
		{98, "ExceptionInfo[0].Subject", 98, "need 10 bytes, 0 left"},
		{107, "ExceptionInfo[0].Subject", 98, "need 10 bytes, 9 left"},
		{108, "ExceptionInfo[0].MeetingType", 108, "need 4 bytes, 0 left"},
		{120, "ExceptionInfo[0].LocationLength", 120, "need 2 bytes, 0 left"},
		{123, "ExceptionInfo[0].LocationLength2", 122, "need 2 bytes, 1 left"},
		{124, "ExceptionInfo[0].Location", 124, "need 14 bytes, 0 left"},
		{150, "ExceptionInfo[0].AppointmentColor", 150, "need 4 bytes, 0 left"},
		{154, "ReservedBlock1Size", 154, "need 4 bytes, 0 left"},
		{158, "ExtendedException[0].ChangeHighlight.ChangeHighlightSize", 158, "need 4 bytes, 0 left"},
		{165, "ExtendedException[0].ChangeHighlight.ChangeHighlightValue", 162, "need 4 bytes, 3 left"},
		{166, "ExtendedException[0].ReservedBlockEE1Size", 166, "need 4 bytes, 0 left"},
		{178, "ExtendedException[0].OriginalStartDate", 178, "need 4 bytes, 0 left"},
		{183, "ExtendedException[0].WideCharSubjectLength", 182, "need 2 bytes, 1 left"},
		{184, "ExtendedException[0].WideCharSubject", 184, "need 20 bytes, 0 left"},
		{206, "ExtendedException[0].WideCharLocation", 206, "need 28 bytes, 0 left"},
		{234, "ExtendedException[0].ReservedBlockEE2Size", 234, "need 4 bytes, 0 left"},
		{238, "ReservedBlock2Size", 238, "need 4 bytes, 0 left"},
	}
	if len(b) != 242 {
		t.Fatalf("ex-all-3009 is %d bytes, the table expects 242", len(b))
	}
	for _, w := range want {
		_, err := Parse(b[:w.n])
		got := &blob.DecodeError{}
		if !errors.As(err, &got) || !errors.Is(err, blob.ErrTruncated) {
			t.Fatalf("[:%d]: %v, want a truncation", w.n, err)
		}
		if d := cmp.Diff(blob.DecodeError{Path: w.path, Offset: w.off, Err: blob.ErrTruncated, Detail: w.detail}, *got,
			cmpopts.EquateErrors()); d != "" {
			t.Errorf("[:%d] (-want +got):\n%s", w.n, d)
		}
	}
	// A task pattern stops at the same places.
	if _, err := ParsePattern(b[:21]); err == nil || err.Error() != "SlidingFlag at offset 0x12: need 4 bytes, 3 left" {
		t.Errorf("ParsePattern: %v", err)
	}
}

// Values that stop the decoder, each with its sentinel, path and offset.
func TestDecodeErrorsInvalid(t *testing.T) {
	base := testdataBlob(t, "ex-all-3009.apptrecur.hex")
	set := func(off, width int, v uint32) []byte {
		b := bytes.Clone(base)
		if width == 2 {
			binary.LittleEndian.PutUint16(b[off:], uint16(v))
		} else {
			binary.LittleEndian.PutUint32(b[off:], v)
		}
		return b
	}
	for _, c := range []struct {
		b      []byte
		is     error
		path   string
		off    int
		detail string
	}{
		{set(0, 2, 0x3005), blob.ErrUnsupportedVersion, "ReaderVersion", 0, "ReaderVersion 0x3005 is not 0x3004"},
		{set(2, 2, 0x3003), blob.ErrUnsupportedVersion, "WriterVersion", 2, "WriterVersion 0x3003 is not 0x3004"},
		{set(6, 2, 0x5), blob.ErrInvalid, "PatternType", 6, "PatternType 0x0005 is not defined, so the size of PatternTypeSpecific is unknown"},
		{set(38, 4, 0xFFFFFFFF), blob.ErrTruncated, "DeletedInstanceDates", 38, "4294967295 elements of at least 4 bytes need 17179869180 bytes, 200 left"},
		{set(62, 4, 0x3007), blob.ErrUnsupportedVersion, "ReaderVersion2", 62, "ReaderVersion2 0x00003007 is not 0x00003006"},
		{set(66, 4, 0x3005), blob.ErrUnsupportedVersion, "WriterVersion2", 66, "WriterVersion2 0x00003005 is below 0x00003006"},
		{set(78, 2, 0xFFFF), blob.ErrTruncated, "ExceptionInfo", 78, "65535 elements of at least 18 bytes need 1179630 bytes, 162 left"},
		{set(154, 4, 100), blob.ErrTruncated, "ReservedBlock1", 158, "need 100 bytes, 84 left"},
		{set(158, 4, 3), blob.ErrInvalid, "ExtendedException[0].ChangeHighlight.ChangeHighlightSize", 158, "ChangeHighlightSize 3 is less than the 4 bytes of ChangeHighlightValue"},
		{set(158, 4, 81), blob.ErrTruncated, "ExtendedException[0].ChangeHighlight.ChangeHighlightValue", 162, "need 81 bytes, 80 left"},
		{set(234, 4, 5), blob.ErrTruncated, "ExtendedException[0].ReservedBlockEE2", 238, "need 5 bytes, 4 left"},
	} {
		_, err := Parse(c.b)
		got := &blob.DecodeError{}
		if !errors.As(err, &got) || !errors.Is(err, c.is) {
			t.Fatalf("%s: %v, want %v", c.path, err, c.is)
		}
		if d := cmp.Diff(blob.DecodeError{Path: c.path, Offset: c.off, Err: c.is, Detail: c.detail}, *got, cmpopts.EquateErrors()); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.path, d)
		}
	}
}

// Decoding into a value that held another pattern gives what a fresh
// decode gives, whatever was there before (more or fewer exceptions,
// longer or shorter strings, trailing bytes), and input that points into
// the value's own storage decodes as a copy of it would.
func TestUnmarshalReusesStorage(t *testing.T) {
	cases := testdataBlobs(t)
	for _, c := range testdataBlobs(t) { // the same with trailing bytes
		cases = append(cases, blobCase{c.name + "+trailing", append(bytes.Clone(c.b), 0xA, 0xB, 0xC), c.appt})
	}
	if fixtures.Dir() != "" {
		cases = append(cases, fixtureBlobs(t)...)
	}
	var ap AppointmentPattern
	var p Pattern
	for round := 0; round < 2; round++ {
		for _, c := range cases {
			if c.appt {
				if err := ap.UnmarshalBinary(c.b); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				fresh := must(Parse(c.b))
				if d := cmp.Diff(fresh, &ap, equalDecodes...); d != "" {
					t.Fatalf("%s: reused value differs from a fresh decode (-fresh +reused):\n%s", c.name, d)
				}
				if out := must(ap.MarshalBinary()); !bytes.Equal(out, c.b) {
					t.Fatalf("%s: reused value does not encode back", c.name)
				}
				continue
			}
			if err := p.UnmarshalBinary(c.b); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if d := cmp.Diff(must(ParsePattern(c.b)), &p, equalDecodes...); d != "" {
				t.Fatalf("%s: reused Pattern differs (-fresh +reused):\n%s", c.name, d)
			}
		}
	}
	// Input inside the value's own storage.
	b := append(testdataBlob(t, "ex-all-3009.apptrecur.hex"), testdataBlob(t, "ex-all-3008.apptrecur.hex")...)
	must(0, ap.UnmarshalBinary(b))
	tail := bytes.Clone(ap.Trailing)
	must(0, ap.UnmarshalBinary(ap.Trailing))
	if d := cmp.Diff(must(Parse(tail)), &ap, equalDecodes...); d != "" {
		t.Errorf("aliasing input (-copy +aliased):\n%s", d)
	}
	must(0, p.UnmarshalBinary(append(testdataBlob(t, "daily-count.recur.hex"), testdataBlob(t, "weekly-count.recur.hex")...)))
	tail = bytes.Clone(p.Trailing)
	must(0, p.UnmarshalBinary(p.Trailing))
	if d := cmp.Diff(must(ParsePattern(tail)), &p, equalDecodes...); d != "" {
		t.Errorf("aliasing input, Pattern (-copy +aliased):\n%s", d)
	}
}

// The date lists are read in place in the input copy on a little-endian
// machine and decoded into words of their own on a big-endian one; both
// give the same value for every project blob and fixture, with and without
// trailing bytes, fresh, reused and from an arena, and every list read in
// place lies on a boundary of its alignment (x86 would read a misaligned
// one without complaint; other machines fault). The test switches the
// package's nativeLE, so it must not run in parallel with other tests.
func TestDateListsInPlaceAndDecoded(t *testing.T) {
	if !nativeLE {
		t.Skip("big-endian machine: the in-place path is not taken here")
	}
	t.Cleanup(func() { nativeLE = true })
	cases := testdataBlobs(t)
	for _, c := range testdataBlobs(t) {
		cases = append(cases, blobCase{c.name + "+trailing", append(bytes.Clone(c.b), 7, 8, 9), c.appt})
	}
	if fixtures.Dir() != "" {
		cases = append(cases, fixtureBlobs(t)...)
	}
	var reusedAp [2]AppointmentPattern
	var reusedP [2]Pattern
	var arena Arena
	lists := 0
	aligned := func(name string, p *Pattern) {
		for _, l := range [][]Minutes{p.DeletedInstanceDates, p.ModifiedInstanceDates} {
			if len(l) > 0 {
				lists++
				require.Zero(t, uintptr(unsafe.Pointer(unsafe.SliceData(l)))%unsafe.Alignof(l[0]), "%s: a date list is misaligned", name)
			}
		}
	}
	for _, c := range cases {
		var got [2]any
		for i, le := range []bool{true, false} {
			nativeLE = le
			var ps []*Pattern
			if c.appt {
				require.NoError(t, reusedAp[i].UnmarshalBinary(c.b), c.name)
				fresh, fromArena := must(Parse(c.b)), must(arena.Parse(c.b))
				require.Empty(t, cmp.Diff(fresh, &reusedAp[i], equalDecodes...), c.name)
				require.Empty(t, cmp.Diff(fresh, fromArena, equalDecodes...), c.name)
				got[i] = fresh
				ps = []*Pattern{&fresh.RecurrencePattern, &reusedAp[i].RecurrencePattern, &fromArena.RecurrencePattern}
			} else {
				require.NoError(t, reusedP[i].UnmarshalBinary(c.b), c.name)
				fresh, fromArena := must(ParsePattern(c.b)), must(arena.ParsePattern(c.b))
				require.Empty(t, cmp.Diff(fresh, &reusedP[i], equalDecodes...), c.name)
				require.Empty(t, cmp.Diff(fresh, fromArena, equalDecodes...), c.name)
				got[i] = fresh
				ps = []*Pattern{fresh, &reusedP[i], fromArena}
			}
			if le {
				for _, p := range ps {
					aligned(c.name, p)
				}
			}
		}
		nativeLE = true
		if d := cmp.Diff(got[0], got[1], equalDecodes...); d != "" {
			t.Errorf("%s: in place and decoded differ (-in place +decoded):\n%s", c.name, d)
		}
	}
	require.Greater(t, lists, 30, "too few blobs with instance dates")
}

// A date list read in place is only the list: appending to it, or
// changing one of its values, touches neither the other list, nor the
// count between them, nor the exceptions and their strings.
func TestDateListsInPlaceAreTheirOwn(t *testing.T) {
	in := testdataBlob(t, "ex-all-3009.apptrecur.hex")
	ap := must(Parse(in))
	p := &ap.RecurrencePattern
	require.NotEmpty(t, p.DeletedInstanceDates)
	require.NotEmpty(t, p.ModifiedInstanceDates)
	del, mod := slices.Clone(p.DeletedInstanceDates), slices.Clone(p.ModifiedInstanceDates)
	subject := ap.Exception(0).Subject8(0)
	require.Equal(t, len(p.DeletedInstanceDates), cap(p.DeletedInstanceDates), "a list's capacity ends with it")
	require.Equal(t, len(p.ModifiedInstanceDates), cap(p.ModifiedInstanceDates), "a list's capacity ends with it")
	_ = append(p.DeletedInstanceDates, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
	_ = append(p.ModifiedInstanceDates, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
	require.Equal(t, in, must(ap.MarshalBinary()), "appending to a date list changed the value")
	p.DeletedInstanceDates[0] = 12345
	require.Empty(t, cmp.Diff(del[1:], p.DeletedInstanceDates[1:]))
	require.Empty(t, cmp.Diff(mod, p.ModifiedInstanceDates))
	require.Equal(t, subject, ap.Exception(0).Subject8(0))
	out := must(ap.MarshalBinary())
	back := must(Parse(out))
	require.Equal(t, Minutes(12345), back.RecurrencePattern.DeletedInstanceDates[0], "the changed value is encoded")
	back.RecurrencePattern.DeletedInstanceDates[0] = del[0]
	require.Equal(t, in, must(back.MarshalBinary()), "only that value changed")
}

// A fresh Parse is at most two allocations whatever the blob holds, and
// decoding into a reused value none, for every project blob and fixture,
// with and without trailing bytes.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts; this test runs in the plain test pass")
	}
	cases := testdataBlobs(t)
	for _, c := range testdataBlobs(t) {
		cases = append(cases, blobCase{c.name + "+trailing", append(bytes.Clone(c.b), 1, 2, 3, 4, 5), c.appt})
	}
	if fixtures.Dir() != "" {
		cases = append(cases, fixtureBlobs(t)...)
	} else {
		t.Log("MFCMAPI fixtures absent: checking the project's blobs only")
	}
	for _, c := range cases {
		if n := testing.AllocsPerRun(20, func() { _ = c.parse() }); n > 2 {
			t.Errorf("%s: Parse makes %v allocations, want at most 2", c.name, n)
		}
		ap, p := new(AppointmentPattern), new(Pattern)
		reuse := func() {
			if c.appt {
				sinkErr = ap.UnmarshalBinary(c.b)
			} else {
				sinkErr = p.UnmarshalBinary(c.b)
			}
		}
		reuse()
		if n := testing.AllocsPerRun(20, reuse); n != 0 || sinkErr != nil {
			t.Errorf("%s: UnmarshalBinary into a used value makes %v allocations (%v), want 0", c.name, n, sinkErr)
		}
	}
}

// The field tables keep the order decodeFields relies on, and an
// Exception holds no pointers (it is carved from memory the garbage
// collector does not scan).
func TestFieldTables(t *testing.T) {
	for _, fs := range [][]field{infoFields, extFields} {
		flagged := false
		for _, f := range fs {
			if f.flags != 0 {
				flagged = true
			} else if flagged {
				t.Errorf("%s.%s: an unflagged field after a flagged one", record(fs), f.name)
			}
		}
	}
	var noPointers func(reflect.Type) bool
	noPointers = func(ty reflect.Type) bool {
		switch ty.Kind() {
		case reflect.Struct:
			for i := 0; i < ty.NumField(); i++ {
				if !noPointers(ty.Field(i).Type) {
					return false
				}
			}
			return true
		case reflect.Array:
			return noPointers(ty.Elem())
		}
		return ty.Kind() <= reflect.Complex128
	}
	for _, v := range []any{Exception{}, Minutes(0), wire.Span{}} {
		if !noPointers(reflect.TypeOf(v)) {
			t.Errorf("%T holds pointers", v)
		}
	}
}

func TestMinutesText(t *testing.T) {
	m := Minutes(215544960 + 14*60 + 30) // 2010-10-28 14:30
	b, err := m.AppendText([]byte("at "))
	if err != nil || string(b) != "at 2010-10-28T14:30" {
		t.Errorf("AppendText: %q %v", b, err)
	}
	if txt, err := m.MarshalText(); err != nil || string(txt) != m.String() {
		t.Errorf("MarshalText %q, String %q", txt, m.String())
	}
	// JSON keeps the raw minutes, in a list as on its own.
	j, err := json.Marshal(struct {
		M  Minutes
		Ms []Minutes
	}{m, []Minutes{0, NeverEndDate}})
	if err != nil || string(j) != `{"M":215545830,"Ms":[0,1525252319]}` {
		t.Errorf("JSON %s %v", j, err)
	}
}
