package loadertest

import "testing"

func TestCounts(t *testing.T) {
	if Counts([]string{"a", "a"})["a"] != 2 {
		t.Fatal("bad count")
	}
}
