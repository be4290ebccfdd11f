package mfcprop

import "github.com/mapiblob/mapiblob/proptag"

type typedName struct {
	name string
	typ  proptag.PropType
}

const (
	long = proptag.PT_LONG
	bin  = proptag.PT_BINARY
	boo  = proptag.PT_BOOLEAN
	s8   = proptag.PT_STRING8
	u16  = proptag.PT_UNICODE
)

// mfcNames are the names MFCMAPI gives the tags of these property ids, in
// its order, where they differ from what the property table gives: names
// of MFCMAPI's own headers (PROP_ACCT_ID, PR_NICK_NAME…) and of the
// Exchange headers that the table does not hold, or an order the table's
// names do not sort into. The facts are read from MFCMAPI's SmartView
// test outputs; Names lists the exact matches, then the others, each in
// this order.
var mfcNames = map[uint16][]typedName{
	0x0001: {{"PROP_ACCT_ID", long}, {"PR_ACKNOWLEDGEMENT_MODE", long}, {"PidTagAcknowledgementMode", long},
		{"PR_CERT_PROP_VERSION", long}, {"PR_EMS_TEMPLATE_BLOB", bin}, {"PidTagTemplateData", bin}},
	0x0002: {{"PROP_ACCT_NAME", u16}, {"PR_ALTERNATE_RECIPIENT_ALLOWED", boo}, {"PidTagAlternateRecipientAllowed", boo},
		{"ptagAlternateRecipientAllowed", boo}, {"PR_CERT_ASYMETRIC_CAPS", bin}},
	0x0003: {{"PROP_ACCT_MINI_UID", long}, {"PR_AUTHORIZING_USERS", bin}, {"PidTagAuthorizingUsers", bin}},
	0x0006: {{"PR_CONTENT_CONFIDENTIALITY_ALGORITHM_ID", bin}, {"PidTagContentConfidentialityAlgorithmId", bin},
		{"PR_CERT_MESSAGE_ENCODING", long}},
	0x000C: {{"PROP_ACCT_USER_EMAIL_ADDR", u16}, {"PR_CONVERSION_EITS", bin}, {"PidTagConversionEits", bin}},
	0x0020: {{"PROP_ACCT_SENTITEMS_EID", bin}, {"PR_ORIGINALLY_INTENDED_RECIPIENT_NAME", bin},
		{"PidTagOriginallyIntendedRecipientName", bin}, {"PR_CERT_DEFAULTS", long}},
	0x0064: {{"PR_SENT_REPRESENTING_ADDRTYPE", u16}, {"PR_SENT_REPRESENTING_ADDRTYPE_A", s8},
		{"PR_SENT_REPRESENTING_ADDRTYPE_W", u16}, {"PidTagSentRepresentingAddressType", u16}, {"ptagSentRepresentingAddrType", u16}},
	0x0070: {{"PR_CONVERSATION_TOPIC", u16}, {"PR_CONVERSATION_TOPIC_A", s8}, {"PR_CONVERSATION_TOPIC_W", u16},
		{"PidTagConversationTopic", u16}, {"ptagConversationTopic", u16}},
	0x0100: {{"PROP_INET_SERVER", u16}},
	0x0200: {{"PROP_SMTP_SERVER", u16}},
	0x1000: {{"PR_BODY", u16}, {"PR_BODY_W", u16}, {"PidTagBody", u16}, {"ptagBody", u16},
		{"PROP_POP_LEAVE_ON_SERVER", long}, {"PR_BODY_A", s8}},
	0x39FE: {{"PR_SMTP_ADDRESS", u16}, {"PR_SMTP_ADDRESS_A", s8}, {"PR_SMTP_ADDRESS_W", u16}, {"PidTagSmtpAddress", u16},
		{"ptagPrimarySMTPAddress", u16}},
	0x39FF: {{"PR_7BIT_DISPLAY_NAME", u16}, {"PR_7BIT_DISPLAY_NAME_W", u16}, {"PR_7BIT_DISPLAY_NAME_A", s8},
		{"PR_EMS_AB_DISPLAY_NAME_PRINTABLE", u16}, {"PR_EMS_AB_DISPLAY_NAME_PRINTABLE_A", s8},
		{"PR_EMS_AB_DISPLAY_NAME_PRINTABLE_W", u16}, {"PidTagAddressBookDisplayNamePrintable", u16},
		{"ptagSimpleDisplayName", u16}},
	0x5FE5: {{"ptagRecipientSipUri", u16}},
	0x5FF6: {{"PR_RECIPIENT_DISPLAY_NAME", u16}, {"PR_RECIPIENT_DISPLAY_NAME_W", u16}, {"PidTagRecipientDisplayName", u16}},
	0x6001: {{"PR_NICK_NAME", u16}, {"PR_NICK_NAME_W", u16}, {"PR_NICK_NAME_A", s8}, {"PR_DOTSTUFF_STATE", long}},
	0x6003: {{"PR_DROPDOWN_DISPLAY_NAME", u16}, {"PR_DROPDOWN_DISPLAY_NAME_W", u16}, {"PR_DROPDOWN_DISPLAY_NAME_A", s8}},
	0x6004: {{"PR_NICK_NAME_WEIGHT", long}},
	0x6500: {{"ptagLISSubfolders", boo}},
	0x670F: {{"PR_SRC_URL_NAME", u16}, {"PR_SRC_URL_NAME_A", s8}, {"PR_SRC_URL_NAME_W", u16}},
}
