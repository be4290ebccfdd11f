package pst_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/pst"
)

// Write a PST with a calendar folder, then open it and list its folders
// and messages.
func Example() {
	meeting := item.New(
		item.MustProp("PidTagMessageClass", item.Unicode("IPM.Appointment")),
		item.MustProp("PidTagSubject", item.Unicode("Weekly sync")),
		item.MustProp("PidLidLocation", item.Unicode("Room 4")),
	)
	var buf bytes.Buffer
	err := pst.Write(&buf, pst.WriteOptions{CryptMethod: pst.CryptPermute},
		&pst.Tree{Name: "Calendar", ContainerClass: "IPF.Appointment", Messages: []*item.Item{meeting}})
	if err != nil {
		panic(err)
	}

	b := buf.Bytes()
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		panic(err)
	}
	for fo := range f.Folders() {
		fmt.Printf("%s %q %d\n", fo.Path, fo.ContainerClass, fo.ContentCount)
		for it, err := range fo.Messages() {
			if err != nil {
				fmt.Println("  unreadable:", err)
				continue
			}
			fmt.Println(" ", it.Path, it.Get("PidTagSubject").Value.Str, it.Get("PidLidLocation").Value.Str)
		}
	}
	// Output:
	// / "" 0
	// /Top of Personal Folders "" 0
	// /Top of Personal Folders/Calendar "IPF.Appointment" 1
	//   /Top of Personal Folders/Calendar/[nid 0x200024] Weekly sync Room 4
	// /Top of Personal Folders/Deleted Items "" 0
}

// Open tells a PST from other files by its header.
func ExampleOpen() {
	_, err := pst.Open(bytes.NewReader([]byte("not a mailbox")), 13)
	fmt.Println(err)
	// Output: not a PST or OST file (no !BDN signature)
}

// Messages yields an unreadable message as an error naming its folder
// and node id, and goes on with the others.
func ExampleFolder_Messages() {
	var buf bytes.Buffer
	msgs := []*item.Item{
		item.New(item.MustProp("PidTagSubject", item.Unicode("first"))),
		item.New(item.MustProp("PidTagSubject", item.Unicode("second"))),
	}
	if err := pst.Write(&buf, pst.WriteOptions{}, &pst.Tree{Name: "Inbox", Messages: msgs}); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	// Damage the first message's data block: its properties' heap.
	i := bytes.Index(b, item.EncodeUTF16("first"))
	b[i] ^= 0xFF
	f, err := pst.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		panic(err)
	}
	for fo := range f.Folders() {
		if fo.Name != "Inbox" {
			continue
		}
		for it, err := range fo.Messages() {
			var me *pst.MessageError
			if errors.As(err, &me) {
				fmt.Printf("unreadable: node 0x%X in %s (CRC: %v)\n", me.NID, me.Folder, errors.Is(err, pst.ErrCRC))
				continue
			}
			fmt.Println(it.Get("PidTagSubject").Value.Str)
		}
	}
	// Output:
	// unreadable: node 0x200024 in /Top of Personal Folders/Inbox (CRC: true)
	// second
}
