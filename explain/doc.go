// Package explain is everything the web page shows for a paste or a
// dropped file, as one JSON-ready Explanation: blobs decoded and checked,
// with the repair of an empty time-zone key name; a recurring series'
// occurrences and .ics; a GUID in every form; ExMerge.log lines; and whole
// items (.msg, TNEF, .eml, MFCMAPI message exports) with their findings.
// Each answer carries the mapiblob command that prints the same text, and
// tests check that it does.
//
// It is a package of its own because it sits above package item, which
// sits above the root package: item decodes its blobs with
// mapiblob.Decode, so the root package cannot import item, and Explain,
// which reads items, cannot live in the root package.
package explain
