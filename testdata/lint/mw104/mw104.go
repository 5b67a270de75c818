// Package mw104 holds writes into inner maps of maps of maps (S4), and the
// idioms that make the inner map first.
package mw104

func Count(visits map[string]map[string]int, user, page string) {
	visits[user][page]++ // want `write into inner map visits\[user\], which is nil when the key is absent`
}

func Literal(a, b string) map[string]map[string]int {
	m := map[string]map[string]int{}
	m[a][b] = 1 // want `write into inner map m\[a\]`
	return m
}

func NilCheck(m map[string]map[string]int, a, b string) {
	if m[a] == nil {
		m[a] = map[string]int{}
	}
	m[a][b] = 1
}

func CommaOk(m map[string]map[string]int, a, b string) {
	inner, ok := m[a]
	if !ok {
		inner = make(map[string]int)
		m[a] = inner
	}
	inner[b] = 1
}

func innerOf(m map[string]map[string]int, a string) map[string]int {
	in, ok := m[a]
	if !ok {
		in = map[string]int{}
		m[a] = in
	}
	return in
}

func Helper(m map[string]map[string]int, a, b string) {
	innerOf(m, a)[b] = 1
}

func Assigned(m map[int]map[int]bool, k int) {
	m[k] = map[int]bool{}
	m[k][k] = true
}

// Unlike idioms.FilterBack, the list comes from another map than the one
// written.
func FilterElsewhere(m map[string]map[string][]int, other map[string][]int, name, value string) {
	kept := []int{}
	for _, id := range other[value] {
		kept = append(kept, id)
	}
	if len(kept) > 0 {
		m[name][value] = kept // want `write into inner map m\[name\], which is nil when the key is absent`
	}
}
