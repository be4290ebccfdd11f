package recurrence

import (
	"bytes"
	"encoding/hex"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/internal/golden"
)

func ptrTo[T any](v T) *T { return &v }

// goldenPatterns are made by the builders: every pattern type with every
// end type, and appointments whose exceptions use each override alone,
// all together, 8-bit subjects in windows-1252 and cp932, and both
// WriterVersion2 layouts.
func goldenPatterns(t testing.TB) map[string]any {
	out := map[string]any{}
	start := date(2026, 1, 5)
	ends := map[string]End{"until": EndOn(date(2026, 12, 31)), "count": EndAfter(8), "noend": NoEnd()}
	kinds := map[string]func(End) (*Pattern, error){
		"daily":     func(e End) (*Pattern, error) { return NewDaily(start, 3, e) },
		"weekday":   func(e End) (*Pattern, error) { return NewEveryWeekday(start, e) },
		"weekly":    func(e End) (*Pattern, error) { return NewWeekly(start, 2, Monday|Wednesday, time.Sunday, e) },
		"monthly":   func(e End) (*Pattern, error) { return NewMonthly(start, 1, 31, e) },
		"monthnth":  func(e End) (*Pattern, error) { return NewMonthlyNth(start, 1, 5, Friday, e) },
		"monthend":  func(e End) (*Pattern, error) { return NewMonthlyLastDay(start, 1, e) },
		"yearly":    func(e End) (*Pattern, error) { return NewYearly(start, 1, time.February, 29, e) },
		"yearlynth": func(e End) (*Pattern, error) { return NewYearlyNth(start, 1, time.November, 4, Thursday, e) },
		"yearlyend": func(e End) (*Pattern, error) { return NewYearlyLastDay(start, 2, time.June, e) },
	}
	for kn, k := range kinds {
		for en, e := range ends {
			p, err := k(e)
			if err != nil {
				t.Fatalf("%s/%s: %v", kn, en, err)
			}
			out[kn+"-"+en+".recur"] = p
			ap, err := NewAppointment(p, 14*time.Hour+30*time.Minute, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			out[kn+"-"+en+".apptrecur"] = ap
		}
	}
	base := func(wv uint32) *AppointmentPattern {
		ap := must(NewAppointment(must(NewWeekly(date(2026, 3, 2), 1, Monday, time.Sunday, EndAfter(10))), 9*time.Hour, 45*time.Minute))
		ap.WriterVersion2 = wv
		return ap
	}
	one := func(name string, ov Overrides) {
		for _, wv := range []uint32{0x3008, 0x3009} {
			ap := base(wv)
			if err := ap.ModifyInstance(date(2026, 3, 16), ov); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out[name+"-"+strings.ToLower(hex.EncodeToString([]byte{byte(wv >> 8), byte(wv)}))+".apptrecur"] = ap
		}
	}
	later := time.Date(2026, 3, 17, 13, 0, 0, 0, time.UTC)
	one("ex-subject", Overrides{Subject: ptrTo("Budget review")})
	one("ex-meetingtype", Overrides{MeetingType: ptrTo(uint32(0x3))})
	one("ex-reminderdelta", Overrides{ReminderDelta: ptrTo(30 * time.Minute)})
	one("ex-reminder", Overrides{ReminderSet: ptrTo(false)})
	one("ex-location", Overrides{Location: ptrTo("Room 5")})
	one("ex-busystatus", Overrides{BusyStatus: ptrTo(uint32(1))})
	one("ex-attachment", Overrides{Attachment: ptrTo(true)})
	one("ex-subtype", Overrides{AllDay: ptrTo(true)})
	one("ex-apptcolor", Overrides{AppointmentColor: ptrTo(uint32(4))})
	one("ex-body", Overrides{ExceptionalBody: true})
	one("ex-moved", Overrides{Start: &later})
	one("ex-all", Overrides{Start: &later, Subject: ptrTo("Café crème"), Location: ptrTo("Salle à manger"), MeetingType: ptrTo(uint32(1)),
		ReminderDelta: ptrTo(15 * time.Minute), ReminderSet: ptrTo(true), BusyStatus: ptrTo(uint32(3)), Attachment: ptrTo(true),
		AllDay: ptrTo(false), AppointmentColor: ptrTo(uint32(2)), ExceptionalBody: true})
	one("ex-cp1252", Overrides{Subject: ptrTo("Réunion été – naïve"), Location: ptrTo("Bâtiment Ö")})
	one("ex-cp932", Overrides{Subject: ptrTo("定例会議"), Location: ptrTo("会議室A"), CodePage: 932})
	del := base(0x3009)
	must(0, del.DeleteInstance(date(2026, 3, 2)))
	must(0, del.DeleteInstance(date(2026, 4, 6)))
	out["deleted-first-and-later.apptrecur"] = del
	return out
}

func TestGoldenPatterns(t *testing.T) {
	dir := filepath.Join("..", "testdata", "recur")
	ps := goldenPatterns(t)
	names := slices.Sorted(maps.Keys(ps))
	for _, name := range names {
		v := ps[name]
		var b []byte
		var err error
		switch x := v.(type) {
		case *Pattern:
			b, err = x.MarshalBinary()
		case *AppointmentPattern:
			b, err = x.MarshalBinary()
		}
		if err != nil {
			t.Fatal(err)
		}
		if !golden.CheckHex(t, filepath.Join(dir, name+".hex"), b) {
			continue
		}
		// Decode back equal, encode back exactly, no findings.
		switch x := v.(type) {
		case *Pattern:
			back, err := ParsePattern(b)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if d := cmp.Diff(x, back, equalDecodes...); d != "" {
				t.Errorf("%s: decoded back differs (-built +decoded):\n%s", name, d)
			}
			if fs := back.Check(); len(fs) != 0 {
				t.Errorf("%s: %v", name, fs)
			}
			out := must(back.MarshalBinary())
			if !bytes.Equal(out, b) {
				t.Errorf("%s: round trip", name)
			}
		case *AppointmentPattern:
			back, err := Parse(b)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			back.CodePage = x.CodePage
			if name == "ex-cp932-3008.apptrecur" || name == "ex-cp932-3009.apptrecur" {
				back.CodePage = 932
			}
			if fs := back.Check(); len(fs) != 0 {
				t.Errorf("%s: %v", name, fs)
			}
			x.CodePage = back.CodePage
			if !equalJSON(t, x, back) {
				t.Errorf("%s: decoded back differs from what was built", name)
			}
			out := must(back.MarshalBinary())
			if !bytes.Equal(out, b) {
				t.Errorf("%s: round trip", name)
			}
		}
	}
	if n := len(names); n < 80 {
		t.Errorf("only %d golden patterns", n)
	}
}

// The 8-bit subjects decode in their code pages; the UTF-16 copy agrees.
func TestGoldenStrings(t *testing.T) {
	for _, c := range []struct {
		file, subject, location string
		cp                      blob.CodePage
	}{
		{"ex-cp1252-3009.apptrecur.hex", "Réunion été – naïve", "Bâtiment Ö", 0},
		{"ex-cp932-3009.apptrecur.hex", "定例会議", "会議室A", 932},
		{"ex-all-3008.apptrecur.hex", "Café crème", "Salle à manger", 1252},
	} {
		ap := must(Parse(fixtures.Goldens(t, filepath.Join("..", "testdata", "recur", c.file))[0].Bytes))
		if got := ap.Exception(0).Subject8(c.cp); got != c.subject {
			t.Errorf("%s: subject %q", c.file, got)
		}
		if got := ap.Exception(0).Location8(c.cp); got != c.location {
			t.Errorf("%s: location %q", c.file, got)
		}
		if got := ap.Exception(0).WideCharSubject(); got != c.subject {
			t.Errorf("%s: wide subject %q", c.file, got)
		}
		if c.cp == 932 && ap.Exception(0).Subject8(1252) == c.subject {
			t.Errorf("%s: cp932 bytes read as windows-1252 should differ", c.file)
		}
	}
}
