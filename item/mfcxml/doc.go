// Package mfcxml reads and writes MFCMAPI's XML exports — a message file,
// a contents table of several messages, or a property pane's bare
// <property> elements — into and out of the one item model (package item).
// It is the one reader of MFCMAPI XML: a file and a pasted property pane
// are read by the same code.
package mfcxml
