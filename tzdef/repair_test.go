package tzdef

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func mustZone(t *testing.T, name string) (*Definition, *TimeZoneStruct) {
	t.Helper()
	d, st, err := FromZoneName(name, RepairFirstYear, RepairLastYear)
	require.NoError(t, err)
	return d, st
}

// damagedCopy is d with its key name emptied, as the KB 2553248 blobs are.
func damagedCopy(d *Definition) *Definition {
	x := *d
	x.Rules = append([]Rule(nil), d.Rules...)
	x.KeyName = ""
	return &x
}

// ChooseZone, the one zone policy of repairs: each step, and each way it
// refuses.
func TestChooseZone(t *testing.T) {
	atlantic, atlanticST := mustZone(t, "Atlantic Standard Time")
	eastern, _ := mustZone(t, "Eastern Standard Time")
	berlin, berlinST := mustZone(t, "W. Europe Standard Time")
	const year = 2026
	type want struct {
		Zone       string
		Picked     bool
		ByRules    bool
		NamedBy    []string
		Candidates []string
	}
	for _, tt := range []struct {
		name    string
		damaged *Definition
		defs    []Source
		st      *TimeZoneStruct
		picked  string
		want    want
		err     string // a part of the error; "" for none
		noZone  bool   // the error wraps ErrNoZone
	}{
		{"picked wins over names", damagedCopy(eastern), []Source{{"Recur", eastern}}, nil, "US Eastern Standard Time",
			want{Zone: "US Eastern Standard Time", Picked: true}, "", false},
		{"named by a sibling with the same rules", damagedCopy(eastern), []Source{{"StartDisplay", nil}, {"Recur", eastern}}, nil, "",
			want{Zone: "Eastern Standard Time", NamedBy: []string{`Recur "Eastern Standard Time"`}}, "", false},
		{"named, no damaged definition, TimeZoneStruct agrees", nil, []Source{{"Recur", berlin}}, berlinST, "",
			want{Zone: "W. Europe Standard Time", NamedBy: []string{`Recur "W. Europe Standard Time"`}}, "", false},
		{"names disagree", damagedCopy(eastern), []Source{{"Recur", eastern}, {"EndDisplay", atlantic}}, nil, "",
			want{Candidates: []string{"Eastern Standard Time", "Turks And Caicos Standard Time"}}, "disagree", false},
		{"named zone has other rules", damagedCopy(eastern), []Source{{"Recur", atlantic}}, nil, "",
			want{Candidates: []string{"Eastern Standard Time", "Turks And Caicos Standard Time"}}, "rules differ", false},
		{"named zone misses the TimeZoneStruct's rule", nil, []Source{{"Recur", berlin}}, atlanticST, "",
			want{}, "PidLidTimeZoneStruct holds a rule", false},
		{"no name, rules of one zone only", damagedCopy(atlantic), nil, nil, "",
			want{Zone: "Atlantic Standard Time", ByRules: true, Candidates: []string{"Atlantic Standard Time"}}, "", false},
		{"no name, rules of several zones", damagedCopy(eastern), nil, nil, "",
			want{Candidates: []string{"Eastern Standard Time", "Turks And Caicos Standard Time"}}, "names a zone", true},
		{"nothing at all", nil, nil, nil, "", want{}, "names a zone", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ChooseZone(tt.damaged, tt.defs, tt.st, tt.picked, year)
			if tt.err == "" {
				require.NoError(t, err)
			} else {
				require.ErrorContains(t, err, tt.err)
				require.Equal(t, tt.noZone, errors.Is(err, ErrNoZone), "errors.Is(ErrNoZone)")
			}
			got := want{c.Zone, c.Picked, c.ByRules, c.NamedBy, c.Candidates}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if tt.damaged != nil {
				require.Equal(t, SampleYears(tt.damaged, year), c.Years)
			}
		})
	}
}

// BuildRepair starts at the first year from which the zone's rules can be
// written, and builds the years asked for otherwise.
func TestBuildRepair(t *testing.T) {
	d, st, first, err := BuildRepair("Atlantic Standard Time", RepairFirstYear)
	require.NoError(t, err)
	require.Equal(t, RepairFirstYear, first)
	want, wantST := mustZone(t, "Atlantic Standard Time")
	wb, err := want.MarshalBinary()
	require.NoError(t, err)
	gb, err := d.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, wb, gb)
	require.Equal(t, *wantST, *st)
	_, _, _, err = BuildRepair("Mars/Olympus", RepairFirstYear)
	require.Error(t, err)
}

func TestNoZoneIsErrNoZone(t *testing.T) {
	err := NoZone("the series has no time zone")
	require.EqualError(t, err, "the series has no time zone")
	require.ErrorIs(t, err, ErrNoZone)
	require.NotErrorIs(t, errors.New("the series has no time zone"), ErrNoZone)
}
