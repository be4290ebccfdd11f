package smartview

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/rules"
)

// rulesDecoders are the restrictions, rule conditions and actions and
// search folder definitions of package rules. None has a signature, so
// none is detected from the bytes alone.
var rulesDecoders = []Decoder{
	{
		Kind: blob.KindRestriction, Parser: "RESTRICTION",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return rules.ParseRestriction(b) },
	},
	{
		Kind: blob.KindRuleCondition, Parser: "RULECONDITION",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return rules.ParseRuleCondition(b) },
	},
	{
		Kind: blob.KindExtendedRuleCondition, Parser: "EXTENDEDRULECONDITION",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return rules.ParseExtendedRuleCondition(b) },
	},
	{
		Kind: blob.KindSearchFolderDef, Parser: "SEARCHFOLDERDEFINITION",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return rules.ParseSearchFolderDefinition(b) },
	},
	{
		Kind: blob.KindExtendedRuleAction, Parser: "EXTENDEDRULEACTION",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return rules.ParseExtendedRuleActions(b) },
	},
}
