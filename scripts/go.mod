module mapwarden.scripts

go 1.19
