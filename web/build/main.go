// Command build writes the offline web page into a folder (default
// dist/web): go run ./web/build [-o DIR]. Open DIR/index.html from disk or
// serve DIR with any static server.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mapiblob/mapiblob/web"
)

func main() {
	dir := flag.String("o", "dist/web", "the folder to write")
	flag.Parse()
	r, err := web.Build(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "web/build:", err)
		os.Exit(1)
	}
	fmt.Println(r)
}
