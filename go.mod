module github.com/mapiblob/mapiblob

go 1.24
