// profilegen runs small workloads with map growth, map deletes, leaking
// goroutines, lock contention and CPU work, and writes every profile the
// runtime offers, in proto form and, where it exists, debug=1 text.
//
// Usage: profilegen OUTDIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

// sessions only grows: the S12 shape.
var sessions = map[string][]byte{}

// cache is filled, then emptied by a delete loop that keeps its buckets: S13.
var cache = map[int]string{}

type registry struct {
	mu    sync.Mutex
	items map[string]*record
}

type record struct {
	payload []byte
	tags    map[string]string
}

func handle(id int) {
	sessions[fmt.Sprintf("session-%d", id)] = make([]byte, 64)
}

func fillCache(n int) {
	for i := 0; i < n; i++ {
		cache[i] = strings.Repeat("x", 32)
	}
}

func drainCache() {
	for k := range cache {
		delete(cache, k)
	}
}

func (r *registry) add(key string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items[key] = &record{payload: make([]byte, 128), tags: map[string]string{"k": key}}
}

func nested(n int) map[string]map[int]int {
	m := map[string]map[int]int{}
	for i := 0; i < n; i++ {
		k := fmt.Sprint(i % 10)
		if m[k] == nil {
			m[k] = map[int]int{}
		}
		m[k][i] = i
	}
	return m
}

var leaked = make(chan int)
var keep []interface{}

func leak(n int) {
	for i := 0; i < n; i++ {
		go func() { leaked <- 1 }()
	}
}

func contend(r *registry, workers, per int) {
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < per; i++ {
				r.add(fmt.Sprintf("%d-%d", w, i))
			}
		}(w)
	}
	wg.Wait()
}

func burn(d time.Duration) int {
	deadline := time.Now().Add(d)
	x := 0
	m := map[int]int{}
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			m[i%512] += i
			x += m[(i*7)%512]
		}
	}
	return x
}

func write(dir, name string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup(strings.SplitN(name, ".", 2)[0]).WriteTo(f, debug); err != nil {
		panic(err)
	}
	f.Close()
}

func writeAll(dir, prefix string, kinds ...string) {
	for _, k := range kinds {
		p := pprof.Lookup(k)
		for _, d := range []int{0, 1} {
			ext := ".pb.gz"
			if d == 1 {
				ext = ".txt"
			}
			f, err := os.Create(filepath.Join(dir, prefix+k+ext))
			if err != nil {
				panic(err)
			}
			if err := p.WriteTo(f, d); err != nil {
				panic(err)
			}
			f.Close()
		}
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: profilegen OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	// Exact profiles by default; PROFILEGEN_RATE=N samples every N bytes, as
	// production services do, to exercise pprof's scaling.
	runtime.MemProfileRate = 1
	if r := os.Getenv("PROFILEGEN_RATE"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil {
			panic(err)
		}
		runtime.MemProfileRate = n
	}
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)

	cpu, err := os.Create(filepath.Join(dir, "cpu.pb.gz"))
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		panic(err)
	}

	r := &registry{items: map[string]*record{}}
	for i := 0; i < 2000; i++ {
		handle(i)
	}
	fillCache(5000)
	runtime.GC()
	writeAll(dir, "before-", "heap")

	for i := 2000; i < 6000; i++ {
		handle(i)
	}
	drainCache()
	keep = append(keep, nested(3000))
	contend(r, 4, 500)
	leak(25)
	keep = append(keep, burn(300*time.Millisecond))
	time.Sleep(50 * time.Millisecond)
	runtime.GC()

	pprof.StopCPUProfile()
	cpu.Close()
	writeAll(dir, "", "heap", "allocs", "goroutine", "mutex", "block", "threadcreate")
	write(dir, "goroutine.debug2.txt", 2)
	runtime.KeepAlive(r)
}
