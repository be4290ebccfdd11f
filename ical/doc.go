// Package ical is iCalendar (RFC 5545) both ways, as [MS-OXCICAL] maps it
// to the properties Outlook keeps on a calendar item: the export writes
// items and bare series as VCALENDAR text, and the import turns VCALENDAR
// text into items. It is the one package that writes iCalendar text.
//
// # Export
//
// The export builds a calendar as components (Component, with its Prop
// and Param values) from the facts of the other packages — the rule of a
// recurrence as a value (recurrence.Pattern.Rule), its dates and
// exceptions, a zone's observances (tzdef.Definition.Observances), an
// item's properties — and writes it once, escaping TEXT values, quoting
// parameter values and folding lines at 75 octets. Series builds a bare
// series' VCALENDAR (VTIMEZONE, the master VEVENT with RRULE, EXDATE and
// RDATE, one VEVENT with RECURRENCE-ID per exception) and says what it
// adjusted so that clients place every instance where Outlook does; Events
// builds an item's VTIMEZONE and VEVENTs, with its UID from the
// GlobalObjectId, organizer, busy status, cancellation, reminder and
// all-day dates; Encode and CalendarWriter write items; VTimezone, RRule
// and SeriesRRule build a zone's VTIMEZONE and a pattern's RRULE value.
// ExportOptions fill what the blobs and items do not hold, and Profile
// chooses the RRULE forms for Thunderbird (ProfileCompatible). ical.js,
// libical, rrule-go and go-ical check the text written in this package's
// tests.
//
// # Import
//
// Import reads VCALENDAR text and returns one item per series (a VEVENT
// with RRULE and its RECURRENCE-ID overrides, grouped by UID), per single
// VEVENT and per VTODO: an *item.Item as the readers of package item return
// one, its properties typed and each blob decoded, and the warnings of what
// was assumed or could not be kept. A series becomes PidLidAppointmentRecur — built
// with the builders of package recurrence, EXDATEs as deleted instances,
// each override as an exception (moved time, SUMMARY, LOCATION, busy status
// from TRANSP or X-MICROSOFT-CDO-BUSYSTATUS, all-day, STATUS:CANCELLED) —
// with its zone as PidLidAppointmentTimeZoneDefinitionRecur,
// PidLidTimeZoneStruct and the two display definitions, the
// GlobalObjectId pair from the UID, StartWhole/EndWhole, SubType and the
// description of PidLidRecurrencePattern. A VTODO's RRULE becomes
// PidLidTaskRecurrence.
//
// RRULEs map as [MS-OXCICAL] 2.1.3.2.2 describes: FREQ DAILY, WEEKLY,
// MONTHLY, YEARLY with INTERVAL, COUNT or UNTIL, BYDAY (with an ordinal
// 1–4 or −1 in monthly and yearly rules, or a set of days with one
// BYSETPOS 1–4 or −1), BYMONTHDAY (one day, −1, or the idioms
// 28,29,30;BYSETPOS=-1 and 28,29;BYSETPOS=-1 that the export writes for
// days 30 and 29), one BYMONTH in yearly rules, and WKST. BYHOUR, BYMINUTE
// and BYSECOND are accepted when they repeat DTSTART. Anything else —
// FREQ=HOURLY and finer, BYWEEKNO, BYYEARDAY, several BYMONTHDAYs or
// months, an ordinal Outlook cannot count, RDATE, EXRULE, several RRULEs —
// is refused with an *RRuleError naming the part
// ("RRULE: BYHOUR is not expressible in an Outlook recurrence"), or with
// ImportOptions.Expand turned into single items, one per occurrence.
//
// Time zones: a TZID with a VTIMEZONE is read from the VTIMEZONE; when the
// TZID (or X-LIC-LOCATION) names a Windows or IANA zone that CLDR maps and
// the VTIMEZONE agrees with that zone over the series' years, the blobs are
// built from the named zone (tzdef.FromZoneName), otherwise the VTIMEZONE
// is followed and a warning says where they disagree. A TZID without
// VTIMEZONE must name a zone. Floating times are read in
// ImportOptions.FloatingZone, and refused without it; all-day dates without
// it are read in UTC, with a warning.
package ical
