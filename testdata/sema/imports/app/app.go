// Package app imports from its own module, vendor/, the module cache
// (a module path with upper case, escaped there as !upper) and a package
// that cannot be found.
package app

import (
	"example.com/Upper"
	"example.com/cached/sub"
	"example.com/missing"
	"example.com/vend"

	"ex.com/imports/lib"
)

func Use() {
	t := vend.New()
	t["a"] = append(t["a"], 1)
	var ix sub.Index
	ix.ByName["x"] = 1
	c := upper.Counts()
	c['z']++
	m := missing.Thing()
	m["k"] = 1
	_ = lib.Shared
	var ids [lib.NumNames]int
	_, _, _, _ = ids, lib.Limits, lib.Pick, lib.Grid
	var kinds [lib.KindC]lib.Kind
	_, _ = kinds, lib.KindB.String()
	_, _ = lib.Right, lib.Left
	var alias lib.Alias
	alias["k"] = nil
	var box lib.Box[string, int]
	_ = box.Get("k")
	_ = lib.Paren{}.Keys()
}
