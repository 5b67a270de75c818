package lib

var Shared = map[string]bool{}

// Initializers an importer parses without their literals' values and
// function literals' bodies: only a [...]T literal is read, for its length.
var Names = [...]string{"a", "b", "c"}

const NumNames = len(Names)

var Limits = map[string]int{"a": 1, "b": func() int { return 2 }()}

var Pick = func(s []string) string { return s[0] }

var Grid = [2][NumNames]int{{1, 2, 3}, {4, 5, 6}}
