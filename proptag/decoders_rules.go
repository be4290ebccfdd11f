package proptag

import "github.com/mapiblob/mapiblob/blob"

// rulesDecoders are the decoders of the rules and restrictions family
// (package rules), by the properties MFCMAPI reads them from.
var rulesDecoders = map[string]blob.Kind{
	"PidTagExtendedRuleMessageCondition": blob.KindExtendedRuleCondition, // PR_EXTENDED_RULE_MSG_CONDITION, [MS-OXORULE] 2.2.4.1.10
	"PidTagSearchFolderDefinition":       blob.KindSearchFolderDef,       // PR_WB_SF_DEFINITION, [MS-OXOSRCH] 2.2.2.1.2
	"PidTagExtendedRuleMessageActions":   blob.KindExtendedRuleAction,    // PR_EXTENDED_RULE_MSG_ACTIONS, [MS-OXORULE] 2.2.4.1.9
}
