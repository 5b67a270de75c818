// Package setup makes a package-level map that package mw101 declares
// without a value: mw101's writes to it are not nil-map writes.
package setup

import "ex.com/lint/mw101"

func Init() { mw101.Defaults = make(map[string]string) }
