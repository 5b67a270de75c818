// Package mw105 holds nil maps that cross function boundaries and are then
// written (S5).
package mw105

func fill(m map[string]int) {
	m["x"] = 1
}

func Pass() {
	var m map[string]int
	fill(m) // want `nil map m passed to mw105.fill, which writes it`
}

func PassMade() {
	m := map[string]int{}
	fill(m)
}

func load(opts []string) map[string]bool {
	if len(opts) == 0 {
		return nil
	}
	out := make(map[string]bool, len(opts))
	for _, o := range opts {
		out[o] = true
	}
	return out
}

func Caller(opts []string) {
	seen := load(opts)
	seen["default"] = true // want `seen may be nil: mw105.load can return a nil map`
}

func CallerChecks(opts []string) {
	seen := load(opts)
	if seen == nil {
		seen = map[string]bool{}
	}
	seen["default"] = true
}

type Store interface {
	Tags(id string) map[string]string
}

type memStore struct{ tags map[string]map[string]string }

func (s memStore) Tags(id string) map[string]string { return s.tags[id] }

type emptyStore struct{}

func (emptyStore) Tags(string) map[string]string { return map[string]string{} }

func Tag(s Store, id string) {
	t := s.Tags(id)
	t["seen"] = "yes" // want `t may be nil: mw105.memStore.Tags can return a nil map`
}

func Direct(opts []string) {
	load(opts)["x"] = true // want `write into the result of mw105.load, which can be a nil map`
}
