// Package blob holds the few types that every structure package of this
// module shares: the decode error with its field path and byte offset, the
// findings that Check methods return, the kinds of structure the module
// decodes, the Value interface every decoded structure implements, the hex
// byte slice of the JSON form, and the code page of 8-bit strings.
//
// The structure packages (tzdef, recurrence, guid) and the root package
// mapiblob return these types; they re-export the names a caller of one
// package needs (blob.DecodeError is blob.DecodeError), so errors.As and
// type switches work across packages.
package blob
