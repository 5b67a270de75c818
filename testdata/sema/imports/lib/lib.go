package lib

var Shared = map[string]bool{}
