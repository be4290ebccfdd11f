package goid

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// cmpID compares exported fields, treating nil and empty byte slices alike.
var cmpID = []cmp.Option{cmpopts.IgnoreUnexported(GlobalObjectID{}), cmpopts.EquateEmpty()}

// MFCMAPI's reference decodes, byte for byte, and what the digest of
// [MS-OXOCAL] says they hold.
func TestSmartViewConformance(t *testing.T) {
	for _, c := range []struct {
		name     string
		instance time.Time
		created  string
	}{
		{"GLOBALOBJECTID-1", time.Time{}, "2010-04-26 11:23:55.567"},
		{"GLOBALOBJECTID-2", date(2011, 1, 18), "2010-04-19 17:44:05.916"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fx := fixtures.Load(t, c.name)
			g, err := Parse(fx.Blob)
			require.NoError(t, err)
			fixtures.EqualText(t, g.SmartView(), fx.SmartView)
			d, ok := g.InstanceDate()
			require.True(t, ok)
			require.Equal(t, c.instance, d)
			require.Equal(t, c.created, g.CreationTime.Time().Format("2006-01-02 15:04:05.000"))
			require.Equal(t, FormOutlook, g.Form())
			require.Empty(t, g.Check())
			out, err := g.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, fx.Blob, out)
			clean := g.Clean()
			require.Empty(t, clean.CheckClean())
			require.Equal(t, strings.ToUpper(hex.EncodeToString(mustMarshal(t, clean))), g.UID())
		})
	}
	// The exception of -2 is an instance of its own clean id, not of -1.
	g1 := mustParse(t, fixtures.Load(t, "GLOBALOBJECTID-1").Blob)
	g2 := mustParse(t, fixtures.Load(t, "GLOBALOBJECTID-2").Blob)
	require.True(t, g2.IsInstanceOf(g2.Clean()))
	require.False(t, g2.IsInstanceOf(g1))
	require.False(t, g1.IsInstanceOf(g1))
	require.Len(t, g2.CheckClean(), 1)
	require.Equal(t, CodeCleanHasDate, g2.CheckClean()[0].Code)
}

func mustParse(t testing.TB, b []byte) *GlobalObjectID {
	t.Helper()
	g, err := Parse(b)
	require.NoError(t, err)
	return g
}

func mustMarshal(t testing.TB, g *GlobalObjectID) []byte {
	t.Helper()
	b, err := g.MarshalBinary()
	require.NoError(t, err)
	return b
}

// [MS-ASEMAIL] 4.3: an exception dated 2004-09-16 exports the UID of its
// clean id, and a vCal-Uid id exports the UID it wraps.
func TestASEMAILExamples(t *testing.T) {
	const uid1 = "040000008200E00074C5B7101A82E00800000000E040C9C12685C4010000000000000000100000000BF0ED4B6E4EE94E9E39E3867B378EF3"
	raw := unhex(t, uid1)
	copy(raw[16:20], []byte{0x07, 0xD4, 0x09, 0x10})
	g := mustParse(t, raw)
	d, ok := g.InstanceDate()
	require.True(t, ok)
	require.Equal(t, date(2004, 9, 16), d)
	require.Equal(t, uid1, g.UID())
	back, err := FromUID(uid1, date(2004, 9, 16))
	require.NoError(t, err)
	require.Equal(t, raw, mustMarshal(t, back))
	back, err = FromUID(strings.ToLower(uid1), time.Time{})
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(g.Clean(), back, cmpID...))

	const uid2 = "{81412D3C-2A24-4E9D-B20E-11F7BBE92799}"
	v, err := FromUID(uid2, time.Time{})
	require.NoError(t, err)
	require.Equal(t, uint32(0x33), v.Size)
	require.Equal(t, FormVCal, v.Form())
	require.Equal(t, uid2, v.UID())
	b := mustMarshal(t, v)
	require.Len(t, b, HeaderSize+0x33)
	require.Equal(t, "vCal-Uid\x01\x00\x00\x00"+uid2+"\x00", string(b[HeaderSize:]))
	require.Empty(t, mustParse(t, b).Check())
}

func TestDecodeErrors(t *testing.T) {
	g, err := New(date(2026, 1, 5), bytes.Repeat([]byte{0xAB}, 16))
	require.NoError(t, err)
	b := mustMarshal(t, g)
	paths := map[int]string{0: "ByteArrayID", 16: "YH", 17: "YL", 18: "M", 19: "D", 20: "CreationTime", 28: "X", 36: "Size", 40: "Size"}
	for n := 0; n < len(b); n++ {
		_, err := Parse(b[:n])
		var de *blob.DecodeError
		require.ErrorAs(t, err, &de, "length %d", n)
		require.ErrorIs(t, err, blob.ErrTruncated)
		want := paths[n]
		off := n
		switch {
		case n < 16:
			want, off = "ByteArrayID", 0
		case n > 20 && n < 28:
			want, off = "CreationTime", 20
		case n > 28 && n < 36:
			want, off = "X", 28
		case n > 36 && n < 40:
			want, off = "Size", 36
		case n >= 40:
			want, off = "Size", 36
		}
		require.Equal(t, want, de.Path, "length %d", n)
		require.Equal(t, off, de.Offset, "length %d", n)
	}
	neg := bytes.Clone(b)
	copy(neg[36:], []byte{0xFF, 0xFF, 0xFF, 0xFF})
	_, err = Parse(neg)
	require.ErrorIs(t, err, blob.ErrInvalid)
	require.Contains(t, err.Error(), "Size at offset 0x24")
	_, err = Parse(b[:50])
	require.EqualError(t, err, "Size at offset 0x24: Size promises 16 bytes of Data, 10 left")
}

// Decoding is lossless: trailing bytes, a wrong class id, X and a Size of
// zero all come back.
func TestLossless(t *testing.T) {
	fxs := []string{
		"040000008200E00074C5B7101A82E00807DB0112C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B",
		"040000008200E00074C5B7101A82E00807DB0112C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B0A0B",
		"FF0000008200E00074C5B7101A82E008" + "000D0000" + "0000000000000000" + "0001020304050607" + "00000000",
		"040000008200E00074C5B7101A82E008" + "00000000" + "0000000000000000" + "0000000000000000" + "0F000000" + "7643616C2D556964" + "01000000" + "616263",
	}
	for _, h := range fxs {
		b := unhex(t, h)
		g := mustParse(t, b)
		require.Equal(t, b, mustMarshal(t, g), h)
		var reused GlobalObjectID
		require.NoError(t, reused.UnmarshalBinary(b))
		require.Empty(t, cmp.Diff(g, &reused, cmpID...))
	}
}

// Parse allocates once for an id in Outlook's form (the value with room
// for its copy of the input) and twice for a longer one (vCal-Uid);
// UnmarshalBinary into a reused value does not allocate.
func TestAllocations(t *testing.T) {
	b := mustMarshal(t, mustNew(t))
	require.Len(t, b, HeaderSize+16)
	if n := testing.AllocsPerRun(100, func() { sinkID, _ = Parse(b) }); n != 1 {
		t.Errorf("Parse of Outlook's form: %v allocations, want 1", n)
	}
	vcal, err := NewVCal("a-uid-of-some-length@example.com")
	require.NoError(t, err)
	vb := mustMarshal(t, vcal)
	if n := testing.AllocsPerRun(100, func() { sinkID, _ = Parse(vb) }); n != 2 {
		t.Errorf("Parse of the vCal-Uid form: %v allocations, want 2", n)
	}
	var g GlobalObjectID
	require.NoError(t, g.UnmarshalBinary(b))
	if n := testing.AllocsPerRun(100, func() { _ = g.UnmarshalBinary(b) }); n != 0 {
		t.Errorf("UnmarshalBinary into a reused value: %v allocations", n)
	}
	// Decoding from bytes that lie in the value's own buffer works too.
	require.NoError(t, g.UnmarshalBinary(mustMarshal(t, &g)))
	require.NoError(t, g.UnmarshalBinary(g.buf))
	require.Equal(t, b, mustMarshal(t, &g))
}

func mustNew(t testing.TB) *GlobalObjectID {
	g, err := New(time.Date(2026, 1, 5, 9, 30, 15, 123_456_700, time.UTC), unhex(t, "E73C73F73F1C3941BDD6450F640703F3"))
	require.NoError(t, err)
	return g
}

func TestBuilders(t *testing.T) {
	g := mustNew(t)
	require.Empty(t, g.Check())
	require.Equal(t, time.Date(2026, 1, 5, 9, 30, 15, 123_456_700, time.UTC), g.CreationTime.Time())
	inst, err := g.Instance(time.Date(2026, 3, 17, 23, 30, 0, 0, time.FixedZone("x", -5*3600)))
	require.NoError(t, err)
	d, ok := inst.InstanceDate()
	require.True(t, ok)
	require.Equal(t, date(2026, 3, 17), d)
	require.Equal(t, []byte{0x07, 0xEA, 3, 17}, mustMarshal(t, inst)[16:20])
	require.True(t, inst.IsInstanceOf(g))
	require.Equal(t, g.UID(), inst.UID())
	require.Empty(t, cmp.Diff(g, inst.Clean(), cmpID...))
	require.Empty(t, inst.Check())
	// Instance and Clean copy: changing the copy leaves g alone.
	inst.Data[0] ^= 0xFF
	require.False(t, inst.IsInstanceOf(g))

	r, err := New(time.Time{}, nil)
	require.NoError(t, err)
	require.Len(t, r.Data, 16)
	_, err = New(time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	require.Error(t, err)

	for _, bad := range []string{"", "a\x00b"} {
		_, err := NewVCal(bad)
		require.Error(t, err, "%q", bad)
		_, err = FromUID(bad, time.Time{})
		require.Error(t, err, "%q", bad)
	}
	_, err = g.Instance(date(70000, 1, 1))
	require.Error(t, err)
	v, err := NewVCal("réunion-42@example.fr")
	require.NoError(t, err)
	require.Equal(t, "réunion-42@example.fr", v.UID())
	require.Empty(t, v.Check())
}

// FromUID(g.UID()) is g.Clean() for the forms the package documents, and
// the UID survives the trip for every id.
func TestUIDRoundTrip(t *testing.T) {
	outlook := mustNew(t)
	inst, _ := outlook.Instance(date(2026, 2, 28))
	vcal, _ := NewVCal("20260105T093000Z-4821@calendar.example.org")
	vinst, _ := vcal.Instance(date(2026, 2, 28))
	trailing := outlook.clone()
	trailing.Trailing = []byte{1, 2, 3}
	noNUL := vcal.clone()
	noNUL.Data = noNUL.Data[:len(noNUL.Data)-1]
	noNUL.Size--
	for name, g := range map[string]*GlobalObjectID{"outlook": outlook, "instance": inst, "vcal": vcal, "vcal instance": vinst,
		"trailing": trailing, "vcal without NUL": noNUL} {
		back, err := FromUID(g.UID(), time.Time{})
		require.NoError(t, err, name)
		require.Empty(t, cmp.Diff(g.Clean(), back, cmpID...), name)
		require.Equal(t, g.UID(), back.UID(), name)
	}
	require.Equal(t, FormVCal, noNUL.Form())
	_, ok := noNUL.VCalUID()
	require.False(t, ok)
	require.True(t, strings.HasPrefix(noNUL.UID(), classIDHex))

	// A vCal-Uid id with a creation time keeps its UID, not the time.
	timed := vcal.clone()
	timed.CreationTime = blob.FileTimeOf(date(2020, 1, 1))
	back, err := FromUID(timed.UID(), time.Time{})
	require.NoError(t, err)
	require.Equal(t, timed.UID(), back.UID())
	require.Zero(t, back.CreationTime)
}

func TestCheck(t *testing.T) {
	base := mustNew(t)
	vcal, _ := NewVCal("abc")
	cases := []struct {
		name  string
		edit  func(g *GlobalObjectID)
		from  *GlobalObjectID
		clean bool
		want  []string // codes
		path  string   // of the first finding
	}{
		{"class id", func(g *GlobalObjectID) { g.ByteArrayID[0] = 5 }, base, false, []string{CodeWrongClassID}, "ByteArrayID"},
		{"size", func(g *GlobalObjectID) { g.Size = 17 }, base, false, []string{CodeSizeMismatch}, "Size"},
		{"empty data", func(g *GlobalObjectID) { g.Data, g.Size = nil, 0 }, base, false, []string{CodeEmptyData}, "Data"},
		{"month 13", func(g *GlobalObjectID) { g.YH, g.YL, g.M, g.D = 7, 0xDB, 13, 1 }, base, false, []string{CodeBadInstanceDate}, "M"},
		{"day 0", func(g *GlobalObjectID) { g.YH, g.YL, g.M, g.D = 7, 0xDB, 1, 0 }, base, false, []string{CodeBadInstanceDate}, "D"},
		{"31 April", func(g *GlobalObjectID) { g.YH, g.YL, g.M, g.D = 7, 0xDB, 4, 31 }, base, false, []string{CodeBadInstanceDate}, "D"},
		{"year 0", func(g *GlobalObjectID) { g.M, g.D = 1, 1 }, base, false, []string{CodeBadInstanceDate}, "YH"},
		{"clean with date", func(g *GlobalObjectID) { g.YH, g.YL, g.M, g.D = 7, 0xDB, 1, 18 }, base, true, []string{CodeCleanHasDate}, "YH"},
		{"clean with bad date", func(g *GlobalObjectID) { g.D = 3 }, base, true, []string{CodeBadInstanceDate, CodeCleanHasDate}, "YH"},
		{"creation zero", func(g *GlobalObjectID) { g.CreationTime = 0 }, base, false, []string{CodeCreationZero}, "CreationTime"},
		{"creation future", func(g *GlobalObjectID) { g.CreationTime = blob.FileTimeOf(time.Now().AddDate(1, 0, 0)) }, base, false, []string{CodeCreationFuture}, "CreationTime"},
		{"creation zero is fine for vCal", func(g *GlobalObjectID) {}, vcal, false, nil, ""},
		{"X", func(g *GlobalObjectID) { g.X[7] = 1 }, base, false, []string{CodeXNonZero}, "X"},
		{"vcal no NUL", func(g *GlobalObjectID) { g.Data = g.Data[:len(g.Data)-1]; g.Size-- }, vcal, false, []string{CodeVCalNoNUL}, "Data"},
		{"vcal version", func(g *GlobalObjectID) { g.Data[8] = 2 }, vcal, false, []string{CodeVCalVersion}, "Data"},
		{"vcal cut", func(g *GlobalObjectID) { g.Data = g.Data[:10]; g.Size = 10 }, vcal, false, []string{CodeVCalMalformed}, "Data"},
		{"vcal after NUL", func(g *GlobalObjectID) { g.Data = append(g.Data, 'x'); g.Size++ }, vcal, false, []string{CodeVCalMalformed}, "Data"},
		{"vcal empty", func(g *GlobalObjectID) { g.Data = g.Data[:13]; g.Data[12] = 0; g.Size = 13 }, vcal, false, []string{CodeVCalMalformed}, "Data"},
		{"trailing", func(g *GlobalObjectID) { g.Trailing = []byte{0} }, base, false, []string{CodeTrailing}, "Trailing"},
	}
	for _, c := range cases {
		g := c.from.clone()
		c.edit(g)
		fs := g.Check()
		if c.clean {
			fs = g.CheckClean()
		}
		var codes []string
		for _, f := range fs {
			codes = append(codes, f.Code)
			require.NotEmpty(t, f.Message, c.name)
		}
		require.Empty(t, cmp.Diff(c.want, codes), c.name)
		if len(fs) > 0 {
			require.Equal(t, c.path, fs[0].Path, c.name)
		}
		_ = g.Text()
		_ = g.SmartView()
	}
}

func TestJSON(t *testing.T) {
	keys := func(g *GlobalObjectID) []string {
		out, err := json.Marshal(g)
		require.NoError(t, err)
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(out, &m))
		// Keep the order of the encoding.
		var ks []string
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			ks = append(ks, k.(string))
			var skip json.RawMessage
			dec.Decode(&skip)
		}
		return ks
	}
	base := strings.Fields("ByteArrayID YH YL M D CreationTime X Size Data UID")
	require.Equal(t, base, keys(mustNew(t)))
	v, _ := NewVCal("abc")
	require.Equal(t, append(base, "VCalUID"), keys(v))
	out, _ := json.Marshal(v)
	require.Equal(t, `{"ByteArrayID":"040000008200E00074C5B7101A82E008","YH":0,"YL":0,"M":0,"D":0,"CreationTime":0,"X":"0000000000000000","Size":16,"Data":"7643616C2D5569640100000061626300","UID":"abc","VCalUID":"abc"}`, string(out))
	e := mustNew(t)
	e.Data, e.Size = nil, 0
	out, _ = json.Marshal(e)
	require.Contains(t, string(out), `"Data":""`)
}

func TestValue(t *testing.T) {
	var v blob.Value = mustNew(t)
	require.Equal(t, blob.KindGOID, v.Kind())
	require.Nil(t, v.TrailingBytes())
	require.True(t, IsGlobalObjectID(mustMarshal(t, mustNew(t))))
	require.True(t, IsGlobalObjectID(mustMarshal(t, mustNew(t))[:16]))
	require.False(t, IsGlobalObjectID(mustMarshal(t, mustNew(t))[:15]))
	require.True(t, errors.Is(blob.ErrTruncated, blob.ErrTruncated))
}

func TestSmartViewEdges(t *testing.T) {
	g := mustNew(t)
	g.ByteArrayID[0] = 0
	g.M, g.D = 13, 0
	g.Trailing = []byte{0xAA}
	g.CreationTime = 1 << 63
	want := "Global Object ID\n" +
		"\tByte Array ID = Unknown GUID\n" +
		"\t\tcb: 16 lpb: 000000008200E00074C5B7101A82E008\n" +
		"\tYear: 0x0000 = 0\n" +
		"\tMonth: 0x0D = 13 = 0xD\n" +
		"\tDay: 0x00 = 0\n" +
		"\tCreation Time = 0x80000000:0x00000000 = Invalid systime\n" +
		"\tX: 0x00000000:0x00000000\n" +
		"\tSize: 0x10 = 16\n" +
		"\tData\n" +
		"\t\tcb: 16 lpb: E73C73F73F1C3941BDD6450F640703F3\n" +
		"\tUnparsed data size = 0x00000001\n" +
		"\t\tcb: 1 lpb: AA"
	fixtures.EqualText(t, g.SmartView(), want)
	g.Data, g.Size = nil, 0
	require.NotContains(t, g.SmartView(), "\tData")
}

func TestText(t *testing.T) {
	inst, _ := mustNew(t).Instance(date(2026, 3, 17))
	require.Equal(t, "meeting id in Outlook's form, for the occurrence originally on 2026-03-17\n"+
		"UID: "+inst.UID()+"\ncreated: 2026-01-05 09:30:15.123 UTC\ndata: E73C73F73F1C3941BDD6450F640703F3", inst.Text())
	v, _ := NewVCal("abc")
	require.Equal(t, "meeting id in the vCal-Uid form (the UID of a meeting from another calendar system), for a series or a single meeting\n"+
		"UID: abc\ncreated: not set (0)", v.Text())
}
