// Package idioms holds correct map code that no rule may flag.
package idioms

import "sync"

type Registry struct {
	mu sync.RWMutex
	m  map[string]int
}

func New() *Registry { return &Registry{m: make(map[string]int)} }

func (r *Registry) Set(k string, v int) {
	r.mu.Lock()
	r.m[k] = v
	r.mu.Unlock()
}

func Build(keys []string) map[string]int {
	out := make(map[string]int, len(keys))
	for i, k := range keys {
		out[k] = i
	}
	return out
}

func Group(pairs [][2]string) map[string][]string {
	g := map[string][]string{}
	for _, p := range pairs {
		g[p[0]] = append(g[p[0]], p[1])
	}
	return g
}

func Nested(rows [][3]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, r := range rows {
		if _, ok := out[r[0]]; !ok {
			out[r[0]] = map[string]string{}
		}
		out[r[0]][r[1]] = r[2]
	}
	return out
}

func Suppressed() {
	var m map[string]int
	m["a"] = 1 //mapwarden:ignore MW101 exercised on purpose
	//nolint:mapwarden
	m["b"] = 2
}

var global = map[string]bool{}

func Mark(k string) { global[k] = true }

// A predicate method that compares the map field with nil guards the write
// as the comparison itself would (reduced from cmd/go's overlay tree, where
// file nodes have no children map).
type dirNode struct {
	file     string
	children map[string]*dirNode
}

func (n *dirNode) isDir() bool { return n.file == "" && n.children != nil }

func AddChild(tree map[string]*dirNode, dir, name string) {
	tree[name] = &dirNode{file: name}
	d := tree[dir]
	if d == nil {
		d = &dirNode{children: map[string]*dirNode{}}
		tree[dir] = d
	}
	if !d.isDir() {
		return
	}
	d.children[name] = tree[name]
}

// A map made under a flag that never changes and written only under the
// same flag (reduced from cmd/compile's genssa, whose debug tables exist
// only when printing is on).
func Trace(steps []string, verbose bool) int {
	var at map[string]int
	printing := verbose && len(steps) > 0
	if printing {
		at = make(map[string]int, len(steps))
	}
	n := 0
	for i, s := range steps {
		n += len(s)
		if printing {
			at[s] = i
		}
	}
	return n + len(at)
}

// Two maps made together under one nil check (the Go compiler's inlMarks
// and inlMarksByPos): byPos is made wherever marks is.
func MadeTogether(ps []int) {
	var marks map[int]int32
	var byPos map[int][]int
	for _, p := range ps {
		if marks == nil {
			marks = map[int]int32{}
			byPos = map[int][]int{}
		}
		marks[p] = 1
		byPos[p%8] = append(byPos[p%8], p)
	}
}

// An entry read, filtered, and written back only when something is left
// (Prometheus' MemPostings.Delete): the entry was not empty, so its inner
// map is not nil.
func FilterBack(m map[string]map[string][]int, name, value string, drop map[int]bool) {
	orig := m[name][value]
	kept := make([]int, 0, len(orig))
	for _, id := range orig {
		if !drop[id] {
			kept = append(kept, id)
		}
	}
	if len(kept) > 0 {
		m[name][value] = kept
	} else {
		delete(m[name], value)
	}
}

// A list read from a map that may be nil and written back shortened when
// it had two entries or more (go/types' tests matching errors).
func TrimFirst(index map[string]map[int][]string, file string, line int) {
	byLine := index[file]
	var list []string
	if byLine != nil {
		list = byLine[line]
	}
	if n := len(list) - 1; n > 0 {
		byLine[line] = list[1:]
	}
}

// An inner map changed while ranging over it (grpc-go's test logger): it
// has entries, so it is not nil.
func Decrement(counts map[string]map[string]int, kind string) {
	for k, n := range counts[kind] {
		counts[kind][k]--
		if n <= 1 {
			delete(counts[kind], k)
		}
	}
}
