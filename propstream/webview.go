package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// WebViewPersistStream is a folder's home-page settings
// (PidTagFolderWebViewInfo): a run of web view persistence objects, each a
// fixed header and cbData bytes of data, to the end of the stream.
type WebViewPersistStream struct {
	WebViews []WebView `json:"WebViews"`
	// Trailing holds bytes that do not make a whole web view, kept so
	// that encoding gives the input back.
	Trailing blob.HexBytes `json:"-"`
}

// WebView is one web view persistence object.
type WebView struct {
	Version  uint32        `json:"dwVersion"` // dwVersion: WEBVIEW_PERSISTENCE_VERSION (2)
	Type     uint32        `json:"dwType"`    // dwType: WEBVIEWURL (1) when Data is a URL
	Flags    uint32        `json:"dwFlags"`   // dwFlags: WEBVIEW_FLAGS_SHOWBYDEFAULT (1)
	Unused   blob.HexBytes `json:"dwUnused"`  // dwUnused: 7 reserved DWORDs
	DataSize uint32        `json:"cbData"`    // cbData: the length of Data
	Data     blob.HexBytes `json:"lpData"`    // the data: a NUL-terminated UTF-16LE URL for WEBVIEWURL
}

// Web view field values ([MS-OXPROPS] PidTagFolderWebViewInfo).
const (
	WebViewPersistenceVersion = 2 // dwVersion
	WebViewURL                = 1 // dwType: the data is a URL
	webViewHeaderSize         = 44
)

var (
	webViewVersions = sv.FlagTable{{Kind: sv.FlagValue, Value: 2, Name: "WEBVIEW_PERSISTENCE_VERSION"}}
	webViewTypes    = sv.FlagTable{{Kind: sv.FlagValue, Value: 1, Name: "WEBVIEWURL"}}
	webViewFlags    = sv.FlagTable{{Kind: sv.FlagBit, Value: 1, Name: "WEBVIEW_FLAGS_SHOWBYDEFAULT"}}
)

// ParseWebViewPersistStream decodes a web view persistence stream. It
// never fails: bytes that do not hold a whole web view are trailing.
func ParseWebViewPersistStream(b []byte) (*WebViewPersistStream, error) {
	s := new(WebViewPersistStream)
	if err := s.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return s, nil
}

// UnmarshalBinary decodes b into s.
func (s *WebViewPersistStream) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	// Count first: a web view whose data runs past the end stops the run.
	n := 0
	for probe := c; probe.Len() >= webViewHeaderSize; n++ {
		var size uint32
		probe.Skip(webViewHeaderSize - 4)
		probe.U32(&size)
		if !probe.Skip(int(min(size, 1<<31-1))) {
			break
		}
	}
	s.WebViews = make([]WebView, 0, n)
	for range n {
		var v WebView
		h, _ := c.Fixed(webViewHeaderSize)
		r := wire.NewCursor(h)
		var unused []byte
		r.U32(&v.Version)
		r.U32(&v.Type)
		r.U32(&v.Flags)
		r.Bytes(&unused, 28)
		r.U32(&v.DataSize)
		v.Unused = unused
		var data []byte
		c.Bytes(&data, int(v.DataSize))
		v.Data = data
		s.WebViews = append(s.WebViews, v)
	}
	s.Trailing = c.Rest()
	return nil
}

// Kind is blob.KindWebViewPersist.
func (s *WebViewPersistStream) Kind() blob.Kind { return blob.KindWebViewPersist }

// TrailingBytes are the bytes after the last whole web view.
func (s *WebViewPersistStream) TrailingBytes() []byte { return s.Trailing }

// Check reports bytes after the last whole web view and values the
// property's definition does not know.
func (s *WebViewPersistStream) Check() []blob.Finding {
	var fs []blob.Finding
	for i, v := range s.WebViews {
		if v.Version != WebViewPersistenceVersion {
			fs = append(fs, blob.Finding{Code: "WEBVIEW_BAD_VERSION", Severity: blob.Warning,
				Path:    wire.Path("WebViews", i, "dwVersion"),
				Message: "dwVersion is " + strconv.FormatUint(uint64(v.Version), 10) + ", not 2; Outlook ignores the web view"})
		}
	}
	return append(fs, trailing("WEBVIEW_TRAILING_BYTES", "WebViews", len(s.Trailing))...)
}

// AppendBinary appends the stream's bytes to b; cbData is written as
// len(Data) and dwUnused as stored, padded to 28 bytes.
func (s *WebViewPersistStream) AppendBinary(b []byte) ([]byte, error) {
	for _, v := range s.WebViews {
		b = wire.AppendU32(b, v.Version)
		b = wire.AppendU32(b, v.Type)
		b = wire.AppendU32(b, v.Flags)
		var u [28]byte
		copy(u[:], v.Unused)
		b = append(b, u[:]...)
		b = wire.AppendU32(b, uint32(len(v.Data)))
		b = append(b, v.Data...)
	}
	return append(b, s.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (s *WebViewPersistStream) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// SmartView renders s as MFCMAPI's SmartView pane does.
func (s *WebViewPersistStream) SmartView() string {
	var w sv.Writer
	w.Line(0, "Web View Persistence Object Stream")
	w.Line(1, "cWebViews = ", strconv.Itoa(len(s.WebViews)))
	for i, v := range s.WebViews {
		w.Line(1, "Web View ", strconv.Itoa(i))
		w.Line(2, "dwVersion = ", h8(v.Version), " = ", webViewVersions.Interpret(v.Version))
		w.Line(2, "dwType = ", h8(v.Type), " = ", webViewTypes.Interpret(v.Type))
		w.Line(2, "dwFlags = ", h8(v.Flags), " = ", webViewFlags.Interpret(v.Flags))
		w.Line(2, "dwUnused")
		w.Line(3, sv.Bytes(v.Unused))
		w.Line(2, "cbData = ", h8(v.DataSize))
		if v.Type == WebViewURL {
			w.Line(2, "wzURL")
			w.Line(3, wideText(v.Data))
		} else {
			w.Line(2, "lpData")
			w.Line(3, sv.Bytes(v.Data))
		}
	}
	w.Unparsed(1, s.Trailing)
	return w.String()
}

// Text renders s for people: its SmartView form.
func (s *WebViewPersistStream) Text() string { return s.SmartView() }
