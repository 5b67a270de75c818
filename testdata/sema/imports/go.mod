module ex.com/imports

go 1.19

require (
	example.com/Upper v0.1.0
	example.com/cached v1.2.0
	example.com/vend v0.0.1
)
