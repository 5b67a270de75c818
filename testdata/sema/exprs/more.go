package exprs

import (
	"bytes"
	. "strconv"
	str "strings"
	"time"
)

type (
	Alias   = map[string]int
	Named   Alias
	Handler func(map[string]string) error
	Ptr     *Named
)

type Embeds struct {
	bytes.Buffer
	time.Duration
	Named
	List[int]
}

type Counter struct{ hits map[string]int }

func NewCounter() *Counter { return &Counter{hits: make(map[string]int)} }

func (c *Counter) Inc(k string) int {
	c.hits[k]++
	return c.hits[k]
}

func lookup(tbl map[string]Named, a, b string) (v int, ok bool) {
	inner, found := tbl[a]
	if !found {
		return 0, false
	}
	v, ok = inner[b]
	return
}

func More() {
	var e Embeds
	e.WriteString("x")
	_ = e.Len()
	_ = e.Seconds()
	e.Named = Named{"a": 1}
	e.Named["b"] = 2
	e.Push(3)
	var a Alias = Alias{}
	a["x"] = 1
	n := Named(a)
	var p Ptr = &n
	(*p)["y"] = 2
	var h Handler = func(m map[string]string) error { m["k"] = "v"; return nil }
	_ = h(map[string]string{})
	q := Quote("s") + Itoa(3)
	parts := str.Split(q, ",")
	_ = parts[len(parts)-1]
	c := NewCounter()
	_ = c.Inc("a") + c.hits["a"]
	tbl := map[string]Named{"t": {"u": 1}}
	v, ok := lookup(tbl, "t", "u")
	_, _ = v, ok
	ch := make(chan int)
	done := make(chan struct{})
	timer := time.NewTimer(time.Second)
loop:
	for i := 0; ; i++ {
		select {
		case x := <-ch:
			_ = x + i
		case ch <- i:
		case <-timer.C:
			break loop
		case _, more := <-done:
			if !more {
				goto end
			}
		}
	}
end:
	var grid [3][4]map[int]bool
	grid[1][2][3] = true
	matrix := make([][]map[string]int, 2)
	matrix[0] = append(matrix[0], map[string]int{})
	matrix[0][0]["z"] = 9
	fn := func() (map[string]int, error) { return nil, nil }
	if m, err := fn(); err == nil {
		m["w"] = 1
	}
	var iface interface{ Inc(string) int } = c
	_ = iface.Inc
	const big = 1 << 100
	var fl = big >> 98
	var cplx = 2i * 3
	_, _ = fl, cplx
	type local struct{ m map[int]int }
	l := local{}
	l.m = map[int]int{}
	l.m[1]++
	bs := make([]byte, 0, 8)
	bs = append(bs, "tail"...)
	_ = string(bs[0]) + string(rune(65))
	dur := 3 * time.Second
	_ = dur.String()
}
