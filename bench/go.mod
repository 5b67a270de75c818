module mapwarden.bench

go 1.19
