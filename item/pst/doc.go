// Package pst reads and writes Outlook PST files ([MS-PST]) into and out of
// the one item model (package item).
//
// The reader is read-only and works over an io.ReaderAt, reading the pages
// and blocks it needs as it goes, never the whole file. It follows the
// three layers of the format: the node database (the HEADER and its CRCs,
// the node and block B-trees, data trees of XBLOCKs and XXBLOCKs, subnode
// trees of SLBLOCKs and SIBLOCKs, blocks encoded with NDB_CRYPT_NONE,
// NDB_CRYPT_PERMUTE or NDB_CRYPT_CYCLIC), lists, tables and properties (the
// heap-on-node, BTHs, property contexts, table contexts with their row
// matrix in the heap or in a subnode) and messaging (the folder tree,
// contents tables, messages with their recipients, attachments and
// embedded messages, and the named-property map, so that every named
// property has its set and its LID or name).
//
// Every structure is read through bounds-checked code; a page, block or
// table that does not check (a CRC, a signature, a BID, a count that does
// not fit) is a *CorruptError naming the structure, its offset, BID or
// NID. A message that cannot be read is yielded as a *MessageError naming
// its folder and node, and the iteration goes on with the others. Cycles
// in the B-trees, data trees, subnode trees, BTHs and the folder tree are
// detected, never followed.
//
// Both forms of the file are read and written: Unicode (64-bit ids,
// Outlook 2003 and later) and ANSI (32-bit ids, Outlook 97–2002). Write
// writes folders and messages that the reader, and other readers (libpst's
// readpst, libpff), read back.
//
// Not read yet: the 4 KiB-page OST form (wVer 36) is refused with an
// error naming it.
package pst
