// Package tnef reads and writes TNEF streams ([MS-OXTNEF]: winmail.dat,
// the application/ms-tnef part of a mail) into and out of the one item
// model (package item), and reads Internet messages (.eml) by their TNEF
// parts.
package tnef
