package lib

var Shared = map[string]bool{}

// Initializers an importer parses without their literals' values and
// function literals' bodies: only a [...]T literal is read, for its length.
var Names = [...]string{"a", "b", "c"}

const NumNames = len(Names)

var Limits = map[string]int{"a": 1, "b": func() int { return 2 }()}

var Pick = func(s []string) string { return s[0] }

var Grid = [2][NumNames]int{{1, 2, 3}, {4, 5, 6}}

// Declarations an importer indexes and parses one at a time, on first use:
// a constant group repeating its iota expression, names sharing one
// initializer, an alias and a generic type in one group, methods on value,
// pointer and generic receivers declared before their type, and a
// parenthesized receiver, which the index leaves to a full parse.
const (
	KindA Kind = iota * 10
	KindB
	KindC
)

func (k Kind) String() string { return "kind" }

type Kind int

var Left, Right = pair()

func pair() (map[string]int, []string) { return nil, nil }

type (
	Alias                    = map[string][]Kind
	Box[K comparable, V any] struct{ m map[K]V }
)

func (b *Box[K, V]) Get(k K) V { return b.m[k] }

func (p Paren) Keys() map[string]int { return nil }

type Paren struct{}
