// Package guid handles the 16-byte GUID in Windows/MAPI byte order (Data1,
// Data2 and Data3 little-endian, Data4 as written, [MS-DTYP] 2.3.4.2) and
// every textual form an Exchange administrator meets: the GUID string, ADSI
// Edit hex, compact hex, the LDAP filter escape, base64 (LDIF), a PowerShell
// byte array and the escape ExMerge writes into ExMerge.log.
//
// The mailbox GUID of the ExMerge.log line
//
//	Cannot identify the user with the msExchMailboxGuid C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7.
//
// is the bytes 43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37, the GUID
// {66960343-B15D-443B-8199-1F9143325B37}.
package guid

import (
	"encoding"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// GUID is a GUID in its 16-byte wire form (MAPI, Active Directory
// msExchMailboxGuid, .NET Guid.ToByteArray).
type GUID [16]byte

// Nil is the all-zero GUID.
var Nil GUID

// Form is a textual representation of a GUID.
type Form int

// The forms Parse reads and Format writes.
const (
	FormAuto       Form = iota // detect (Parse only)
	FormString                 // {66960343-B15D-443B-8199-1F9143325B37}
	FormADSI                   // 43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37
	FormHex                    // 430396665DB13B4481991F9143325B37
	FormLDAP                   // \43\03\96\66\5D\B1\3B\44\81\99\1F\91\43\32\5B\37
	FormBase64                 // QwOWZl2xO0SBmR+RQzJbNw==
	FormExMerge                // C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7
	FormPowerShell             // [byte[]](0x43,0x03,…)
)

var formNames = [...]string{"auto", "string", "adsi", "hex", "ldap", "base64", "exmerge", "powershell"}

// String is the form's short name as the CLI's --to flag spells it.
func (f Form) String() string {
	if f >= 0 && int(f) < len(formNames) {
		return formNames[f]
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// ParseForm turns a short name ("exmerge", "adsi", …) into a Form.
func ParseForm(s string) (Form, bool) {
	for i, n := range formNames {
		if strings.EqualFold(n, s) {
			return Form(i), true
		}
	}
	return 0, false
}

// Forms lists every printable form, in the order the CLI prints them.
func Forms() []Form {
	return []Form{FormString, FormADSI, FormHex, FormLDAP, FormBase64, FormExMerge, FormPowerShell}
}

// FromFields builds a GUID from its four fields as the GUID string shows them.
func FromFields(d1 uint32, d2, d3 uint16, d4 [8]byte) GUID {
	var g GUID
	binary.LittleEndian.PutUint32(g[0:], d1)
	binary.LittleEndian.PutUint16(g[4:], d2)
	binary.LittleEndian.PutUint16(g[6:], d3)
	copy(g[8:], d4[:])
	return g
}

// Fields returns Data1, Data2, Data3 and Data4.
func (g GUID) Fields() (d1 uint32, d2, d3 uint16, d4 [8]byte) {
	copy(d4[:], g[8:])
	return binary.LittleEndian.Uint32(g[0:]), binary.LittleEndian.Uint16(g[4:]), binary.LittleEndian.Uint16(g[6:]), d4
}

// IsNil reports whether g is all zeros.
func (g GUID) IsNil() bool { return g == Nil }

const hexUpper = "0123456789ABCDEF"

// String returns the braced upper-case GUID string,
// {66960343-B15D-443B-8199-1F9143325B37}.
func (g GUID) String() string {
	var b [38]byte
	b[0], b[37] = '{', '}'
	g.putString(b[1:37])
	return string(b[:])
}

// stringOrder lists which wire byte prints at each pair of hex digits of
// the GUID string; dashes stand at 8, 13, 18 and 23.
var stringOrder = [16]byte{3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15}

func (g GUID) putString(b []byte) {
	_ = b[35]
	j := 0
	for k, i := range stringOrder {
		if k == 4 || k == 6 || k == 8 || k == 10 {
			b[j] = '-'
			j++
		}
		c := g[i]
		b[j], b[j+1] = hexUpper[c>>4], hexUpper[c&0xF]
		j += 2
	}
}

func (g GUID) appendString(b []byte, braces bool) []byte {
	var s [38]byte
	s[0], s[37] = '{', '}'
	g.putString(s[1:37])
	if braces {
		return append(b, s[:]...)
	}
	return append(b, s[1:37]...)
}

// Format returns g in the given form (FormAuto gives the GUID string).
func (g GUID) Format(f Form) string {
	var buf [96]byte
	return string(g.AppendFormat(buf[:0], f))
}

// AppendFormat appends g in the given form to b.
func (g GUID) AppendFormat(b []byte, f Form) []byte {
	switch f {
	case FormADSI:
		for i, c := range g {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, hexUpper[c>>4], hexUpper[c&0xF])
		}
	case FormHex:
		for _, c := range g {
			b = append(b, hexUpper[c>>4], hexUpper[c&0xF])
		}
	case FormLDAP:
		for _, c := range g {
			b = append(b, '\\', hexUpper[c>>4], hexUpper[c&0xF])
		}
	case FormBase64:
		b = base64.StdEncoding.AppendEncode(b, g[:])
	case FormExMerge:
		for _, c := range g {
			if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
				b = append(b, c)
			} else {
				b = append(b, '\\', hexUpper[c>>4], hexUpper[c&0xF])
			}
		}
	case FormPowerShell:
		b = append(b, "[byte[]]("...)
		for i, c := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '0', 'x', hexUpper[c>>4], hexUpper[c&0xF])
		}
		b = append(b, ')')
	default:
		b = g.appendString(b, true)
	}
	return b
}

// MarshalText writes the braced GUID string.
func (g GUID) MarshalText() ([]byte, error) { return g.appendString(nil, true), nil }

// UnmarshalText reads any form Parse accepts.
func (g *GUID) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// ErrLength is returned by FromBytes and UnmarshalBinary for input that is
// not exactly 16 bytes.
var ErrLength = errors.New("guid: a GUID is exactly 16 bytes")

// FromBytes returns the GUID whose MAPI byte order (the order of the bytes
// in a blob: Data1–Data3 little-endian) is b. b must be 16 bytes long.
func FromBytes(b []byte) (GUID, error) {
	if len(b) != 16 {
		return Nil, fmt.Errorf("%w, not %d", ErrLength, len(b))
	}
	return GUID(b), nil
}

// MarshalBinary returns the 16 bytes in MAPI byte order.
func (g GUID) MarshalBinary() ([]byte, error) { return g[:], nil }

// AppendBinary appends the 16 bytes in MAPI byte order.
func (g GUID) AppendBinary(b []byte) ([]byte, error) { return append(b, g[:]...), nil }

// UnmarshalBinary reads exactly 16 bytes in MAPI byte order.
func (g *GUID) UnmarshalBinary(b []byte) error {
	v, err := FromBytes(b)
	if err != nil {
		return err
	}
	*g = v
	return nil
}

var (
	_ encoding.BinaryMarshaler   = GUID{}
	_ encoding.BinaryAppender    = GUID{}
	_ encoding.BinaryUnmarshaler = (*GUID)(nil)
	_ encoding.TextMarshaler     = GUID{}
	_ encoding.TextUnmarshaler   = (*GUID)(nil)
)
