package fuzz

import (
	"errors"
	"flag"
	"hash/fnv"
	"sync"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/blob"
)

var timeSample = time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)

// mustBeDecodeError checks the error contract: a *DecodeError naming a
// field, at an offset inside the input, wrapping a sentinel.
func mustBeDecodeError(t *testing.T, err error) {
	t.Helper()
	var de *blob.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error is not a DecodeError: %T %v", err, err)
	}
	if de.Path == "" || de.Offset < 0 || de.Err == nil {
		t.Fatalf("DecodeError without path or sentinel: %+v", de)
	}
}

func asInputError(err error, target **blob.SyntaxError) bool { return errors.As(err, target) }

func decodeOffset(err error) int {
	var de *blob.DecodeError
	if errors.As(err, &de) {
		return de.Offset
	}
	return -1
}

// fuzzing reports whether this process runs a fuzzing engine (-test.fuzz).
var fuzzing = sync.OnceValue(func() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
})

// measureAllocs says whether a fuzz target measures what reading b
// allocates. Measuring runs a full garbage collection, which in a fuzzing
// worker takes milliseconds: while fuzzing, one input in 16 is measured,
// chosen by its bytes so that the engine's replays and minimisation see
// the same choice; replaying the corpus (go test) measures every input.
// The race detector changes the counts: then nothing is measured.
func measureAllocs(b []byte) bool {
	if raceEnabled {
		return false
	}
	if !fuzzing() {
		return true
	}
	h := fnv.New32a()
	h.Write(b)
	return h.Sum32()%16 == 0
}
