// leakysvc is the bundled demo: a small "service" with the map defects
// mapwarden exists to find. It handles simulated requests, then writes heap
// and goroutine profiles at two points in time.
//
//   - sessions only grows: nothing ever deletes from it (S12).
//   - the per-tenant cache is emptied with a delete loop, which keeps its
//     buckets allocated (S13).
//   - ids keeps 8-byte substrings of 4 KiB request bodies as keys, so each
//     key pins its whole body (S14).
//   - a worker whose send is never received leaks per request (R3).
//   - limits.go has two latent nil-map writes that `mapwarden check` finds
//     in the source (S2): a decoded map field, and a field a constructor
//     forgets. The demo's inputs never reach them.
//
// Usage: leakysvc OUTDIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

type session struct {
	user  string
	attrs map[string]string
}

var sessions = map[string]*session{}

type tenantCache struct {
	entries map[int][]byte
}

var caches = map[string]*tenantCache{}

var ids = map[string]int{}

var results = make(chan int)

func handleLogin(i int) {
	id := fmt.Sprintf("sess-%08d", i)
	sessions[id] = &session{user: fmt.Sprint("user", i%97), attrs: map[string]string{"ip": "10.0.0.1"}}
}

func warmCache(tenant string, n int) {
	c := caches[tenant]
	if c == nil {
		c = &tenantCache{entries: map[int][]byte{}}
		caches[tenant] = c
	}
	for i := 0; i < n; i++ {
		c.entries[i] = make([]byte, 256)
	}
}

func resetCache(tenant string) {
	c := caches[tenant]
	for k := range c.entries {
		delete(c.entries, k)
	}
}

func indexRequest(i int) {
	body := strings.Repeat(fmt.Sprintf("%08d", i), 512)
	ids[body[:8]] = i
}

func startWorker(i int) {
	go func() { results <- i }()
}

func snapshot(dir, name string) {
	runtime.GC()
	for _, kind := range []string{"heap", "goroutine"} {
		f, err := os.Create(filepath.Join(dir, name+"-"+kind+".pb.gz"))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup(kind).WriteTo(f, 0); err != nil {
			panic(err)
		}
		f.Close()
	}
	f, err := os.Create(filepath.Join(dir, name+"-goroutine.txt"))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, 2); err != nil {
		panic(err)
	}
	f.Close()
}

func serve(from, to int) {
	for i := from; i < to; i++ {
		handleLogin(i)
		indexRequest(i)
		if i%100 == 0 {
			startWorker(i)
		}
	}
	for t := 0; t < 4; t++ {
		tenant := fmt.Sprint("tenant-", t)
		warmCache(tenant, 2000)
		resetCache(tenant)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: leakysvc OUTDIR")
		os.Exit(2)
	}
	runtime.MemProfileRate = 4096
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	limits, err := loadLimits([]byte(`{"default": 100, "perTenant": {"t1": 10}}`))
	if err != nil {
		panic(err)
	}
	st := newStats()
	st.record("t1", limits.PerTenant["t1"] > 0)
	serve(0, 5000)
	snapshot(dir, "t1")
	serve(5000, 20000)
	snapshot(dir, "t2")
}
