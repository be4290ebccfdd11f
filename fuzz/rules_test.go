package fuzz

import (
	"testing"

	"github.com/mapiblob/mapiblob/rules"
)

// FuzzRules runs every decoder of the rules and restrictions family on
// the input.
func FuzzRules(f *testing.F) {
	addMFCMAPISeeds(f, "RESTRICTION", "RULECONDITION", "EXTENDEDRULECONDITION", "EXTENDEDRULEACTION", "SEARCHFOLDERDEFINITION")
	f.Fuzz(func(t *testing.T, b []byte) {
		v1, err := rules.ParseRestriction(b)
		checkValue(t, b, v1, err)
		v2, err := rules.ParseRuleCondition(b)
		checkValue(t, b, v2, err)
		v3, err := rules.ParseExtendedRuleCondition(b)
		checkValue(t, b, v3, err)
		v4, err := rules.ParseExtendedRuleActions(b)
		checkValue(t, b, v4, err)
		v5, err := rules.ParseSearchFolderDefinition(b)
		checkValue(t, b, v5, err)
	})
}
