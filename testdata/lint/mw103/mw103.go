// Package mw103 holds writes into elements of slices and arrays of maps
// that were never made (S3).
package mw103

func Shards(keys []string) []map[string]int {
	shards := make([]map[string]int, 8)
	for i, k := range keys {
		shards[i%8][k]++ // want `write into an element of shards, which is a nil map`
	}
	return shards
}

func Fixed() {
	var buckets [4]map[int]bool
	buckets[1][7] = true // want `write into an element of buckets, which is a nil map`
}

func MadeFirst(n int) []map[string]int {
	groups := make([]map[string]int, n)
	for i := range groups {
		groups[i] = make(map[string]int)
	}
	groups[0]["a"] = 1
	return groups
}

func Appended() {
	var list []map[string]int
	list = append(list, map[string]int{})
	list[0]["x"] = 1
}

func EmptyLen() {
	s := make([]map[string]int, 0, 4)
	s = append(s, map[string]int{})
	s[0]["k"] = 2
}
