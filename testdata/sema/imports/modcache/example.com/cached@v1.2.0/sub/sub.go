package sub

type Index struct{ ByName map[string]int }
