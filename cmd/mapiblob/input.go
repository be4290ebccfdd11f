package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/input"
)

// maxInput bounds what is read from a file or standard input.
const maxInput = 64 << 20

// readText returns the input text: the arguments joined by spaces, the
// contents of @path, or standard input for "-" or no argument.
func readText(e *env, args []string) (string, error) {
	b, name, err := readRaw(e, args)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", invalidErr("%s is binary data, not text: give the blob as hex, base64 or an MFCMAPI export", name)
	}
	return string(b), nil
}

// readBytes returns the input as it is, binary or text, for input.ParseBytes.
func readBytes(e *env, args []string) ([]byte, error) {
	b, _, err := readRaw(e, args)
	return b, err
}

// inputMode reads an --input value.
func inputMode(s string) (input.Mode, error) {
	m, ok := input.ParseMode(s)
	if !ok {
		return "", usageErr("unknown --input %q (want auto, hex, base64, binary or xml)", s)
	}
	return m, nil
}

// readRaw returns the input bytes (the arguments joined by spaces, the
// contents of @path, or standard input for "-" or no argument) and a name
// for messages.
func readRaw(e *env, args []string) ([]byte, string, error) {
	if len(args) == 1 && strings.HasPrefix(args[0], "@") {
		path := args[0][1:]
		if path == "" {
			return nil, "", usageErr("@ needs a file name")
		}
		f, err := e.open(path)
		if err != nil {
			return nil, "", usageErr("cannot read %s: %v", path, errors.Unwrap(err))
		}
		defer f.Close()
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			return nil, "", usageErr("%s is a directory, not a file", path)
		}
		b, err := readAll(f, path)
		return b, path, err
	}
	if len(args) == 0 || len(args) == 1 && args[0] == "-" {
		if e.stdin == nil {
			return nil, "", usageErr("no input: give the blob as an argument, @file, or on standard input")
		}
		b, err := readAll(e.stdin, "standard input")
		return b, "standard input", err
	}
	return []byte(strings.Join(args, " ")), "the arguments", nil
}

func readAll(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, usageErr("cannot read %s: %v", name, err)
	}
	if len(b) > maxInput {
		return nil, usageErr("%s is larger than %d MiB; a blob is far smaller", name, maxInput>>20)
	}
	return b, nil
}

func hexUpper(b []byte) string { return fmt.Sprintf("%X", b) }
