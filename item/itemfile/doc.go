// Package itemfile tells an item file's format by its content and reads it
// with that format's package: an Outlook .msg (package msg), TNEF, raw or
// base64, and an .eml with a TNEF part (package tnef), or an MFCMAPI XML
// export (package mfcxml).
package itemfile
