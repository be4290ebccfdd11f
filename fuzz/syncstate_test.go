package fuzz

import (
	"testing"

	"github.com/mapiblob/mapiblob/syncstate"
)

// FuzzSyncState runs every decoder of the sync-state family on the input.
func FuzzSyncState(f *testing.F) {
	addMFCMAPISeeds(f, "XID", "PCL", "TOMBSTONE")
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := syncstate.ParseXID(b)
		checkValue(t, b, x, err)
		p, err := syncstate.ParsePCL(b)
		checkValue(t, b, p, err)
		ts, err := syncstate.ParseTombstone(b)
		checkValue(t, b, ts, err)
	})
}
