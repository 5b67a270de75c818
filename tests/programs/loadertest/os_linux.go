package loadertest

const osName = "linux"
