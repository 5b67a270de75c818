// Scoping cases for name resolution: shadowed type names, local and
// recursive types, generics, type switches and closures. It has no
// imports, so every identifier that denotes a type can be resolved.
package scopes

type Key string

type Cache map[Key][]byte

type Tree[K comparable, V any] struct {
	left, right *Tree[K, V]
	entries     map[K]V
}

func (t *Tree[K, V]) Put(k K, v V) {
	if t.entries == nil {
		t.entries = make(map[K]V)
	}
	t.entries[k] = v
}

type Pair[A, B any] struct {
	First  A
	Second B
}

type Alias = Cache

func shadow(Key int) int {
	type Cache struct{ n int } // a local type shadowing the package one
	var c Cache
	_ = c
	return Key
}

func local() interface{} {
	type node struct {
		next *node
		tags map[string]rune
	}
	n := &node{}
	{
		type node int
		var inner node = 3
		_ = inner
	}
	return n
}

func switchy(v interface{}) int {
	switch x := v.(type) {
	case Key, Cache:
		return 1
	case *Tree[Key, int]:
		return len(x.entries)
	case func(Key) error:
		return 2
	}
	f := func(string string) string { return string }
	_ = f
	var p Pair[Key, Alias]
	_ = p
	for Key := range map[Key]bool{} {
		_ = Key
	}
	return 0
}

func generic[T ~int | Key, M map[T]int](m M, t T) M {
	var zero T
	m[zero]++
	_ = t
	return m
}
