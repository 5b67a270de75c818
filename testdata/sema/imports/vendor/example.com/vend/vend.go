package vend

type Table map[string][]int

func New() Table { return Table{} }
