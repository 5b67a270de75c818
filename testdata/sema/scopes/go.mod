module ex.com/scopes

go 1.19
