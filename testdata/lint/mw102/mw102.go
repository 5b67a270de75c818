// Package mw102 holds writes to struct map fields that some construction
// leaves nil (S2 and its variants), and the guards that must not be
// flagged.
package mw102

import (
	"encoding/json"
	"errors"
	"sync"
)

// A constructor that forgets the field.
type Cache struct {
	mu    sync.Mutex
	items map[string]int
}

func NewCache() *Cache { return &Cache{} }

func (c *Cache) Put(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k]++ // want `write to map field Cache.items, which may be nil: 1 construction of Cache leaves it unset`
}

// A constructor that sets one map field and forgets the other.
type Index struct {
	byName map[string]int
	byID   map[int]string
}

func NewIndex() *Index {
	return &Index{
		byName: map[string]int{},
	}
}

func (ix *Index) Add(id int, name string) {
	ix.byName[name] = id
	ix.byID[id] = name // want `write to map field Index.byID, which may be nil`
}

// Decoded configuration: an absent key leaves the map nil.
type Config struct {
	Labels map[string]string `json:"labels"`
}

func Load(data []byte) (*Config, error) {
	var cfg Config
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, err
	}
	cfg.Labels["source"] = "file" // want `write to map field Config.Labels, which may be nil`
	return &cfg, nil
}

// Option funcs applied to a partly built struct.
type Server struct {
	handlers map[string]func()
	name     string
}

type Option func(*Server)

func WithHandler(path string, h func()) Option {
	return func(s *Server) {
		s.handlers[path] = h // want `write to map field Server.handlers, which may be nil`
	}
}

func NewServer(opts ...Option) *Server {
	s := &Server{name: "srv"}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Guarded: lazy init in place.
type Lazy struct{ m map[string]int }

func (l *Lazy) Set(k string, v int) {
	if l.m == nil {
		l.m = make(map[string]int)
	}
	l.m[k] = v
}

func NewLazy() *Lazy { return &Lazy{} }

// Guarded: a lazy-init helper called first.
type Helper struct{ m map[string]int }

func (h *Helper) ensure() {
	if h.m == nil {
		h.m = map[string]int{}
	}
}

func (h *Helper) Set(k string) {
	h.ensure()
	h.m[k]++
}

func NewHelper() *Helper { return new(Helper) }

// Every construction makes the field.
type Good struct{ m map[int]int }

func NewGood() *Good { return &Good{m: map[int]int{}} }

func (g *Good) Set(k int) { g.m[k] = k }

// An init method every constructor calls.
type Inited struct{ m map[string]bool }

func (i *Inited) init() { i.m = map[string]bool{} }

func NewInited() *Inited {
	i := &Inited{}
	i.init()
	return i
}

func (i *Inited) Mark(k string) { i.m[k] = true }

// A partly built value handed to a function that writes the field.
type Tally struct{ counts map[string]int }

func bump(t *Tally, k string) {
	t.counts[k]++ // want `write to map field Tally.counts, which may be nil`
}

func CountOne(k string) {
	t := &Tally{}
	bump(t, k)
}

// A partly built value that never reaches the write: it is only compared.
type Report struct{ rows map[int]string }

func (r *Report) Add(i int, s string) { r.rows[i] = s }

func NewReport() *Report { return &Report{rows: map[int]string{}} }

func SameSize() bool {
	empty := &Report{}
	full := NewReport()
	full.Add(1, "x")
	return len(empty.rows) == len(full.rows)
}

// A partly built value stored in a field that the write reads.
type Shard struct{ keys map[string]int }

type Ring struct{ last *Shard }

func (r *Ring) Grow() { r.last = &Shard{} }

func (r *Ring) Touch(k string) {
	r.last.keys[k]++ // want `write to map field Shard.keys, which may be nil`
}

// A partly built value from a function with two results, written on the
// next turn of the loop that assigned it.
type Batch struct{ seen map[int]bool }

func newBatch() (*Batch, error) { return &Batch{}, nil }

func Drain(ids []int) {
	var b *Batch
	for _, id := range ids {
		if b != nil {
			b.seen[id] = true // want `write to map field Batch.seen, which may be nil`
		}
		b, _ = newBatch()
	}
}

// Reduced from debug/gosym's NewTable: the partly built tables from slice
// reach the variable `lines` only after `lines` was stored in the field
// whose value is written, so they never reach the write.
type Lines struct {
	data  []byte
	names map[int]string
}

func NewLines(data []byte) *Lines { return &Lines{data: data, names: map[int]string{}} }

func (l *Lines) slice(n int) *Lines { return &Lines{data: l.data[n:]} }

func (l *Lines) name(off int) string {
	l.names[off] = string(l.data[off:])
	return l.names[off]
}

type LineFunc struct{ lines *Lines }

type LineTable struct {
	lines *Lines
	funcs []LineFunc
}

func NewLineTable(lines *Lines, n int) *LineTable {
	var t LineTable
	t.lines = lines
	t.funcs = make([]LineFunc, n)
	for i := range t.funcs {
		f := &t.funcs[i]
		f.lines = lines.slice(i)
		lines = f.lines
	}
	t.lines.name(0)
	return &t
}

// Built without its hash table and handed to a method whose write to it is
// under a branch the constant argument rules out (the Go linker's
// loadState.addSym in its tests): not reported.
const (
	plainSym = iota
	hashedSym
)

type symTable struct {
	names  map[string]int
	hashes map[uint64]int
}

func newSymTable() *symTable {
	return &symTable{names: map[string]int{}, hashes: map[uint64]int{}}
}

func (st *symTable) add(name string, h uint64, kind int) {
	switch kind {
	case hashedSym:
		st.hashes[h]++
	default:
		st.names[name]++
	}
}

func AddPlain(name string) {
	st := symTable{names: map[string]int{}}
	st.add(name, 0, plainSym)
}

// The same shape with the kind passed on, and with the constant that takes
// the branch: reported.
type hashTable struct {
	hashes map[uint64]int
}

func (t *hashTable) put(h uint64, kind int) {
	if kind == hashedSym {
		t.hashes[h]++ // want `write to map field hashTable.hashes, which may be nil: 2 constructions`
	}
}

func PutAny(h uint64, kind int) {
	t := hashTable{}
	t.put(h, kind)
}

func PutHashed(h uint64) {
	t := hashTable{}
	t.put(h, hashedSym)
}

// A fallthrough takes the plain kind into the hashed case: reported.
type fallTable struct {
	hashes map[uint64]int
}

func (t *fallTable) put(h uint64, kind int) {
	switch kind {
	case plainSym:
		h = 0
		fallthrough
	case hashedSym:
		t.hashes[h]++ // want `write to map field fallTable.hashes, which may be nil: 1 construction`
	}
}

func PutPlain() {
	t := fallTable{}
	t.put(1, plainSym)
}

// A zero value returned beside an error (BurntSushi/toml's Decode): by
// convention the caller does not use it. Not reported.
type Meta struct {
	seen map[string]bool
}

func DecodeMeta(data []byte) (Meta, error) {
	if len(data) == 0 {
		return Meta{}, errors.New("empty")
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		return Meta{}, err
	}
	return Meta{seen: map[string]bool{}}, nil
}

func (m Meta) Mark(k string) { m.seen[k] = true }

// The zero value returned with a nil error, and with an error that may be
// nil: reported.
type Cursor struct {
	seen map[string]bool
}

func OpenCursor(fresh bool) (Cursor, error) {
	if fresh {
		return Cursor{}, nil
	}
	return Cursor{seen: map[string]bool{}}, nil
}

func ReopenCursor(fresh bool, err error) (Cursor, error) {
	if fresh {
		return Cursor{}, err
	}
	return Cursor{seen: map[string]bool{}}, nil
}

func (c Cursor) Mark(k string) { c.seen[k] = true } // want `write to map field Cursor.seen, which may be nil: 2 constructions`

// A helper writing a field that its only caller checks first, through a
// predicate covering two fields (miekg/dns' compressionMap): not reported.
type nameTable struct {
	ext map[string]int
	own map[string]uint16
}

func (t nameTable) valid() bool { return t.own != nil || t.ext != nil }

func (t nameTable) insert(s string, pos int) {
	if t.ext != nil {
		t.ext[s] = pos
	} else {
		t.own[s] = uint16(pos)
	}
}

func Pack(names []string, ext map[string]int) {
	t := nameTable{ext: ext}
	for i, s := range names {
		if t.valid() {
			t.insert(s, i)
		}
	}
}

// The same helper with a caller that checks nothing first, and with a
// method value, whose calls the call graph does not see: reported.
type wordTable struct {
	own map[string]int
}

func (t wordTable) valid() bool { return t.own != nil }

func (t wordTable) insert(s string) { t.own[s]++ } // want `write to map field wordTable.own, which may be nil: 2 constructions`

func CountWordChecked(word string) {
	t := wordTable{}
	if t.valid() {
		t.insert(word)
	}
}

func CountWord(word string) {
	t := wordTable{}
	t.insert(word)
}

type tagTable struct {
	own map[string]int
}

func (t tagTable) valid() bool { return t.own != nil }

func (t tagTable) insert(s string) { t.own[s]++ } // want `write to map field tagTable.own, which may be nil: 1 construction`

func CountTags(tags []string) {
	t := tagTable{}
	if t.valid() {
		t.insert(tags[0])
	}
	add := t.insert
	add(tags[1])
}

// A compile-time check that a type implements an interface (grpc-go's fake
// transport Builder): the value goes nowhere. Not reported.
type putter interface{ Put(k string) }

type Store struct {
	items map[string]int
}

var _ putter = &Store{}

func NewStore() *Store { return &Store{items: map[string]int{}} }

func (s *Store) Put(k string) { s.items[k]++ }
