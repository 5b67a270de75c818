package p

type Number interface{ ~int | ~int64 | ~float64 }

type Set[K comparable, V any] map[K]V

type List[T any] struct {
	next *List[T]
	val  T
}

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func f(ch chan<- int, r <-chan chan int) {
	select {
	case v, ok := <-r:
		_, _ = v, ok
	case ch <- 1:
	default:
	}
	var a [...]int
	_ = a[1:2:3]
	switch x := any(1).(type) {
	case int, string:
		_ = x
	}
L:
	for i := 0; i < 10; i++ {
		if i > 5 {
			break L
		}
		goto L
	}
	_ = func() (int, error) { return 0, nil }
	_ = struct{ a, b int }{1, 2}
	_ = 0x1p-2 + 1e3i + 'x' + 0b1_0
	_ = `raw`
}
