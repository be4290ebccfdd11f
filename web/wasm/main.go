//go:build js && wasm

// Command wasm is the web page's thin adapter over the library: it
// registers JavaScript functions that call explain.Explain and explain.Bytes and return its
// result as JSON. No rule lives here.
package main

import (
	"encoding/json"
	"syscall/js"
	_ "time/tzdata" // zone rules for repairs and series: the browser has no zone database

	"github.com/mapiblob/mapiblob"
	"github.com/mapiblob/mapiblob/explain"
)

func options(v js.Value) explain.Options {
	var o explain.Options
	if v.Type() == js.TypeString {
		_ = json.Unmarshal([]byte(v.String()), &o) // a bad option string leaves the defaults
	}
	return o
}

func result(x *explain.Explanation) any {
	b, err := json.Marshal(x)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"input": explain.InputInvalid, "error": err.Error()})
	}
	return string(b)
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func main() {
	// mapiblobExplain(text, optionsJSON) → explanation JSON
	js.Global().Set("mapiblobExplain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return result(explain.Explain(arg(args, 0).String(), options(arg(args, 1))))
	}))
	// mapiblobExplainBytes(uint8Array, optionsJSON) → explanation JSON
	js.Global().Set("mapiblobExplainBytes", js.FuncOf(func(_ js.Value, args []js.Value) any {
		a := arg(args, 0)
		b := make([]byte, a.Get("length").Int())
		js.CopyBytesToGo(b, a)
		return result(explain.Bytes(b, options(arg(args, 1))))
	}))
	// mapiblobZones() → the Windows zone names to pick from, as JSON
	js.Global().Set("mapiblobZones", js.FuncOf(func(_ js.Value, _ []js.Value) any {
		b, _ := json.Marshal(explain.ZoneNames())
		return string(b)
	}))
	// mapiblobKinds() → the structures to choose from, as JSON
	js.Global().Set("mapiblobKinds", js.FuncOf(func(_ js.Value, _ []js.Value) any {
		b, _ := json.Marshal(explain.Kinds())
		return string(b)
	}))
	js.Global().Set("mapiblobVersion", mapiblob.Version)
	js.Global().Call("mapiblobReady")
	select {}
}
