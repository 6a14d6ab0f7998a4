package main

import (
	"context"
	"fmt"
	"net/url"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// openStore opens the server database: a postgres:// or postgresql:// URL
// selects PostgreSQL (several server processes may share it), anything else
// is an embedded SQLite file.
func openStore(db string) (server.Store, error) {
	if pgstore.IsURL(db) {
		return pgstore.Open(context.Background(), db)
	}
	return sqlitestore.Open(db)
}

// backupStore writes a backup of whichever store st is.
func backupStore(ctx context.Context, st server.Store, out string) error {
	switch s := st.(type) {
	case *sqlitestore.Store:
		return s.Backup(ctx, out)
	case *pgstore.Store:
		return s.Backup(ctx, out)
	}
	return fmt.Errorf("backup: unsupported store %T", st)
}

// restoreStore restores a backup into db (a new epoch).
func restoreStore(ctx context.Context, from, db string) error {
	if pgstore.IsURL(db) {
		return pgstore.Restore(ctx, from, db)
	}
	return sqlitestore.Restore(from, db)
}

// redactDB hides a password in a database URL for the logs.
func redactDB(db string) string {
	if !pgstore.IsURL(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://(unparsable)"
	}
	return u.Redacted()
}
