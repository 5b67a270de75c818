//go:build integration

package loadertest

const integration = true
