// Command cldrtable writes the facts table windows-zones.tsv from CLDR's
// supplemental/windowsZones.json, to take a newer CLDR release (see
// tzdef/internal/data/README.md); `go generate` never runs it.
//
//	go run ./internal/cldrtable -json PATH/windowsZones.json -version 48.2.0 > internal/data/windows-zones.tsv
package main

import (
	"flag"
	"log"
	"os"

	"github.com/mapiblob/mapiblob/tzdef/internal/cldrgen"
)

func main() {
	in := flag.String("json", "", "CLDR's supplemental/windowsZones.json")
	version := flag.String("version", "", "the version of the npm package cldr-core it comes from, such as 48.2.0")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("cldrtable: ")
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	tsv, err := cldrgen.TableFromJSON(data, *version)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stdout.Write(tsv); err != nil {
		log.Fatal(err)
	}
}
