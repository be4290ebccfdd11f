package rules

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the structures of this package by MFCMAPI's parser name.
var parsers = fixtures.Parsers{
	"RESTRICTION":            func(b []byte) (blob.Value, error) { return ParseRestriction(b) },
	"EXTENDEDRULEACTION":     func(b []byte) (blob.Value, error) { return ParseExtendedRuleActions(b) },
	"SEARCHFOLDERDEFINITION": func(b []byte) (blob.Value, error) { return ParseSearchFolderDefinition(b) },
	"RULECONDITION":          func(b []byte) (blob.Value, error) { return ParseRuleCondition(b) },
	"EXTENDEDRULECONDITION":  func(b []byte) (blob.Value, error) { return ParseExtendedRuleCondition(b) },
}

// TestSmartViewConformance compares SmartView with MFCMAPI's text for
// every case of every parser of this package, and the encoding with the
// input.
func TestSmartViewConformance(t *testing.T) { fixtures.Conformance(t, parsers) }
