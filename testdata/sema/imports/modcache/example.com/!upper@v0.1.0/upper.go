package upper

func Counts() map[rune]int { return map[rune]int{} }
