// Package mw101 holds writes to map variables that are nil on some path
// (S1), each marked with the finding it must produce, and correct code
// that must not be flagged.
package mw101

import "strings"

var registry map[string]func() // never made anywhere

func Register(name string, f func()) {
	registry[name] = f // want `write to package-level map registry, which is declared without a value and never made`
}

var made map[string]int

func init() { made = map[string]int{} }

func UseMade(k string) { made[k]++ } // assigned in init: not reported

func CountWords(text string) map[string]int {
	var counts map[string]int
	for _, w := range strings.Fields(text) {
		counts[w]++ // want `write to nil map counts: declared without a value`
	}
	return counts
}

func OnlySometimes(keys []string, fresh bool) map[string]bool {
	var seen map[string]bool
	if fresh {
		seen = make(map[string]bool)
	}
	for _, k := range keys {
		seen[k] = true // want `seen may be nil here: it is made only on some paths`
	}
	return seen
}

func InsideNilCheck(m map[string]int, k string) {
	if m == nil {
		m[k] = 1 // want `write to nil map m in a branch where m == nil`
	}
}

func ResetThenWrite(m map[string]int) {
	m = nil
	m["x"] = 1 // want `write to nil map m: it is set to nil before this write`
}

func MadeInEveryBranch(kind int) map[int]string {
	var m map[int]string
	switch kind {
	case 0:
		m = map[int]string{}
	default:
		m = make(map[int]string, 4)
	}
	m[kind] = "ok"
	return m
}

func MadeInLoop(items []string) {
	var index map[string]int
	for i, it := range items {
		if index == nil {
			index = make(map[string]int)
		}
		index[it] = i
	}
}

func EarlyReturn(items []string) map[string]bool {
	var m map[string]bool
	if len(items) == 0 {
		return nil
	}
	m = make(map[string]bool)
	for _, it := range items {
		m[it] = true
	}
	return m
}

func Shadowed() {
	m := map[string]int{}
	{
		var m map[string]int
		_ = m
	}
	m["outer"] = 1
}

// Made under one value of a flag and written under the other.
func OppositeFlag(keys []string, trace bool) {
	var seen map[string]bool
	if trace {
		seen = map[string]bool{}
	}
	for _, k := range keys {
		if !trace {
			seen[k] = true // want `seen may be nil here: it is made only on some paths`
		}
	}
}

// The flag changes between the make and the write: not the same condition.
func FlagChanges(keys []string, trace bool) {
	var seen map[string]bool
	if trace {
		seen = map[string]bool{}
	}
	trace = len(keys) > 3
	if trace {
		seen[keys[0]] = true // want `seen may be nil here: it is made only on some paths`
	}
}

// Read from a map that may not hold the key, compared with nil, and then
// written on the path where it was nil.
func CheckedThenWritten(index map[string]map[int]int, name string, line int) {
	lines := index[name]
	n := 0
	if lines != nil {
		n = len(lines)
	}
	lines[line] = n // want `lines may be nil here: it is compared with nil on a path to this write`
}

// Unlike idioms.MadeTogether, byPos is set to nil on its own: marks being
// made says nothing of it.
func CompanionResetToNil(ps []int) {
	var marks map[int]int32
	var byPos map[int][]int
	for _, p := range ps {
		if marks == nil {
			marks = map[int]int32{}
			byPos = map[int][]int{}
		}
		if p == 0 {
			byPos = nil
		}
		marks[p] = 1
		byPos[p%8] = append(byPos[p%8], p) // want `byPos may be nil here: it is set to nil on some paths`
	}
}

// marks is also made without byPos.
func CompanionMadeAlone(ps []int, warm bool) {
	var marks map[int]int32
	var byPos map[int][]int
	if warm {
		marks = map[int]int32{}
	}
	for _, p := range ps {
		if marks == nil {
			marks = map[int]int32{}
			byPos = map[int][]int{}
		}
		byPos[p%8] = append(byPos[p%8], p) // want `byPos may be nil here: it is made only on some paths`
	}
}

// byPos is declared anew on each iteration, marks once: made together on
// the first iteration only.
func CompanionRedeclared(ps []int) {
	var marks map[int]int32
	for _, p := range ps {
		var byPos map[int][]int
		if marks == nil {
			marks = map[int]int32{}
			byPos = map[int][]int{}
		}
		byPos[p%8] = append(byPos[p%8], p) // want `byPos may be nil here: it is made only on some paths`
	}
}

// Unlike idioms.TrimFirst, n != 0 holds for an empty list too (n is -1).
func TrimOffByOne(index map[string]map[int][]string, file string, line int) {
	byLine := index[file]
	var list []string
	if byLine != nil {
		list = byLine[line]
	}
	if n := len(list) - 1; n != 0 {
		byLine[line] = list // want `byLine may be nil here: it is compared with nil on a path to this write`
	}
}

// The list was read from the map before the map was set to nil.
func ResetAfterRead(line int) {
	index := map[int][]string{}
	list := index[line]
	index = nil
	if len(list) > 0 {
		index[line] = list[1:] // want `write to nil map index: it is set to nil before this write`
	}
}

// Defaults is made by another package (mw101/setup), which a check of the
// whole module sees: not reported.
var Defaults map[string]string

func SetDefault(k, v string) { Defaults[k] = v }
