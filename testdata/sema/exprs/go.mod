module ex.com/exprs

go 1.19
