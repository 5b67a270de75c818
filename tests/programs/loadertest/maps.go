// Package loadertest exercises file selection: OS suffixes, build tags,
// tests and external tests.
package loadertest

// Counts counts words.
func Counts(words []string) map[string]int {
	m := make(map[string]int, len(words))
	for _, w := range words {
		m[w]++
	}
	return m
}
