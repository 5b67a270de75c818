module mapwarden.test/heapdata

go 1.19
