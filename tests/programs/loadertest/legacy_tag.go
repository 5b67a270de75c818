// +build !linux

package loadertest

const notLinux = true
