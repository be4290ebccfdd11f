package web

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/explain"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/internal/seed"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/tzdef"
)

// findChromium returns a local Chromium or Chrome. Without one the browser
// test is skipped, unless MAPIBLOB_REQUIRE_BROWSER=1 (CI), which fails it.
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found (apt-get install chromium); the browser test needs one"
	if os.Getenv("MAPIBLOB_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + ", and MAPIBLOB_REQUIRE_BROWSER=1")
	}
	t.Skip(msg)
	return ""
}

// artifactDir is where the screenshots go: $MAPIBLOB_ARTIFACTS, or a
// temporary folder.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("MAPIBLOB_ARTIFACTS"); d != "" {
		require.NoError(t, os.MkdirAll(d, 0o755))
		return d
	}
	return t.TempDir()
}

// paste puts text into the input box as a paste does (an input event) and
// asks for the decode at once rather than after the typing pause; it
// returns when the page has shown the result.
func paste(text string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		n, err := chromedp.Evaluate[string](`document.body.dataset.explained || "0"`)(ctx, t)
		if err != nil {
			return chromedp.Void{}, err
		}
		js := `(() => { const i = document.getElementById("input"); i.focus(); i.select();
			document.execCommand("insertText", false, ` + jsString(text) + `);
			document.getElementById("decode").click(); })()`
		if _, err := chromedp.Evaluate[chromedp.Void](js)(ctx, t); err != nil {
			return chromedp.Void{}, err
		}
		_, err = chromedp.Poll[bool](`document.body.dataset.explained !== `+jsString(n))(ctx, t)
		return chromedp.Void{}, err
	}
}

// openFile hands the page a file through its file input ("Open a
// file…"), as a user choosing it does, and returns when the page has shown
// the result.
func openFile(name string, b []byte) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		n, err := chromedp.Evaluate[string](`document.body.dataset.explained || "0"`)(ctx, t)
		if err != nil {
			return chromedp.Void{}, err
		}
		js := `(() => { const s = atob(` + jsString(base64.StdEncoding.EncodeToString(b)) + `);
			const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
			const dt = new DataTransfer(); dt.items.add(new File([u], ` + jsString(name) + `));
			const f = document.getElementById("file"); f.files = dt.files;
			f.dispatchEvent(new Event("change", { bubbles: true })); })()`
		if _, err := chromedp.Evaluate[chromedp.Void](js)(ctx, t); err != nil {
			return chromedp.Void{}, err
		}
		_, err = chromedp.Poll[bool](`document.body.dataset.explained !== `+jsString(n))(ctx, t)
		return chromedp.Void{}, err
	}
}

func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteString(hex.EncodeToString([]byte{byte(r)}))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// The page in a real browser: built, served from 127.0.0.1, the seed case
// pasted (crash finding and repair shown), the ExMerge example (ADSI form),
// a series' .ics downloaded, a .msg opened as an item, screenshots kept, no request but the page's
// own files, and the same page opened from disk.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly module and drives Chromium")
	}
	if raceEnabled {
		t.Skip("not under the race detector: .ci/web.sh runs it without -race")
	}
	chrome := findChromium(t)
	dir := t.TempDir()
	rep, err := Build(dir)
	require.NoError(t, err)
	t.Logf("page: %s", rep)

	var mu sync.Mutex
	var served []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.URL.Path)
		mu.Unlock()
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
	}))
	defer srv.Close()
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 1250),
		chromedp.Flag("no-proxy-server", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	var reqMu sync.Mutex
	var requests []string
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			reqMu.Lock()
			requests = append(requests, e.Request.URL)
			reqMu.Unlock()
		}
	}))

	downloads := t.TempDir()
	ready := chromedp.CSS(`body[data-ready="true"]`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(ready)))
	privacy, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("privacy")))
	require.NoError(t, err)
	require.Contains(t, privacy, "No network request after load; your data never leaves this machine.")
	// The kind list is the library's: every structure, by kind and MFCMAPI's parser name.
	kinds, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("kind")))
	require.NoError(t, err)
	for _, k := range explain.Kinds() {
		require.Contains(t, kinds, k.Kind+" ("+k.Parser+")")
	}

	// The seed case.
	root := ".."
	seedXML, err := seed.SeedExport(root)
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, paste(seedXML), chromedp.WaitVisible(chromedp.CSS(`[data-testid="repair-hex-1"]`))))
	findings, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid="findings-1"]`)))
	require.NoError(t, err)
	repairHex, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid="repair-hex-1"]`)))
	require.NoError(t, err)
	require.Contains(t, findings, tzdef.CodeEmptyKeyName)
	require.Contains(t, findings, "KB 2553248")
	want, _, err := tzdef.FromZoneName("Eastern Standard Time", 2000, 2037)
	require.NoError(t, err)
	wb, err := want.ForDisplay().MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, strings.ToUpper(hex.EncodeToString(wb)), strings.TrimSpace(repairHex))

	art := artifactDir(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)))
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	full, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	require.NoError(t, err)
	for name, b := range map[string][]byte{"seed-case.png": shot, "seed-case-full.jpg": full} {
		p := filepath.Join(art, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		t.Logf("screenshot: %s", p)
	}

	// The ExMerge example.
	adsiCell := chromedp.CSS(`[data-testid="guid-forms"] tr[data-form="adsi"] td.value`)
	require.NoError(t, chromedp.Do(ctx, paste(seed.ExMergeEscape), chromedp.WaitVisible(adsiCell)))
	adsi, err := chromedp.Run(ctx, chromedp.Text(adsiCell))
	require.NoError(t, err)
	require.Equal(t, seed.ExMergeADSI, strings.TrimSpace(adsi))
	screenshot(t, ctx, filepath.Join(art, "exmerge.png"))

	// A series with its zone: occurrences, and the .ics downloaded.
	series, err := seed.SeriesExport(root)
	require.NoError(t, err)
	download := chromedp.CSS(`[data-testid="ics-download"]`)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("from"), "2026-01-01"),
		paste(series),
		chromedp.WaitVisible(download)))
	occ, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid="occurrences"]`)))
	require.NoError(t, err)
	require.Contains(t, occ, "2026-01-06 09:30–10:00 -05:00  (14:30Z)  normal")
	screenshot(t, ctx, filepath.Join(art, "series.png"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(download)))
	var ics []byte
	require.Eventually(t, func() bool {
		ics, err = os.ReadFile(filepath.Join(downloads, "series.ics"))
		return err == nil && len(ics) > 0
	}, 20*time.Second, 100*time.Millisecond, "series.ics was not downloaded")
	for _, w := range []string{"BEGIN:VCALENDAR", "TZID:Eastern Standard Time", "RRULE:FREQ=WEEKLY", "END:VCALENDAR"} {
		require.Contains(t, string(ics), w)
	}

	// A .msg loaded through the file input is read as an item: its label,
	// its findings (the empty key name among them), the repair, the .ics.
	msg, err := msg.Marshal(itemtest.Meeting(itemtest.Options{Seed: 1, EmptyStartDisplayKeyName: true}))
	require.NoError(t, err)
	itemFindings := chromedp.CSS(`[data-testid="item-findings-1"]`)
	require.NoError(t, chromedp.Do(ctx, openFile("meeting.msg", msg), chromedp.WaitVisible(itemFindings)))
	label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid="item-label-1"]`)))
	require.NoError(t, err)
	require.Contains(t, label, "meeting.msg (IPM.Appointment) — Weekly sync 1")
	itemF, err := chromedp.Run(ctx, chromedp.Text(itemFindings))
	require.NoError(t, err)
	require.Contains(t, itemF, tzdef.CodeEmptyKeyName)
	st, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status")))
	require.NoError(t, err)
	require.Contains(t, st, "File meeting.msg")
	require.Contains(t, st, "items read")
	itemRepair, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid^="repair-hex-1-"]`)))
	require.NoError(t, err)
	require.Equal(t, strings.ToUpper(hex.EncodeToString(wb)), strings.TrimSpace(itemRepair))
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid="item-ics-download-1"]`))))
	itemRep, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid="item-repair-text-1"]`)))
	require.NoError(t, err)
	require.Contains(t, itemRep, "PidLidAppointmentTimeZoneDefinitionStartDisplay")
	require.Contains(t, itemRep, strings.ToUpper(hex.EncodeToString(wb)))
	cmdLine, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("command")))
	require.NoError(t, err)
	require.Equal(t, "mapiblob decode meeting.msg", strings.TrimSpace(cmdLine))
	screenshot(t, ctx, filepath.Join(art, "item.png"))

	// Nothing was requested but the page's own files.
	reqMu.Lock()
	for _, u := range requests {
		pu, err := url.Parse(u)
		require.NoError(t, err)
		if pu.Scheme == "blob" || pu.Scheme == "data" {
			continue
		}
		require.Equal(t, srv.URL, pu.Scheme+"://"+pu.Host, "request to %s", u)
	}
	reqMu.Unlock()
	mu.Lock()
	require.ElementsMatch(t, []string{"/", "/style.css", "/wasm_exec.js", "/mapiblob-wasm.js", "/app.js"}, dedupe(served))
	mu.Unlock()

	// The same folder opened from disk.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/index.html"),
		chromedp.WaitVisible(ready),
		paste("{66960343-B15D-443B-8199-1F9143325B37}"),
		chromedp.WaitVisible(adsiCell)))
	adsi, err = chromedp.Run(ctx, chromedp.Text(adsiCell))
	require.NoError(t, err)
	require.Equal(t, seed.ExMergeADSI, strings.TrimSpace(adsi))
}

// screenshot keeps the visible part of the page, from the top.
func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)))
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
	t.Logf("screenshot: %s", path)
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if x == "/favicon.ico" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}
