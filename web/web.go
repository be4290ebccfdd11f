// Package web builds the offline web page: index.html, style.css and
// app.js (embedded here), Go's wasm_exec.js, and the library compiled to
// WebAssembly from ./wasm (the thin syscall/js adapter over
// explain.Explain). The page opens from disk (file://) or from any static
// server and makes no network request after load.
//
// Build it with `go run ./web/build` (into dist/web).
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed index.html style.css app.js
var static embed.FS

// wasmPackage is the adapter compiled for GOOS=js GOARCH=wasm.
const wasmPackage = "github.com/mapiblob/mapiblob/web/wasm"

// Report says what Build wrote.
type Report struct {
	Dir       string // the folder
	WasmBytes int    // the WebAssembly module
	GzipBytes int    // the module gzipped, as the page carries it (base64 in mapiblob-wasm.js)
	Files     []string
}

func (r *Report) String() string {
	return fmt.Sprintf("%s: WebAssembly %.2f MB (%.2f MB gzipped, in mapiblob-wasm.js as base64); files %s",
		r.Dir, float64(r.WasmBytes)/1e6, float64(r.GzipBytes)/1e6, strings.Join(r.Files, ", "))
}

// goEnv runs `go env NAME` with the go command on PATH.
func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Build writes the page into dir (created if needed): it compiles the
// adapter with the go command on PATH (-trimpath, -s -w), copies
// wasm_exec.js from that toolchain's GOROOT/lib/wasm, and writes the
// module gzipped and base64-encoded into mapiblob-wasm.js, which a script
// tag loads (fetch is refused on file:// pages).
func Build(dir string) (*Report, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "mapiblob-wasm")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	wasmFile := filepath.Join(tmp, "mapiblob.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasmFile, wasmPackage)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build %s: %v\n%s", wasmPackage, err, out)
	}
	wasm, err := os.ReadFile(wasmFile)
	if err != nil {
		return nil, err
	}
	root, err := goEnv("GOROOT")
	if err != nil {
		return nil, err
	}
	execJS, err := os.ReadFile(filepath.Join(root, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("wasm_exec.js of the Go toolchain: %v", err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	var js bytes.Buffer
	js.WriteString("// The mapiblob library compiled to WebAssembly (GOOS=js GOARCH=wasm), gzipped, base64.\n")
	js.WriteString("globalThis.MAPIBLOB_WASM_GZ = \"")
	js.WriteString(base64.StdEncoding.EncodeToString(gz.Bytes()))
	js.WriteString("\";\n")

	r := &Report{Dir: dir, WasmBytes: len(wasm), GzipBytes: gz.Len()}
	write := func(name string, b []byte) error {
		r.Files = append(r.Files, name)
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	for _, name := range []string{"index.html", "style.css", "app.js"} {
		b, err := static.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := write(name, b); err != nil {
			return nil, err
		}
	}
	if err := write("wasm_exec.js", execJS); err != nil {
		return nil, err
	}
	if err := write("mapiblob-wasm.js", js.Bytes()); err != nil {
		return nil, err
	}
	return r, nil
}
