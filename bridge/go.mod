module dev.gocachectl/bridge

go 1.24
