module mapwarden.example

go 1.19
