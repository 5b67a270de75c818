package loadertest_test

import (
	"fmt"

	"mapwarden.test/programs/loadertest"
)

func ExampleCounts() {
	fmt.Println(loadertest.Counts([]string{"x"})["x"])
	// Output: 1
}
