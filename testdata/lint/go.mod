module ex.com/lint

go 1.19
