package smartview

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

// The JSON form is a contract (JSON.md): these key sets may change only
// on purpose, with a note in the README's changelog.
func TestJSONContract(t *testing.T) {
	const (
		envelope      = "kind size value"
		tzdefKeys     = "ExtraHeaderData KeyName TZRules bMajorVersion bMinorVersion cRules cbHeader cchKeyName wReserved"
		ruleKeys      = "X bMajorVersion bMinorVersion lBias lDaylightBias lStandardBias stDaylightDate stStandardDate wReserved wTZRuleFlags wYear"
		stKeys        = "wDay wDayOfWeek wHour wMilliseconds wMinute wMonth wSecond wYear"
		tzstructKeys  = "lBias lDaylightBias lStandardBias stDaylightDate stStandardDate wDaylightYear wStandardYear"
		patternKeys   = "CalendarType DeletedInstanceCount DeletedInstanceDates EndDate EndType FirstDOW FirstDateTime ModifiedInstanceCount ModifiedInstanceDates OccurrenceCount PatternType PatternTypeSpecific Period ReaderVersion RecurFrequency SlidingFlag StartDate WriterVersion"
		apptKeys      = "EndTimeOffset ExceptionCount ExceptionInfo ExtendedException ReaderVersion2 RecurrencePattern ReservedBlock1 ReservedBlock1Size ReservedBlock2 ReservedBlock2Size StartTimeOffset WriterVersion2"
		exceptionBase = "EndDateTime OriginalStartDate OverrideFlags StartDateTime"
	)
	check := func(name string, b []byte) {
		r, err := Decode(b, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := json.Marshal(r)
		require.NoError(t, err, name)
		var m map[string]any
		require.NoError(t, json.Unmarshal(out, &m), name)
		top := envelope
		if len(r.Trailing) > 0 {
			top = "kind size trailing value"
		}
		if len(r.Findings) > 0 {
			top = strings.Replace(top, "kind", "findings kind", 1)
		}
		if keys(m) != top {
			t.Errorf("%s: envelope keys %q", name, keys(m))
		}
		if tr, ok := m["trailing"].(string); ok && tr != strings.ToUpper(tr) {
			t.Errorf("%s: trailing not upper-case hex", name)
		}
		v := m["value"].(map[string]any)
		switch r.Kind {
		case blob.KindTZDef:
			if keys(v) != tzdefKeys {
				t.Errorf("%s: %q", name, keys(v))
			}
			rules, ok := v["TZRules"].([]any)
			if !ok {
				t.Errorf("%s: TZRules is not a list", name)
			}
			for _, x := range rules {
				rm := x.(map[string]any)
				if keys(rm) != ruleKeys || keys(rm["stStandardDate"].(map[string]any)) != stKeys {
					t.Errorf("%s: rule keys %q", name, keys(rm))
				}
				if _, isNum := rm["lDaylightBias"].(float64); !isNum {
					t.Errorf("%s: lDaylightBias is not a number", name)
				}
			}
		case blob.KindTZStruct:
			if keys(v) != tzstructKeys {
				t.Errorf("%s: %q", name, keys(v))
			}
		case blob.KindRecur:
			if keys(v) != patternKeys {
				t.Errorf("%s: %q", name, keys(v))
			}
		case blob.KindApptRecur:
			if keys(v) != apptKeys || keys(v["RecurrencePattern"].(map[string]any)) != patternKeys {
				t.Errorf("%s: %q", name, keys(v))
			}
			for _, x := range v["ExceptionInfo"].([]any) {
				em := x.(map[string]any)
				for _, k := range strings.Fields(exceptionBase) {
					if _, ok := em[k]; !ok {
						t.Errorf("%s: exception lacks %s", name, k)
					}
				}
			}
		}
	}
	for _, g := range fixtures.Goldens(t, "../testdata/*/*.hex") {
		check(g.Path, g.Bytes)
	}
	if fixtures.Dir() != "" {
		for _, n := range []string{"TIMEZONE-1", "TIMEZONEDEFINITION-1", "TIMEZONEDEFINITION-3", "RECURRENCEPATTERN-1", "APPOINTMENTRECURRENCEPATTERN-1", "APPOINTMENTRECURRENCEPATTERN-2", "APPOINTMENTRECURRENCEPATTERN-3"} {
			check(n, fixtures.Load(t, n).Blob)
		}
	}
}

// Fields a structure does not contain are absent, not zero (JSON.md).
func TestJSONAbsentFields(t *testing.T) {
	fx := fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-3")
	r, err := Decode(fx.Blob, Options{Kind: blob.KindApptRecur})
	require.NoError(t, err)
	out, err := json.Marshal(r)
	require.NoError(t, err)
	var m struct {
		Value struct {
			ExceptionInfo     []map[string]any `json:"ExceptionInfo"`
			ExtendedException []map[string]any `json:"ExtendedException"`
		} `json:"value"`
	}
	require.NoError(t, json.Unmarshal(out, &m))
	require.Len(t, m.Value.ExceptionInfo, 5)
	require.Len(t, m.Value.ExtendedException, 5)
	e2 := m.Value.ExceptionInfo[2] // ARO_MEETINGTYPE | ARO_REMINDER | ARO_LOCATION | ARO_EXCEPTIONAL_BODY
	if keys(e2) != "EndDateTime Location LocationLength LocationLength2 MeetingType OriginalStartDate OverrideFlags ReminderSet StartDateTime" {
		t.Errorf("ExceptionInfo[2] keys %q", keys(e2))
	}
	if e0 := m.Value.ExceptionInfo[0]; e0["Subject"] != "Bi-weekly Team Meeting (YADKIN for this meeting)" || e0["SubjectLength"] != 49.0 {
		t.Errorf("ExceptionInfo[0] %v", e0)
	}
	x3 := m.Value.ExtendedException[3] // ARO_EXCEPTIONAL_BODY only: no dates, no strings
	if keys(x3) != "ChangeHighlight ReservedBlockEE1 ReservedBlockEE1Size" {
		t.Errorf("ExtendedException[3] keys %q", keys(x3))
	}
	if x2 := m.Value.ExtendedException[2]; x2["WideCharLocation"] != "" || x2["WideCharSubject"] != nil {
		t.Errorf("ExtendedException[2] %v", x2)
	}
}
