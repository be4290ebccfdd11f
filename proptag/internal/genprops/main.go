// Command genprops writes proptag's property table from the shared facts
// table mapi-properties.tsv (see ../shared/data/README.md beside the
// checkout). proptag runs it with `go generate ./proptag`:
//
//	go run ./internal/genprops -tsv ../../shared/data/mapi-properties.tsv -o zz_generated.go
//
// The output is committed, so building the module never needs ../shared.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/mapiblob/mapiblob/proptag/internal/propsgen"
)

func main() {
	tsv := flag.String("tsv", "../../shared/data/mapi-properties.tsv", "facts table to read (relative paths are relative to the proptag directory under go generate)")
	out := flag.String("o", "zz_generated.go", "output file, or - for standard output")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("genprops: ")
	data, err := os.ReadFile(*tsv)
	if err != nil {
		log.Fatal(err)
	}
	src, err := propsgen.Generate(data)
	if err != nil {
		log.Fatalf("%s: %v", *tsv, err)
	}
	if *out == "-" {
		_, err = os.Stdout.Write(src)
	} else {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		log.Fatal(err)
	}
}
