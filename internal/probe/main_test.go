package probe
import ("testing";"os";"time";"github.com/mapiblob/mapiblob/ical")
func BenchmarkX(b *testing.B){ in,_:=os.ReadFile("/tmp/probe/seed0.ics"); opt := ical.ImportOptions{FloatingZone: "W. Europe Standard Time", Now: time.Date(2026,1,1,0,0,0,0,time.UTC)}; b.ReportAllocs(); for b.Loop(){ _,_=ical.ImportBytes(in,opt)}}
