module example.com/cached
