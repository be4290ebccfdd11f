package rules

import (
	"errors"

	"github.com/mapiblob/mapiblob/blob"
)

// shift moves a decode error of a part that starts at offset off of the
// whole and whose fields lie under prefix.
func shift(err error, off int, prefix string) error {
	var de *blob.DecodeError
	if !errors.As(err, &de) {
		return err
	}
	e := *de
	e.Offset += off
	e.Path = prefix + e.Path
	return &e
}
