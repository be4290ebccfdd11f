package fuzz

import (
	"errors"
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/input"
	"github.com/mapiblob/mapiblob/tzdef"
)

var timeSample = time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)

// mustBeDecodeError checks the error contract: a *DecodeError naming a
// field, at an offset inside the input, wrapping a sentinel.
func mustBeDecodeError(t *testing.T, err error) {
	t.Helper()
	var de *tzdef.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error is not a DecodeError: %T %v", err, err)
	}
	if de.Path == "" || de.Offset < 0 || de.Err == nil {
		t.Fatalf("DecodeError without path or sentinel: %+v", de)
	}
}

func asInputError(err error, target **input.Error) bool { return errors.As(err, target) }

func decodeOffset(err error) int {
	var de *tzdef.DecodeError
	if errors.As(err, &de) {
		return de.Offset
	}
	return -1
}
