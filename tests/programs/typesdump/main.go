// typesdump prints, for Go packages, the position and canonical type of
// every identifier use, selector, index expression and composite literal,
// as go/types sees them. It is the oracle for `mapwarden debug types`; the
// format is documented in docs/types-dump.md.
//
// Usage: typesdump [-tests] DIR...
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type entry struct {
	pos  token.Position
	kind string
	typ  string
}

func typeString(t types.Type) string {
	return types.TypeString(t, nil) // package-qualified by full import path
}

func describe(info *types.Info, e ast.Expr) (string, bool) {
	if id, ok := e.(*ast.Ident); ok {
		obj := info.Uses[id]
		if obj == nil {
			return "", false
		}
		switch o := obj.(type) {
		case *types.PkgName:
			return "", false
		case *types.TypeName:
			return "type " + typeString(o.Type()), true
		case *types.Builtin:
			return "builtin " + o.Name(), true
		case *types.Nil:
			return "untyped nil", true
		}
	}
	tv, ok := info.Types[e]
	if !ok || tv.Type == nil {
		return "", false
	}
	if tv.IsType() {
		return "type " + typeString(tv.Type), true
	}
	return typeString(tv.Type), true
}

func dumpPackage(w *bufio.Writer, fset *token.FileSet, imp types.Importer, dir string, files []string) error {
	var parsed []*ast.File
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			return err
		}
		parsed = append(parsed, f)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	var firstErr error
	conf := types.Config{Importer: imp, Error: func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}}
	conf.Check(dir, fset, parsed, info) // report what is known even with errors
	if firstErr != nil {
		// Expressions go/types could not type are missing below; say where.
		fmt.Fprintf(w, "# errors %s: %s\n", dir, strings.ReplaceAll(firstErr.Error(), "\n", " "))
	}
	var out []entry
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			var kind string
			switch n.(type) {
			case *ast.Ident:
				kind = "ident"
			case *ast.SelectorExpr:
				kind = "selector"
			case *ast.IndexExpr, *ast.IndexListExpr:
				kind = "index"
			case *ast.CompositeLit:
				kind = "complit"
			default:
				return true
			}
			if s, ok := describe(info, n.(ast.Expr)); ok {
				out = append(out, entry{fset.Position(n.Pos()), kind, s})
			}
			// A value of a named map type: the map it is, as KIND-map.
			if tv, ok := info.Types[n.(ast.Expr)]; ok && tv.Type != nil && !tv.IsType() {
				if _, named := tv.Type.(*types.Named); named {
					if m, ok := tv.Type.Underlying().(*types.Map); ok {
						out = append(out, entry{fset.Position(n.Pos()), kind + "-map", typeString(m)})
					}
				}
			}
			return true
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].pos, out[j].pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return out[i].kind < out[j].kind
	})
	for _, e := range out {
		fmt.Fprintf(w, "%s:%d:%d %s %s\n", e.pos.Filename, e.pos.Line, e.pos.Column, e.kind, e.typ)
	}
	return nil
}

func main() {
	tests := flag.Bool("tests", false, "include _test.go files (external tests as their own package)")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	status := 0
	for _, dir := range flag.Args() {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
			status = 1
			continue
		}
		files := append(append([]string{}, pkg.GoFiles...), pkg.CgoFiles...)
		if *tests {
			files = append(files, pkg.TestGoFiles...)
		}
		if err := dumpPackage(w, fset, imp, dir, files); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
			status = 1
		}
		if *tests && len(pkg.XTestGoFiles) > 0 {
			if err := dumpPackage(w, fset, imp, dir, pkg.XTestGoFiles); err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
				status = 1
			}
		}
	}
	w.Flush()
	os.Exit(status)
}
