// Package itemfile tells an item file's format by its content and reads it
// with that format's package: an Outlook .msg (package msg), TNEF, raw or
// base64, and an .eml with a TNEF part (package tnef), an MFCMAPI XML
// export (package mfcxml), or a PST or OST file (package pst), whose
// calendar and task folders' messages it reads.
package itemfile
