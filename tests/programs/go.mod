module mapwarden.test/programs

go 1.19
