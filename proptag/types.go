package proptag

import (
	"strconv"
	"strings"
)

// PropType is a MAPI property type, the low 16 bits of a property tag
// ([MS-OXCDATA] 2.11.1).
type PropType uint16

// Property types, with the names of the MAPI headers.
const (
	PT_UNSPECIFIED  PropType = 0x0000
	PT_NULL         PropType = 0x0001
	PT_I2           PropType = 0x0002
	PT_LONG         PropType = 0x0003
	PT_R4           PropType = 0x0004
	PT_DOUBLE       PropType = 0x0005
	PT_CURRENCY     PropType = 0x0006
	PT_APPTIME      PropType = 0x0007
	PT_ERROR        PropType = 0x000A
	PT_BOOLEAN      PropType = 0x000B
	PT_OBJECT       PropType = 0x000D
	PT_I8           PropType = 0x0014
	PT_STRING8      PropType = 0x001E
	PT_UNICODE      PropType = 0x001F
	PT_SYSTIME      PropType = 0x0040
	PT_CLSID        PropType = 0x0048
	PT_SVREID       PropType = 0x00FB
	PT_SRESTRICTION PropType = 0x00FD
	PT_ACTIONS      PropType = 0x00FE
	PT_BINARY       PropType = 0x0102
	PT_FILE_HANDLE  PropType = 0x0103
	PT_FILE_EA      PropType = 0x0104
	PT_VIRTUAL      PropType = 0x0105

	MV_FLAG     PropType = 0x1000 // multi-valued
	MV_INSTANCE PropType = 0x2000 // one row per value in a table

	PT_MV_I2       = MV_FLAG | PT_I2
	PT_MV_LONG     = MV_FLAG | PT_LONG
	PT_MV_R4       = MV_FLAG | PT_R4
	PT_MV_DOUBLE   = MV_FLAG | PT_DOUBLE
	PT_MV_CURRENCY = MV_FLAG | PT_CURRENCY
	PT_MV_APPTIME  = MV_FLAG | PT_APPTIME
	PT_MV_I8       = MV_FLAG | PT_I8
	PT_MV_STRING8  = MV_FLAG | PT_STRING8
	PT_MV_UNICODE  = MV_FLAG | PT_UNICODE
	PT_MV_SYSTIME  = MV_FLAG | PT_SYSTIME
	PT_MV_CLSID    = MV_FLAG | PT_CLSID
	PT_MV_BINARY   = MV_FLAG | PT_BINARY
)

type typeName struct {
	t       PropType
	name    string // MAPI header name
	ptyp    string // [MS-OXCDATA] name
	aliases []string
}

var typeNames = []typeName{
	{PT_UNSPECIFIED, "PT_UNSPECIFIED", "PtypUnspecified", nil},
	{PT_NULL, "PT_NULL", "PtypNull", nil},
	{PT_I2, "PT_I2", "PtypInteger16", []string{"PT_SHORT"}},
	{PT_LONG, "PT_LONG", "PtypInteger32", []string{"PT_I4"}},
	{PT_R4, "PT_R4", "PtypFloating32", []string{"PT_FLOAT"}},
	{PT_DOUBLE, "PT_DOUBLE", "PtypFloating64", []string{"PT_R8"}},
	{PT_CURRENCY, "PT_CURRENCY", "PtypCurrency", nil},
	{PT_APPTIME, "PT_APPTIME", "PtypFloatingTime", nil},
	{PT_ERROR, "PT_ERROR", "PtypErrorCode", nil},
	{PT_BOOLEAN, "PT_BOOLEAN", "PtypBoolean", nil},
	{PT_OBJECT, "PT_OBJECT", "PtypObject", []string{"PtypEmbeddedTable"}},
	{PT_I8, "PT_I8", "PtypInteger64", []string{"PT_LONGLONG"}},
	{PT_STRING8, "PT_STRING8", "PtypString8", nil},
	{PT_UNICODE, "PT_UNICODE", "PtypString", []string{"PT_TSTRING"}},
	{PT_SYSTIME, "PT_SYSTIME", "PtypTime", nil},
	{PT_CLSID, "PT_CLSID", "PtypGuid", nil},
	{PT_SVREID, "PT_SVREID", "PtypServerId", nil},
	{PT_SRESTRICTION, "PT_SRESTRICTION", "PtypRestriction", nil},
	{PT_ACTIONS, "PT_ACTIONS", "PtypRuleAction", nil},
	{PT_BINARY, "PT_BINARY", "PtypBinary", nil},
	{PT_FILE_HANDLE, "PT_FILE_HANDLE", "", nil},
	{PT_FILE_EA, "PT_FILE_EA", "", nil},
	{PT_VIRTUAL, "PT_VIRTUAL", "", nil},
	{PT_MV_I2, "PT_MV_I2", "PtypMultipleInteger16", []string{"PT_MV_SHORT"}},
	{PT_MV_LONG, "PT_MV_LONG", "PtypMultipleInteger32", []string{"PT_MV_I4"}},
	{PT_MV_R4, "PT_MV_R4", "PtypMultipleFloating32", []string{"PT_MV_FLOAT"}},
	{PT_MV_DOUBLE, "PT_MV_DOUBLE", "PtypMultipleFloating64", []string{"PT_MV_R8"}},
	{PT_MV_CURRENCY, "PT_MV_CURRENCY", "PtypMultipleCurrency", nil},
	{PT_MV_APPTIME, "PT_MV_APPTIME", "PtypMultipleFloatingTime", nil},
	{PT_MV_I8, "PT_MV_I8", "PtypMultipleInteger64", []string{"PT_MV_LONGLONG"}},
	{PT_MV_STRING8, "PT_MV_STRING8", "PtypMultipleString8", nil},
	{PT_MV_UNICODE, "PT_MV_UNICODE", "PtypMultipleString", []string{"PT_MV_TSTRING"}},
	{PT_MV_SYSTIME, "PT_MV_SYSTIME", "PtypMultipleTime", nil},
	{PT_MV_CLSID, "PT_MV_CLSID", "PtypMultipleGuid", nil},
	{PT_MV_BINARY, "PT_MV_BINARY", "PtypMultipleBinary", nil},
}

// PropTypes lists every property type this package names.
func PropTypes() []PropType {
	out := make([]PropType, len(typeNames))
	for i, n := range typeNames {
		out[i] = n.t
	}
	return out
}

// String is the MAPI header name (PT_BINARY, PT_MV_LONG, …); a type without
// a name prints as hex, with MV_INSTANCE spelled out when set.
func (t PropType) String() string {
	if t&MV_INSTANCE != 0 {
		return "MV_INSTANCE|" + (t &^ MV_INSTANCE).String()
	}
	for _, n := range typeNames {
		if n.t == t {
			return n.name
		}
	}
	if t&MV_FLAG != 0 {
		return "PT_MV(0x" + strconv.FormatUint(uint64(t&^MV_FLAG), 16) + ")"
	}
	return "PropType(0x" + strings.ToUpper(strconv.FormatUint(uint64(t), 16)) + ")"
}

// Ptyp is the [MS-OXCDATA] name (PtypBinary …), or "" when there is none.
func (t PropType) Ptyp() string {
	for _, n := range typeNames {
		if n.t == t {
			return n.ptyp
		}
	}
	return ""
}

// IsMultiValued reports whether MV_FLAG is set.
func (t PropType) IsMultiValued() bool { return t&MV_FLAG != 0 }

// ParsePropType reads a type by any of its names (PT_ or Ptyp spelling,
// case-insensitive) or as a number ("0x0102", "258").
func ParsePropType(s string) (PropType, bool) {
	s = strings.TrimSpace(s)
	for _, n := range typeNames {
		if strings.EqualFold(s, n.name) || n.ptyp != "" && strings.EqualFold(s, n.ptyp) {
			return n.t, true
		}
		for _, a := range n.aliases {
			if strings.EqualFold(s, a) {
				return n.t, true
			}
		}
	}
	v, err := strconv.ParseUint(s, 0, 16)
	if err != nil {
		return 0, false
	}
	return PropType(v), true
}
