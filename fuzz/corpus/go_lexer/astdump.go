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
	"hash/fnv"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"reflect"
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
}

func (d *dumper) offset(p token.Pos) int {
	if !p.IsValid() {
		return -1
	}
	return d.file.Offset(p)
}

// quote escapes only '"', '\\' and control bytes, so that the C++ side can
// reproduce it without Unicode tables.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (d *dumper) node(indent int, label string, n ast.Node) {
	pad := strings.Repeat("  ", indent)
	v := reflect.ValueOf(n)
	if n == nil || v.IsNil() {
		fmt.Fprintf(d.w, "%s%s: nil\n", pad, label)
		return
	}
	s := v.Elem()
	t := s.Type()
	fmt.Fprintf(d.w, "%s%s: %s %d-%d", pad, label, t.Name(), d.offset(n.Pos()), d.offset(n.End()))
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipField[f.Name] {
			continue
		}
		fv := s.Field(i)
		switch {
		case f.Type == posType:
			fmt.Fprintf(d.w, " %s=%d", f.Name, d.offset(fv.Interface().(token.Pos)))
		case f.Type == tokType:
			fmt.Fprintf(d.w, " %s=%s", f.Name, fv.Interface().(token.Token).String())
		case f.Type.Kind() == reflect.String:
			fmt.Fprintf(d.w, " %s=%s", f.Name, quote(fv.String()))
		case f.Type.Kind() == reflect.Bool:
			fmt.Fprintf(d.w, " %s=%t", f.Name, fv.Bool())
		case f.Type.Kind() == reflect.Int:
			fmt.Fprintf(d.w, " %s=%d", f.Name, fv.Int())
		}
	}
	fmt.Fprintln(d.w)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipField[f.Name] {
			continue
		}
		fv := s.Field(i)
		switch {
		case f.Type.Implements(nodeType):
			var child ast.Node
			if !fv.IsNil() {
				child = fv.Interface().(ast.Node)
			}
			d.node(indent+1, f.Name, child)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Implements(nodeType):
			for j := 0; j < fv.Len(); j++ {
				var child ast.Node
				if e := fv.Index(j); !e.IsNil() {
					child = e.Interface().(ast.Node)
				}
				d.node(indent+1, fmt.Sprintf("%s[%d]", f.Name, j), child)
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
