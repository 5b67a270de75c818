// Package exprs exercises expression typing: generics and inference,
// embedding and promotion, method values and expressions, untyped
// constants, comma-ok forms, closures and the map shapes the rules care
// about. debug types must print exactly what go/types prints for it.
package exprs

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Set[K comparable] map[K]struct{}

func (s Set[K]) Add(k K)           { s[k] = struct{}{} }
func (s Set[K]) Has(k K) bool      { _, ok := s[k]; return ok }
func NewSet[K comparable]() Set[K] { return make(Set[K]) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Push(v T) { l.head = &node[T]{val: v, next: l.head}; l.size++ }

func (l *List[T]) Each(f func(T)) {
	for n := l.head; n != nil; n = n.next {
		f(n.val)
	}
}

type Base struct {
	mu    sync.Mutex
	Items map[string][]int
}

func (b *Base) Lock()           { b.mu.Lock() }
func (b Base) Count() int       { return len(b.Items) }
func (b *Base) Put(k string, v int) { b.Items[k] = append(b.Items[k], v) }

type Cache struct {
	*Base
	name    string
	byID    map[int]*Base
	nested  map[string]map[string]int
	buckets [4]map[string]bool
	slices  []map[int]string
}

type Getter interface {
	Get(key string) (map[string]int, error)
}

type impl struct{ data map[string]map[string]int }

func (i impl) Get(key string) (map[string]int, error) {
	m, ok := i.data[key]
	if !ok {
		return nil, errors.New("missing")
	}
	return m, nil
}

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const ratio = 2.5
const greeting = "hi"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
)

func (d Weekday) String() string { return [...]string{"Sun", "Mon"}[d] }

var registry = map[string]func(int) int{
	"double": func(x int) int { return x * 2 },
}

var global map[string]int

func Use(g Getter, c *Cache) {
	s := NewSet[string]()
	s.Add("a")
	_ = s.Has("b")
	ints := Set[int]{1: {}}
	ints.Add(2)
	keys := Keys(map[string]int{"x": 1})
	sort.Strings(keys)
	lens := Map(keys, func(k string) int { return len(k) })
	lens2 := Map[string, string](keys, strings.ToUpper)
	_, _ = lens, lens2
	var l List[Pair[string, int]]
	l.Push(Pair[string, int]{Key: "a", Val: 1})
	l.Each(func(p Pair[string, int]) { fmt.Println(p.Key, p.Val) })

	c.Lock()
	c.Put("k", 1)
	n := c.Count()
	c.Items["k"] = nil
	c.byID[n] = c.Base
	c.nested["a"]["b"]++
	if c.nested["x"] == nil {
		c.nested["x"] = map[string]int{}
	}
	c.buckets[0]["z"] = true
	c.slices = make([]map[int]string, 3)
	c.slices[1][2] = "two"
	inner, ok := c.nested["y"]
	if !ok {
		inner = make(map[string]int)
		c.nested["y"] = inner
	}
	inner["q"] = 1

	m, err := g.Get("k")
	if err == nil {
		m["x"] = len(m)
	}
	get := g.Get
	mv, _ := get("z")
	_ = mv
	expr := (*Base).Put
	expr(c.Base, "e", 2)
	count := Base.Count
	_ = count(*c.Base)

	size := 3 * KB
	var f float64 = ratio * 2
	var u8 uint8 = 1 << 7
	shifted := 1 << n
	var x64 int64 = 1<<n + 1
	str := greeting + " there"
	r := 'a' + 1
	_, _, _, _, _, _, _ = size, f, u8, shifted, x64, str, r
	fmt.Println(Monday, Sunday.String(), GB/MB)

	var iface interface{} = c
	switch v := iface.(type) {
	case *Cache:
		v.name = "c"
	case fmt.Stringer, error:
		_ = v
	case nil:
	}
	if cc, ok := iface.(*Cache); ok {
		cc.byID = map[int]*Base{}
	}
	ch := make(chan map[string]int, 1)
	ch <- global
	got, open := <-ch
	_, _ = got, open
	for k, v := range registry {
		_ = v(len(k))
	}
	var decoded struct {
		Tags map[string]string `json:"tags"`
	}
	_ = json.Unmarshal([]byte(`{}`), &decoded)
	decoded.Tags["a"] = "b"
	arr := [...]int{2: 1, 5: 3}
	sl := arr[1:3]
	bs := []byte(greeting)
	_, _, _ = arr, sl, bs
	defer func() {
		if r := recover(); r != nil {
			panic(r)
		}
	}()
	go func(m map[string]int) { m["g"] = 1 }(global)
}
