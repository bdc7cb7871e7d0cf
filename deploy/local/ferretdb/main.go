// Command ferretdb runs FerretDB 1.24.2 with its SQLite backend for the local launcher.
//
// It wraps the embeddable package instead of using `go install .../cmd/ferretdb`, whose binary
// panics at start because its generated version file is not part of the module. The embeddable
// package also turns telemetry off and writes no state file.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "", "existing directory that holds the SQLite databases")
	flag.Parse()

	if *dir == "" {
		log.Fatal("-dir is required")
	}
	if info, err := os.Stat(*dir); err != nil || !info.IsDir() {
		log.Fatalf("-dir %q is not an existing directory", *dir)
	}

	// The SQLite URL must end with a slash: FerretDB treats it as a directory of databases.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dir + "/",
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := f.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
