// Package facts exercises what `debug facts` reports: map-holding structs
// and where they are built, assignments to map fields, calls of every
// kind, and functions that may return a nil map.
package facts

import (
	"encoding/json"
	"sync"
)

type Registry struct {
	mu    sync.Mutex
	byKey map[string]int
	name  string
}

type Outer struct {
	inner Registry
	list  []Registry
}

type Plain struct{ n int }

type Config struct {
	Labels map[string]string `json:"labels"`
}

func NewRegistry() *Registry {
	return &Registry{byKey: make(map[string]int)}
}

func Partial() *Registry { return &Registry{name: "partial"} }

func (r *Registry) Init() { r.byKey = map[string]int{} }

func (r *Registry) Put(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byKey[k] = v
}

func Load(data []byte) (Config, error) {
	var c Config
	err := json.Unmarshal(data, &c)
	return c, err
}

func Fresh() (out Outer) {
	return
}

type Source interface {
	Lookup(key string) map[string]int
}

type empty struct{}

func (empty) Lookup(string) map[string]int { return nil }

type full struct{ m map[string]map[string]int }

func (f full) Lookup(key string) map[string]int { return f.m[key] }

func Maybe(ok bool) map[string]int {
	var m map[string]int
	if ok {
		m = make(map[string]int)
	}
	return m
}

func Always() map[string]int {
	var m map[string]int
	m = make(map[string]int)
	return m
}

func Named() (m map[string]int, err error) {
	return
}

func Forward(s Source) map[string]int { return s.Lookup("k") }

func Chain() map[string]int { return Maybe(false) }

func Run(s Source) {
	r := NewRegistry()
	r.Put("a", 1)
	var zero Registry
	zero.Init()
	p := new(Registry)
	p.Init()
	_ = Partial()
	_ = Fresh()
	_ = Plain{n: 1}
	_ = Forward(s)
	done := func() { r.Put("done", 1) }
	go done()
	defer func() { _ = Chain() }()
	var wg sync.WaitGroup
	wg.Wait()
}
