// Package explain is everything the web page shows for a paste or a
// dropped file, as one JSON-ready Explanation: blobs decoded and checked,
// with the repair of an empty time-zone key name; a recurring series'
// occurrences and .ics; a GUID in every form; ExMerge.log lines; and whole
// items (.msg, TNEF, .eml, MFCMAPI message exports) with their findings.
// Each answer carries the mapiblob command that prints the same text, and
// tests check that it does.
//
// It composes library calls (input, smartview, item and its formats, ical,
// guid) and holds no rule of its own; the CLI prints the same answers from
// the same calls.
package explain
