package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// maxInput bounds what is read from a file or standard input.
const maxInput = 64 << 20

// readText returns the input text: the arguments joined by spaces, the
// contents of @path, or standard input for "-" or no argument.
func readText(e *env, args []string) (string, error) {
	if len(args) == 1 && strings.HasPrefix(args[0], "@") {
		path := args[0][1:]
		if path == "" {
			return "", usageErr("@ needs a file name")
		}
		f, err := os.Open(path)
		if err != nil {
			return "", usageErr("cannot read %s: %v", path, errors.Unwrap(err))
		}
		defer f.Close()
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			return "", usageErr("%s is a directory, not a file", path)
		}
		return readAll(f, path)
	}
	if len(args) == 0 || len(args) == 1 && args[0] == "-" {
		if e.stdin == nil {
			return "", usageErr("no input: give the blob as an argument, @file, or on standard input")
		}
		return readAll(e.stdin, "standard input")
	}
	return strings.Join(args, " "), nil
}

func readAll(r io.Reader, name string) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", usageErr("cannot read %s: %v", name, err)
	}
	if len(b) > maxInput {
		return "", usageErr("%s is larger than %d MiB; a blob is far smaller", name, maxInput>>20)
	}
	if !utf8.Valid(b) {
		return "", invalidErr("%s is binary data, not text: give the blob as hex, base64 or an MFCMAPI export", name)
	}
	return string(b), nil
}

func hexUpper(b []byte) string { return fmt.Sprintf("%X", b) }
