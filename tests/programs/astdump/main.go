// astdump prints the canonical AST dump that `mapwarden debug ast` prints,
// from go/parser and go/ast, so the two parsers can be compared file by file.
// The format is documented in docs/ast-dump.md.
//
// Usage:
//
//	astdump FILE...          full dumps
//	astdump -hash FILE...    one line per file: "ok FNV64A PATH" or "error PATH: MESSAGE"
//	astdump -hash -list F    the same, for the paths listed one per line in F
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/fnv"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
)

var (
	posType   = reflect.TypeOf(token.NoPos)
	tokType   = reflect.TypeOf(token.ILLEGAL)
	nodeType  = reflect.TypeOf((*ast.Node)(nil)).Elem()
	skipField = map[string]bool{"Obj": true, "Scope": true, "Unresolved": true, "Imports": true}
)

type dumper struct {
	w    *bufio.Writer
	file *token.File
	num  []byte
}

func (d *dumper) offset(p token.Pos) int {
	if !p.IsValid() {
		return -1
	}
	return d.file.Offset(p)
}

func (d *dumper) int(v int) {
	d.num = strconv.AppendInt(d.num[:0], int64(v), 10)
	d.w.Write(d.num)
}

// quote escapes only '"', '\\' and control bytes, so that the C++ side can
// reproduce it without Unicode tables.
func (d *dumper) quote(s string) {
	d.w.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			d.w.WriteByte('\\')
			d.w.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(d.w, "\\x%02x", c)
		default:
			d.w.WriteByte(c)
		}
	}
	d.w.WriteByte('"')
}

type fieldKind int

const (
	fieldPos fieldKind = iota
	fieldTok
	fieldString
	fieldBool
	fieldInt
	fieldNode
	fieldNodes
	fieldOther
)

type field struct {
	index int
	name  string
	kind  fieldKind
}

// nodeLayout is what the dump needs of a node type's fields, worked out once
// per type: reflecting on every field of every node made the oracle the
// slowest part of the conformance test.
type nodeLayout struct {
	name   string
	fields []field
}

var layouts = map[reflect.Type]*nodeLayout{}

func layoutOf(t reflect.Type) *nodeLayout {
	if l := layouts[t]; l != nil {
		return l
	}
	l := &nodeLayout{name: t.Name()}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipField[f.Name] {
			continue
		}
		k := fieldOther
		switch {
		case f.Type == posType:
			k = fieldPos
		case f.Type == tokType:
			k = fieldTok
		case f.Type.Kind() == reflect.String:
			k = fieldString
		case f.Type.Kind() == reflect.Bool:
			k = fieldBool
		case f.Type.Kind() == reflect.Int:
			k = fieldInt
		case f.Type.Implements(nodeType):
			k = fieldNode
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Implements(nodeType):
			k = fieldNodes
		}
		l.fields = append(l.fields, field{i, f.Name, k})
	}
	layouts[t] = l
	return l
}

func (d *dumper) pad(indent int) {
	for i := 0; i < indent; i++ {
		d.w.WriteString("  ")
	}
}

func (d *dumper) node(indent int, label string, n ast.Node) {
	d.pad(indent)
	d.w.WriteString(label)
	v := reflect.ValueOf(n)
	if n == nil || v.IsNil() {
		d.w.WriteString(": nil\n")
		return
	}
	s := v.Elem()
	l := layoutOf(s.Type())
	d.w.WriteString(": ")
	d.w.WriteString(l.name)
	d.w.WriteByte(' ')
	d.int(d.offset(n.Pos()))
	d.w.WriteByte('-')
	d.int(d.offset(n.End()))
	for _, f := range l.fields {
		fv := s.Field(f.index)
		switch f.kind {
		case fieldPos, fieldTok, fieldString, fieldBool, fieldInt:
			d.w.WriteByte(' ')
			d.w.WriteString(f.name)
			d.w.WriteByte('=')
		}
		switch f.kind {
		case fieldPos:
			d.int(d.offset(token.Pos(fv.Int())))
		case fieldTok:
			d.w.WriteString(token.Token(fv.Int()).String())
		case fieldString:
			d.quote(fv.String())
		case fieldBool:
			d.w.WriteString(strconv.FormatBool(fv.Bool()))
		case fieldInt:
			d.int(int(fv.Int()))
		}
	}
	d.w.WriteByte('\n')
	for _, f := range l.fields {
		fv := s.Field(f.index)
		switch f.kind {
		case fieldNode:
			var child ast.Node
			if !fv.IsNil() {
				child = fv.Interface().(ast.Node)
			}
			d.node(indent+1, f.name, child)
		case fieldNodes:
			for j := 0; j < fv.Len(); j++ {
				var child ast.Node
				if e := fv.Index(j); !e.IsNil() {
					child = e.Interface().(ast.Node)
				}
				d.node(indent+1, f.name+"["+strconv.Itoa(j)+"]", child)
			}
		}
	}
}

func dumpFile(w io.Writer, path string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	d := &dumper{w: bw, file: fset.File(f.Package)}
	d.node(0, "File", f)
	return bw.Flush()
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func main() {
	args := os.Args[1:]
	hash := false
	if len(args) > 0 && args[0] == "-hash" {
		hash = true
		args = args[1:]
	}
	if len(args) == 2 && args[0] == "-list" {
		data, err := os.ReadFile(args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		args = strings.Fields(string(data))
	}
	out := bufio.NewWriter(os.Stdout)
	status := 0
	for _, path := range args {
		if !hash {
			if err := dumpFile(out, path); err != nil {
				fmt.Fprintln(os.Stderr, firstLine(err))
				status = 1
			}
			continue
		}
		h := fnv.New64a()
		if err := dumpFile(h, path); err != nil {
			fmt.Fprintf(out, "error %s\n", firstLine(err))
			continue
		}
		fmt.Fprintf(out, "ok %016x %s\n", h.Sum64(), path)
	}
	out.Flush()
	os.Exit(status)
}
