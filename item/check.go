package item

import "github.com/mapiblob/mapiblob/blob"

// Check is filled in below.
func (it *Item) Check() []blob.Finding { return nil }
