package smartview

import _ "github.com/mapiblob/mapiblob/internal/testzone" // the IANA database of the Go toolchain, not the host's
