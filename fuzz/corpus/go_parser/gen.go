// gen writes the benchmark heap profile: every allocation recorded
// (MemProfileRate=1) under a recursive call tree whose 2^19 leaves each make
// a small map, so the profile has about 600k distinct stacks and over a
// million samples, like a large production heap profile.
//
// Usage: gen OUT.pb.gz
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

const depth = 19

var keep = make([]map[int]int, 0, 1<<depth)
var extra = make([][]byte, 0, 1<<depth/7+1)
var leaves int

//go:noinline
func leaf() {
	m := make(map[int]int, 8)
	m[leaves] = leaves
	keep = append(keep, m)
	leaves++
	if leaves%7 == 0 {
		grow()
	}
}

//go:noinline
func grow() {
	extra = append(extra, make([]byte, 48+leaves%64))
}

//go:noinline
func walk(d int) {
	if d == 0 {
		leaf()
		return
	}
	walk(d - 1)
	walk(d - 1)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen OUT.pb.gz")
		os.Exit(2)
	}
	runtime.MemProfileRate = 1
	walk(depth)
	runtime.GC()
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
	runtime.KeepAlive(keep)
	runtime.KeepAlive(extra)
}
