package smartview

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
)

// Kinds are read by their own names and by MFCMAPI's parser names, in any
// letter case.
func TestParseKind(t *testing.T) {
	for in, want := range map[string]blob.Kind{
		"": blob.KindAuto, "auto": blob.KindAuto, " AUTO ": blob.KindAuto,
		"tzdef": blob.KindTZDef, "TimeZoneDefinition": blob.KindTZDef, "timezone": blob.KindTZStruct,
		"recurrencepattern": blob.KindRecur, "AppointmentRecurrencePattern": blob.KindApptRecur,
		"apptrecur": blob.KindApptRecur, "globalobjectid": blob.KindGOID,
	} {
		k, ok := ParseKind(in)
		require.True(t, ok, in)
		require.Equal(t, want, k, in)
	}
	_, ok := ParseKind("nosuchparser")
	require.False(t, ok)
	require.Equal(t, []blob.Kind{blob.KindTZDef, blob.KindTZStruct, blob.KindRecur, blob.KindApptRecur, blob.KindGOID}, Kinds()[:5])
	for _, d := range Decoders() {
		require.NotEmpty(t, d.Parser, d.Kind)
		require.NotNil(t, d.Decode, d.Kind)
	}
}
