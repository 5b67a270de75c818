package loadertest

const osName = "windows"
