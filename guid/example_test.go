package guid_test

import (
	"fmt"

	"github.com/mapiblob/mapiblob/guid"
)

// Turn the GUID of an ExMerge.log line into what ADSI Edit wants.
func Example() {
	g, err := guid.Parse(`C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Format(guid.FormADSI))
	fmt.Println(g)
	fmt.Println(g.Format(guid.FormLDAP))
	// Output:
	// 43 03 96 66 5D B1 3B 44 81 99 1F 91 43 32 5B 37
	// {66960343-B15D-443B-8199-1F9143325B37}
	// \43\03\96\66\5D\B1\3B\44\81\99\1F\91\43\32\5B\37
}

func ExampleGUID_Format() {
	g := guid.MustParse("{66960343-B15D-443B-8199-1F9143325B37}")
	fmt.Println(g.Format(guid.FormExMerge))
	fmt.Println(g.Format(guid.FormBase64))
	// Output:
	// C\03\96f\5D\B1\3BD\81\99\1F\91C2\5B7
	// QwOWZl2xO0SBmR+RQzJbNw==
}
