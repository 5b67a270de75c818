// heapgen reproduces the map memory shapes `mapwarden heap` must name and
// writes heap profiles at two points of the run. Every shape lives in its own
// function so that each allocation site is a line of its own.
//
//	S12: sessions, a package-level map that only grows
//	S13: pending, emptied by a delete loop that keeps its buckets
//	S14: byPrefix, whose keys are substrings of 4 KB records; byPrefixCopy,
//	     the decoy, whose keys are concatenated copies
//	per-object maps: Conn.subs, one small map in each of many structs
//	nested maps: byTenant and its inner maps
//	churn: Cache.entries, replaced by a new map when it is full; dedupe's
//	       local map, made and dropped on every call
//	slice decoy: journal and logBuf, slices that grow by doubling
//
// Usage: heapgen [-rate N] [-scale N] OUTDIR
//
// With the default -rate 1 every allocation is sampled and the profiles are
// exact. OUTDIR receives before.pb.gz (after the first phase), after.pb.gz
// and after.txt (the end, in proto and debug=1 form) and allocs.pb.gz.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
)

type Session struct {
	user string
	data [48]byte
}

// sessions only grows: nothing deletes from it (S12).
var sessions = map[string]*Session{}

func handleLogin(id int) {
	key := "sess-" + strconv.Itoa(id)
	sessions[key] = &Session{user: key}
}

type Entry struct {
	body [256]byte
}

// pending is emptied by a delete loop, which keeps its buckets (S13).
var pending = map[int]*Entry{}

func enqueue(id int) {
	pending[id] = &Entry{}
}

func flushAll() {
	for k := range pending {
		delete(pending, k)
	}
}

var (
	byPrefix     = map[string]int{}
	byPrefixCopy = map[string]int{}
)

// indexRecord keys by a substring, which keeps the whole record alive (S14).
func indexRecord(raw []byte, n int) {
	rec := string(raw)
	byPrefix[rec[:16]] = n
}

// indexRecordCopy keys by a concatenation: a copy, and the record is freed.
func indexRecordCopy(raw []byte, n int) {
	rec := string(raw)
	byPrefixCopy[rec[:8]+rec[8:16]] = n
}

// Conn holds a small map of its own: many instances, one map each.
type Conn struct {
	id   int
	subs map[string]int
}

var conns []*Conn

func newConn(id int) *Conn {
	return &Conn{id: id, subs: make(map[string]int)}
}

func (c *Conn) subscribe(topic string) {
	c.subs[topic]++
}

// byTenant is a map of maps, made lazily per tenant.
var byTenant = map[string]map[string]int{}

func count(tenant, key string) {
	if byTenant[tenant] == nil {
		byTenant[tenant] = make(map[string]int)
	}
	byTenant[tenant][key]++
}

// Cache drops its map when it is full: memory churns but stays bounded.
type Cache struct {
	entries map[string][]byte
}

func (c *Cache) put(k string, v []byte) {
	if len(c.entries) >= 512 {
		c.entries = make(map[string][]byte)
	}
	c.entries[k] = v
}

// dedupe makes and drops a local map on every call.
func dedupe(ids []int) int {
	seen := make(map[int]bool)
	for _, id := range ids {
		seen[id] = true
	}
	return len(seen)
}

// Registry.byName is made by NewRegistry, but the zero Registry in
// fallback would panic on its first write: `mapwarden check` reports that
// write (MW102), and the heap report lists the finding with the map.
type Registry struct {
	byName map[string]int
}

var fallback Registry

func NewRegistry() *Registry {
	return &Registry{byName: make(map[string]int)}
}

func (r *Registry) add(name string) {
	r.byName[name]++
}

// addFallback is never called in this run.
func addFallback(name string) {
	fallback.add(name)
}

var registry = NewRegistry()

// hits is written only through tally, which takes the map as a parameter:
// the report names hits, the map every caller passes.
var hits = map[string]int{}

func tally(counts map[string]int, key string) {
	counts[key]++
}

// A Blob is as large as one bucket of blobs (8+64+64+8 bytes): the report
// must charge the Blobs made on the insert line to the values, not the map.
type Blob struct {
	data [144]byte
}

var blobs = map[int]*Blob{}

func storeBlob(i int) {
	blobs[i] = &Blob{}
}

// The slice decoy: memory that grows by doubling, with no map in sight.
var (
	journal [][]byte
	logBuf  []byte
)

func record(b []byte) {
	journal = append(journal, append([]byte(nil), b...))
	logBuf = append(logBuf, b...)
}

func writeProfile(dir, name string, debug int, kind string) {
	runtime.GC()
	runtime.GC()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup(kind).WriteTo(f, debug); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func phase(from, to, scale int, cache *Cache) {
	for i := from * scale; i < to*scale; i++ {
		handleLogin(i)
	}
	for i := from; i < to; i++ {
		if i%100 == 0 {
			conns = append(conns, newConn(i))
		}
		c := conns[len(conns)-1]
		c.subscribe("topic-" + strconv.Itoa(i%40))
		count("tenant-"+strconv.Itoa(i%16), "key-"+strconv.Itoa(i%1000))
		cache.put("k-"+strconv.Itoa(i), make([]byte, 32))
		if i%8 == 0 {
			record(make([]byte, 100))
		}
		registry.add("name-" + strconv.Itoa(i%2000))
		tally(hits, "page-"+strconv.Itoa(i%3000))
		if i < 3000 {
			storeBlob(i)
		}
	}
	raw := make([]byte, 4096)
	for i := from / 10; i < to/10; i++ {
		copy(raw, fmt.Sprintf("record-%08d", i))
		indexRecord(raw, i)
		indexRecordCopy(raw, i)
	}
	ids := make([]int, 300)
	for i := range ids {
		ids[i] = i
	}
	for i := 0; i < 50; i++ {
		dedupe(ids)
	}
}

func main() {
	rate := flag.Int("rate", 1, "runtime.MemProfileRate")
	scale := flag.Int("scale", 1, "multiplies the number of sessions")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: heapgen [-rate N] [-scale N] OUTDIR")
		os.Exit(2)
	}
	runtime.MemProfileRate = *rate
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cache := &Cache{entries: make(map[string][]byte)}
	phase(0, 10000, *scale, cache)
	writeProfile(dir, "before.pb.gz", 0, "heap")
	phase(10000, 30000, *scale, cache)
	for i := 0; i < 20000; i++ {
		enqueue(i)
	}
	flushAll()
	writeProfile(dir, "after.pb.gz", 0, "heap")
	writeProfile(dir, "after.txt", 1, "heap")
	writeProfile(dir, "allocs.pb.gz", 0, "allocs")
	runtime.KeepAlive(cache)
	if *scale < 0 {
		addFallback("never")
	}
}
