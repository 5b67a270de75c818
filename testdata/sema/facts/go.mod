module ex.com/facts

go 1.19
