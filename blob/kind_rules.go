package blob

// Kinds of the rules and restrictions family (package rules).
const (
	KindRestriction           Kind = "restriction"     // a MAPI restriction (SRestriction)
	KindRuleCondition         Kind = "rulecondition"   // PidTagRuleCondition
	KindExtendedRuleCondition Kind = "extrulecond"     // PidTagExtendedRuleMessageCondition
	KindExtendedRuleAction    Kind = "extruleaction"   // PidTagExtendedRuleMessageActions
	KindSearchFolderDef       Kind = "searchfolderdef" // PidTagSearchFolderDefinition
)
