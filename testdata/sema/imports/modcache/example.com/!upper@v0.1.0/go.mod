module example.com/Upper
