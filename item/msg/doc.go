// Package msg reads and writes Outlook .msg files ([MS-OXMSG]): a Compound
// File Binary ([MS-CFB]) whose storages hold a message's properties, its
// recipients and attachments, and embedded messages, into and out of the
// one item model (package item).
//
// Read checks the compound file's header, DIFAT, FAT, mini FAT and
// directory before it reads a stream, naming the structure and sector
// that break; Write and Marshal write what Read reads.
package msg
