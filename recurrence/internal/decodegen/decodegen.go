// Package decodegen writes recurrence's specialised exception decoders,
// zz_decode_fields.go, from the field tables infoFields and extFields.
//
// The tables are unexported values of package recurrence, so no other
// program can import them; decodegen reads them instead from the
// package's committed source (its non-test, non-generated .go files): the
// keyed literals of the two tables (name, name1, name2, kind, flags,
// highlight, and the fields off, off2 and span locate as
// at(&ex.Info.SubjectLength)), the structs those selectors walk, and the
// constants the flags name. It reads nothing else, and refuses a table it
// cannot read exactly; recurrence's tests check that what it read is what
// the package is built with, and that the decoders it writes read every
// blob as the tables do.
package decodegen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/constant"
	"go/format"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Field is one element of a field table, as its literal says.
type Field struct {
	Name, Name1, Name2 string
	Kind               string // kindU16, kindU32, kindDate, kindText8, kindText16, kindBlock or kindHighlight
	Flags              uint16 // the OverrideFlags bits that make the field present (0: always)
	Highlight          bool   // present only when WriterVersion2 ≥ 0x3009
	Off, Off2, Span    string // the selectors of at(&ex.…): "Info.SubjectLength"; "" when not given
	OffType            string // the Go type of the field at Off (Minutes, OverrideFlags, uint32, uint16)
}

// Table is one field table and the decoder written from it.
type Table struct {
	Var    string // infoFields
	Record string // ExceptionInfo
	Func   string // decodeInfos
	File   string // the file that holds the table's literal
	Fields []Field
}

// tables are the field tables and the decoders written from them.
var tables = []Table{
	{Var: "infoFields", Record: "ExceptionInfo", Func: "decodeInfos"},
	{Var: "extFields", Record: "ExtendedException", Func: "decodeExts"},
}

// GenerateFrom returns zz_decode_fields.go for the package in dir;
// gendecode and recurrence's TestGenerated both run it.
func GenerateFrom(dir string) ([]byte, error) {
	ts, err := ReadTables(dir)
	if err != nil {
		return nil, err
	}
	return Generate(ts)
}

// pkg is what decodegen reads of a package's source.
type pkg struct {
	fset   *token.FileSet
	types  map[string]ast.Expr
	consts map[string]ast.Expr
	vars   map[string]*ast.ValueSpec
	files  map[string]string // a var's file
}

// ReadTables reads the field tables from the source of the package in dir.
func ReadTables(dir string) ([]Table, error) {
	p, err := parse(dir)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(tables)
	for i := range out {
		t := &out[i]
		spec, ok := p.vars[t.Var]
		if !ok || len(spec.Names) != 1 || len(spec.Values) != 1 {
			return nil, fmt.Errorf("%s: no var %s = []field{…} of its own", dir, t.Var)
		}
		t.File = p.files[t.Var]
		lit, ok := spec.Values[0].(*ast.CompositeLit)
		if !ok || len(lit.Elts) == 0 {
			return nil, p.errorf(spec.Values[0], "%s is not a literal []field{…}", t.Var)
		}
		if at, ok := lit.Type.(*ast.ArrayType); !ok || at.Len != nil || !isIdent(at.Elt, "field") {
			return nil, p.errorf(lit, "%s is not a literal []field{…}", t.Var)
		}
		for k, e := range lit.Elts {
			f, err := p.field(e)
			if err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", t.Var, k, err)
			}
			t.Fields = append(t.Fields, f)
		}
	}
	return out, nil
}

func parse(dir string) (*pkg, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	p := &pkg{fset: token.NewFileSet(), types: map[string]ast.Expr{}, consts: map[string]ast.Expr{}, vars: map[string]*ast.ValueSpec{}, files: map[string]string{}}
	n := 0
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, "zz_") {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, base); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		f, err := parser.ParseFile(p.fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "recurrence" {
			return nil, fmt.Errorf("%s: package %s, want recurrence", name, f.Name.Name)
		}
		n++
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range g.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					p.types[s.Name.Name] = s.Type
				case *ast.ValueSpec:
					for i, id := range s.Names {
						switch {
						case g.Tok == token.CONST && len(s.Values) == len(s.Names):
							p.consts[id.Name] = s.Values[i]
						case g.Tok == token.VAR:
							p.vars[id.Name] = s
							p.files[id.Name] = base
						}
					}
				}
			}
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: no Go source", dir)
	}
	return p, nil
}

func (p *pkg) errorf(n ast.Node, format string, args ...any) error {
	pos := p.fset.Position(n.Pos())
	return fmt.Errorf("%s:%d: %s", filepath.Base(pos.Filename), pos.Line, fmt.Sprintf(format, args...))
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// kinds are the field kinds, with the size of the fixed ones (0: the
// kind's bytes follow its length fields).
var kinds = map[string]int{"kindU16": 2, "kindU32": 4, "kindDate": 4, "kindText8": 0, "kindText16": 0, "kindBlock": 0, "kindHighlight": 0}

// field reads one keyed element of a table.
func (p *pkg) field(e ast.Expr) (Field, error) {
	var f Field
	lit, ok := e.(*ast.CompositeLit)
	if !ok || lit.Type != nil {
		return f, p.errorf(e, "not a field{…} literal")
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return f, p.errorf(el, "an element without its key")
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			return f, p.errorf(kv.Key, "a key that is not a field name")
		}
		var err error
		switch key.Name {
		case "name":
			f.Name, err = p.str(kv.Value)
		case "name1":
			f.Name1, err = p.str(kv.Value)
		case "name2":
			f.Name2, err = p.str(kv.Value)
		case "kind":
			id, ok := kv.Value.(*ast.Ident)
			if !ok {
				return f, p.errorf(kv.Value, "kind: not a kind constant")
			}
			if _, known := kinds[id.Name]; !known {
				return f, p.errorf(kv.Value, "kind %s: decodegen writes no decoder for it", id.Name)
			}
			f.Kind = id.Name
		case "flags":
			f.Flags, err = p.flags(kv.Value)
		case "highlight":
			switch {
			case isIdent(kv.Value, "true"):
				f.Highlight = true
			case !isIdent(kv.Value, "false"):
				err = p.errorf(kv.Value, "highlight: not true or false")
			}
		case "off":
			f.Off, err = p.at(kv.Value)
		case "off2":
			f.Off2, err = p.at(kv.Value)
		case "span":
			f.Span, err = p.at(kv.Value)
		}
		if err != nil {
			return f, err
		}
	}
	if f.Name == "" || f.Kind == "" || f.Off == "" {
		return f, p.errorf(e, "a field needs name, kind and off")
	}
	return f, p.check(&f, e)
}

func (p *pkg) str(e ast.Expr) (string, error) {
	if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
		return strconv.Unquote(b.Value)
	}
	return "", p.errorf(e, "not a string literal")
}

// flags evaluates an OverrideFlags expression: constants of the package
// and literals, or-ed together.
func (p *pkg) flags(e ast.Expr) (uint16, error) {
	v, err := p.eval(e, 0)
	if err != nil {
		return 0, err
	}
	u, ok := constant.Uint64Val(v)
	if !ok || u > 0xFFFF {
		return 0, p.errorf(e, "flags: %v is not a 16-bit value", v)
	}
	return uint16(u), nil
}

func (p *pkg) eval(e ast.Expr, depth int) (constant.Value, error) {
	if depth > 16 {
		return nil, p.errorf(e, "flags: constants nest too deep")
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.INT {
			return constant.MakeFromLiteral(e.Value, e.Kind, 0), nil
		}
	case *ast.ParenExpr:
		return p.eval(e.X, depth+1)
	case *ast.Ident:
		if c, ok := p.consts[e.Name]; ok {
			return p.eval(c, depth+1)
		}
		return nil, p.errorf(e, "flags: %s is not a constant of the package with a value of its own", e.Name)
	case *ast.BinaryExpr:
		if e.Op == token.OR {
			x, err := p.eval(e.X, depth+1)
			if err != nil {
				return nil, err
			}
			y, err := p.eval(e.Y, depth+1)
			if err != nil {
				return nil, err
			}
			return constant.BinaryOp(x, token.OR, y), nil
		}
	}
	return nil, p.errorf(e, "flags: only integer literals and constants, or-ed, are read")
}

// at reads at(&ex.A.B) as "A.B".
func (p *pkg) at(e ast.Expr) (string, error) {
	call, ok := e.(*ast.CallExpr)
	if !ok || !isIdent(call.Fun, "at") || len(call.Args) != 1 {
		return "", p.errorf(e, "not at(&ex.…)")
	}
	u, ok := call.Args[0].(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return "", p.errorf(e, "not at(&ex.…)")
	}
	var path []string
	x := u.X
	for {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			break
		}
		path = append(path, sel.Sel.Name)
		x = sel.X
	}
	if !isIdent(x, "ex") || len(path) == 0 {
		return "", p.errorf(e, "not at(&ex.…)")
	}
	slices.Reverse(path)
	return strings.Join(path, "."), nil
}

// check finds the types of the fields f's selectors reach in Exception
// (the type of the package's var ex) and checks them against f's kind.
func (p *pkg) check(f *Field, at ast.Expr) error {
	ex, ok := p.vars["ex"]
	if !ok || len(ex.Names) != 1 || !isIdent(ex.Type, "Exception") {
		return p.errorf(at, "no var ex Exception for at(&ex.…)")
	}
	num := func(path string, size int) (string, error) {
		t, err := p.fieldType("Exception", path)
		if err != nil {
			return "", p.errorf(at, "%s: %v", path, err)
		}
		id, ok := t.(*ast.Ident)
		if !ok || p.size(id.Name, 0) != size {
			return "", p.errorf(at, "%s: not a %d-byte unsigned integer", path, size)
		}
		return id.Name, nil
	}
	span := func(path string) error {
		t, err := p.fieldType("Exception", path)
		if err != nil {
			return p.errorf(at, "%s: %v", path, err)
		}
		if sel, ok := t.(*ast.SelectorExpr); !ok || !isIdent(sel.X, "wire") || sel.Sel.Name != "Span" {
			return p.errorf(at, "span %s: not a wire.Span", path)
		}
		return nil
	}
	if size := kinds[f.Kind]; size != 0 {
		if f.Off2 != "" || f.Span != "" {
			return p.errorf(at, "%s: a %s has no off2 or span", f.Name, f.Kind)
		}
		var err error
		f.OffType, err = num(f.Off, size)
		return err
	}
	first, second := 4, 4 // the sizes of the fields at off and off2 (0: none)
	switch f.Kind {
	case "kindText8":
		first, second = 2, 2
	case "kindText16":
		first, second = 2, 0
	case "kindBlock":
		second = 0
	}
	var err error
	if f.OffType, err = num(f.Off, first); err != nil {
		return err
	}
	if (f.Off2 != "") != (second != 0) {
		return p.errorf(at, "%s: off2 given or missing for a %s", f.Name, f.Kind)
	}
	if second != 0 {
		if _, err := num(f.Off2, second); err != nil {
			return err
		}
	}
	if f.Span == "" {
		return p.errorf(at, "%s: a %s needs a span", f.Name, f.Kind)
	}
	return span(f.Span)
}

// fieldType is the type of the field at path (A.B) of struct type name.
func (p *pkg) fieldType(name, path string) (ast.Expr, error) {
	head, rest, more := strings.Cut(path, ".")
	st, ok := p.types[name].(*ast.StructType)
	if !ok {
		return nil, fmt.Errorf("%s is not a struct type of the package", name)
	}
	for _, fl := range st.Fields.List {
		for _, n := range fl.Names {
			if n.Name != head {
				continue
			}
			if !more {
				return fl.Type, nil
			}
			id, ok := fl.Type.(*ast.Ident)
			if !ok {
				return nil, fmt.Errorf("%s.%s is not a struct of the package", name, head)
			}
			return p.fieldType(id.Name, rest)
		}
	}
	return nil, fmt.Errorf("%s has no field %s", name, head)
}

// size is the size of an unsigned integer type, through the package's
// named types (Minutes is a uint32); 0 for any other type.
func (p *pkg) size(name string, depth int) int {
	switch name {
	case "uint16":
		return 2
	case "uint32":
		return 4
	}
	if id, ok := p.types[name].(*ast.Ident); ok && depth < 8 {
		return p.size(id.Name, depth+1)
	}
	return 0
}

// Generate writes one function per table that reads the records of a run
// of exceptions straight from the bytes, field by field in table order,
// each read guarded by one length check (consecutive fixed-size fields
// with the same presence share one), and stops at the first record that
// does not fit; decodeFields then reads that record again to name the
// error.
func Generate(ts []Table) ([]byte, error) {
	var g writer
	var files []string
	for _, t := range ts {
		if !slices.Contains(files, t.File) {
			files = append(files, t.File)
		}
	}
	g.p("// Code generated by gendecode from the field tables of %s; DO NOT EDIT.", strings.Join(files, " and "))
	g.p("")
	g.p("package recurrence")
	g.p("")
	g.p(`import "github.com/mapiblob/mapiblob/internal/wire"`)
	g.p("")
	for _, t := range ts {
		if err := g.table(t.Func, t.Record, t.Fields); err != nil {
			return nil, err
		}
	}
	return format.Source(g.b.Bytes())
}

type writer struct{ b bytes.Buffer }

func (g *writer) p(format string, args ...any) { fmt.Fprintf(&g.b, format+"\n", args...) }

// cond is the Go condition under which f is present ("" always).
func cond(f *Field) string {
	var c []string
	if f.Flags != 0 {
		c = append(c, fmt.Sprintf("f&0x%04X != 0", f.Flags))
	}
	if f.Highlight {
		c = append(c, "highlight")
	}
	return strings.Join(c, " && ")
}

func (g *writer) table(name, rec string, fs []Field) error {
	g.p("// %s reads the %s of es from buf, starting at offset p, and", name, rec)
	g.p("// returns the offset after the last record it read whole and how many")
	g.p("// it read: fewer than len(es) when one does not fit, which decodeFields")
	g.p("// then reads again to build the error.")
	g.p("func %s(buf []byte, p int, es []Exception, highlight bool) (int, int) {", name)
	g.p("for i := range es {")
	g.p("e := &es[i]")
	g.p("b := buf[p:]")
	g.p("q := 0 // bytes of b used")
	flagsRead := false
	for k := 0; k < len(fs); {
		f := &fs[k]
		if f.Flags != 0 && !flagsRead {
			g.p("f := e.Info.OverrideFlags")
			flagsRead = true
		}
		c := cond(f)
		if c != "" {
			g.p("if %s {", c)
		} else {
			g.p("{")
		}
		if kinds[f.Kind] != 0 {
			// a run of fixed-size fields under the same condition
			end, size := k, 0
			for end < len(fs) && kinds[fs[end].Kind] != 0 && cond(&fs[end]) == c {
				size += kinds[fs[end].Kind]
				end++
			}
			g.p("if len(b)-q < %d { return p, i }", size)
			g.p("s := b[q : q+%d : q+%d]", size, size)
			at := 0
			for ; k < end; k++ {
				f := &fs[k]
				load := fmt.Sprintf("le.Uint32(s[%d:])", at)
				if f.Kind == "kindU16" {
					load = fmt.Sprintf("le.Uint16(s[%d:])", at)
				}
				if f.OffType != "uint32" && f.OffType != "uint16" {
					load = f.OffType + "(" + load + ")"
				}
				g.p("e.%s = %s // %s", f.Off, load, f.Name)
				at += kinds[f.Kind]
			}
			g.p("q += %d", size)
			g.p("}")
			continue
		}
		switch f.Kind {
		case "kindText8":
			g.p("if len(b)-q < 4 { return p, i }")
			g.p("e.%s = le.Uint16(b[q:]) // %s", f.Off, f.Name1)
			g.p("n := le.Uint16(b[q+2:])")
			g.p("e.%s = n // %s", f.Off2, f.Name2)
			g.p("q += 4")
			g.p("if len(b)-q < int(n) { return p, i }")
			g.p("e.%s = wire.Span{Off: uint32(p + q), Len: uint32(n)} // %s", f.Span, f.Name)
			g.p("q += int(n)")
		case "kindText16":
			g.p("if len(b)-q < 2 { return p, i }")
			g.p("n := le.Uint16(b[q:])")
			g.p("e.%s = n // %s", f.Off, f.Name1)
			g.p("q += 2")
			g.p("if len(b)-q < 2*int(n) { return p, i }")
			g.p("e.%s = wire.Span{Off: uint32(p + q), Len: 2 * uint32(n)} // %s", f.Span, f.Name)
			g.p("q += 2 * int(n)")
		case "kindBlock":
			g.p("if len(b)-q < 4 { return p, i }")
			g.p("n := le.Uint32(b[q:])")
			g.p("e.%s = n // %s", f.Off, f.Name1)
			g.p("q += 4")
			g.p("if uint64(n) > uint64(len(b)-q) { return p, i }")
			g.p("e.%s = wire.Span{Off: uint32(p + q), Len: n} // %s", f.Span, f.Name)
			g.p("q += int(n)")
		case "kindHighlight":
			g.p("if len(b)-q < 4 { return p, i }")
			g.p("n := le.Uint32(b[q:])")
			g.p("if n < 4 || uint64(n) > uint64(len(b)-q-4) { return p, i }")
			g.p("e.%s = n // %s.%s", f.Off, f.Name, f.Name1)
			g.p("e.%s = le.Uint32(b[q+4:]) // %s.%s", f.Off2, f.Name, f.Name2)
			g.p("q += 8")
			g.p("e.%s = wire.Span{Off: uint32(p + q), Len: n - 4} // %s.Reserved", f.Span, f.Name)
			g.p("q += int(n - 4)")
		default:
			return fmt.Errorf("%s.%s: kind %s has no generated decoder", rec, f.Name, f.Kind)
		}
		g.p("}")
		k++
	}
	g.p("p += q")
	g.p("}")
	g.p("return p, len(es)")
	g.p("}")
	g.p("")
	return nil
}
