// Command build makes the release: the CLI cross-compiled for six
// platforms, packed with SHA-256 checksums, and the offline web page. Run
// it as `bash dist/build.sh` (or `go run ./dist/build`) from anywhere in
// the module; `--cross` only cross-compiles, as CI does on every change.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/web"
)

// Targets are the platforms binaries are built for.
var Targets = []string{"windows/amd64", "windows/arm64", "darwin/arm64", "darwin/amd64", "linux/amd64", "linux/arm64"}

func main() {
	cross := flag.Bool("cross", false, "only cross-compile the six binaries (into a temporary folder): no packing, no web page")
	out := flag.String("o", "dist/release", "the folder for the archives and SHA256SUMS")
	webDir := flag.String("web", "dist/web", "the folder for the web page")
	version := flag.String("version", "", "the version in the archive names (default: git describe, else dev)")
	flag.Parse()
	if err := run(*cross, *out, *webDir, *version); err != nil {
		fmt.Fprintln(os.Stderr, "dist/build:", err)
		os.Exit(1)
	}
}

func run(cross bool, out, webDir, version string) error {
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return fmt.Errorf("go list -m: %v", err)
	}
	if err := os.Chdir(strings.TrimSpace(string(root))); err != nil {
		return err
	}
	if version == "" {
		version = "dev"
		if v, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output(); err == nil {
			version = strings.TrimSpace(string(v))
		}
	}
	binDir := filepath.Join(out, "bin")
	if cross {
		if binDir, err = os.MkdirTemp("", "mapiblob-cross"); err != nil {
			return err
		}
		defer os.RemoveAll(binDir)
	} else if err := os.RemoveAll(out); err != nil {
		return err
	}
	var archives []string
	for _, t := range Targets {
		goos, goarch, _ := strings.Cut(t, "/")
		name := "mapiblob"
		if goos == "windows" {
			name += ".exe"
		}
		bin := filepath.Join(binDir, goos+"-"+goarch, name)
		start := time.Now()
		cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=auto", "-ldflags=-s -w", "-o", bin, "./cmd/mapiblob")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: go build: %v\n%s", t, err, b)
		}
		st, err := os.Stat(bin)
		if err != nil {
			return err
		}
		fmt.Printf("%-14s %s  %.1f MB  (%.0fs)\n", t, bin, float64(st.Size())/1e6, time.Since(start).Seconds())
		if cross {
			continue
		}
		base := fmt.Sprintf("mapiblob-%s-%s-%s", version, goos, goarch)
		files := map[string]string{name: bin, "README.md": "README.md"}
		var a string
		if goos == "windows" {
			a, err = packZip(filepath.Join(out, base+".zip"), base, files)
		} else {
			a, err = packTarGz(filepath.Join(out, base+".tar.gz"), base, files)
		}
		if err != nil {
			return err
		}
		archives = append(archives, a)
	}
	if cross {
		return nil
	}
	if err := os.RemoveAll(binDir); err != nil {
		return err
	}
	rep, err := web.Build(webDir)
	if err != nil {
		return err
	}
	fmt.Println("web page:", rep)
	webFiles := map[string]string{}
	for _, f := range rep.Files {
		webFiles[f] = filepath.Join(webDir, f)
	}
	a, err := packZip(filepath.Join(out, "mapiblob-"+version+"-web.zip"), "mapiblob-"+version+"-web", webFiles)
	if err != nil {
		return err
	}
	archives = append(archives, a)
	return writeSums(filepath.Join(out, "SHA256SUMS"), archives)
}

// packZip writes the files (archive name → path) under dir/ in a zip.
func packZip(path, dir string, files map[string]string) (string, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		b, st, err := readFile(files[name])
		if err != nil {
			return "", err
		}
		h, err := zip.FileInfoHeader(st)
		if err != nil {
			return "", err
		}
		h.Name, h.Method = dir+"/"+name, zip.Deflate
		w, err := zw.CreateHeader(h)
		if err != nil {
			return "", err
		}
		if _, err := w.Write(b); err != nil {
			return "", err
		}
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return path, writeOut(path, buf.Bytes())
}

// packTarGz writes the files under dir/ in a gzipped tar, executables 0755.
func packTarGz(path, dir string, files map[string]string) (string, error) {
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	tw := tar.NewWriter(gz)
	for _, name := range sortedKeys(files) {
		b, st, err := readFile(files[name])
		if err != nil {
			return "", err
		}
		mode := int64(0o644)
		if st.Mode()&0o111 != 0 {
			mode = 0o755
		}
		if err := tw.WriteHeader(&tar.Header{Name: dir + "/" + name, Mode: mode, Size: int64(len(b)), ModTime: st.ModTime(), Typeflag: tar.TypeReg}); err != nil {
			return "", err
		}
		if _, err := tw.Write(b); err != nil {
			return "", err
		}
	}
	if err := tw.Close(); err != nil {
		return "", err
	}
	if err := gz.Close(); err != nil {
		return "", err
	}
	return path, writeOut(path, buf.Bytes())
}

// writeSums writes SHA256SUMS in the format sha256sum -c reads.
func writeSums(path string, files []string) error {
	var b strings.Builder
	for _, f := range files {
		h := sha256.New()
		r, err := os.Open(f)
		if err != nil {
			return err
		}
		_, err = io.Copy(h, r)
		r.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), filepath.Base(f))
	}
	fmt.Print(b.String())
	return writeOut(path, []byte(b.String()))
}

func readFile(p string) ([]byte, fs.FileInfo, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, err
	}
	b, err := os.ReadFile(p)
	return b, st, err
}

func writeOut(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
