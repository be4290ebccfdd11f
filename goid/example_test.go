package goid_test

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/mapiblob/mapiblob/goid"
)

func Example() {
	// PidLidGlobalObjectId of an exception whose occurrence was originally
	// on 18 January 2011.
	b, _ := hex.DecodeString("040000008200E00074C5B7101A82E00807DB0112C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B")
	g, err := goid.Parse(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := g.InstanceDate()
	fmt.Println(d.Format("2006-01-02"), g.CreationTime.Time().Format(time.DateTime))
	fmt.Println(g.UID()) // the series' UID: the clean id in hex
	fmt.Println(g.IsInstanceOf(g.Clean()), len(g.Check()))
	// Output:
	// 2011-01-18 2010-04-19 17:44:05
	// 040000008200E00074C5B7101A82E00800000000C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B
	// true 0
}

func ExampleFromUID() {
	// A meeting from another calendar system keeps its UID in the
	// vCal-Uid form; an exception carries its original date.
	g, err := goid.FromUID("{81412D3C-2A24-4E9D-B20E-11F7BBE92799}", time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Form(), g.Size, g.UID())
	clean, _ := goid.FromUID(g.UID(), time.Time{})
	fmt.Println(g.IsInstanceOf(clean))
	// Output:
	// vCal-Uid 51 {81412D3C-2A24-4E9D-B20E-11F7BBE92799}
	// true
}

func ExampleGlobalObjectID_CheckClean() {
	// An exception's id stored by mistake as PidLidCleanGlobalObjectId.
	b, _ := hex.DecodeString("040000008200E00074C5B7101A82E00807DB0112C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B")
	g, _ := goid.Parse(b)
	for _, f := range g.CheckClean() {
		fmt.Println(f.Severity, f.Code, f.Path)
	}
	// Output:
	// error GOID_CLEAN_HAS_INSTANCE_DATE YH
}

func ExampleNew() {
	series, _ := goid.New(time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC), nil) // 16 random bytes of data
	exception, _ := series.Instance(time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC))
	fmt.Println(exception.IsInstanceOf(series), exception.UID() == series.UID())
	// Output:
	// true true
}
