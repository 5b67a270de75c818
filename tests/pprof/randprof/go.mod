module randprof

go 1.19
