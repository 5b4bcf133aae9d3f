package data

import (
	"context"
	"embed"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"orderdesk/app"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the embedded NNNN_name.sql files in order.
func migrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var list []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		list = append(list, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	for i, m := range list {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %d is missing", i+1)
		}
	}
	return list, nil
}

// SchemaVersion is the schema this program writes.
func SchemaVersion() int {
	list, _ := migrations()
	return len(list)
}

// migrate applies the migrations the file has not seen, each in its own
// transaction with its user_version, after backing up a database that
// already holds data.
func (s *Store) migrate(ctx context.Context) error {
	list, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := s.writer.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return storageError(err)
	}
	if current > len(list) {
		return fmt.Errorf("%s (schema %d, this program knows %d): %w", s.path, current, len(list), ErrTooNew)
	}
	if current == len(list) {
		return nil
	}
	if current > 0 {
		name := fmt.Sprintf("%s-before-v%d-%s.db", strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path)),
			len(list), now().Format("20060102-150405"))
		if err := s.Backup(ctx, filepath.Join(BackupDir(s.path), name)); err != nil {
			return fmt.Errorf("back up before updating the database: %w", err)
		}
	}
	for _, m := range list[current:] {
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// saveFirstSettings gives a new shop its settings row, with the values a
// shop without one reads: from its first moment the file is a shop
// (VerifyBackup refuses tables without one), whatever the program that
// made it does next.
func (s *Store) saveFirstSettings(ctx context.Context) error {
	var saved bool
	if err := s.writer.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM shop)").Scan(&saved); err != nil || saved {
		return storageError(err)
	}
	return s.run(ctx, s.writer, func(tx app.Tx) error {
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		return tx.SaveShop(ctx, shop)
	})
}

func (s *Store) applyMigration(ctx context.Context, m migration) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return storageError(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return storageError(fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err))
	}
	// Both pragmas are written in the transaction, so a crash leaves the
	// file at the old version with none of the migration applied.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return storageError(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return storageError(err)
	}
	return storageError(tx.Commit())
}

// BackupDir is where backups of the database at path go: a "backups"
// folder beside it, unless SetBackupDir chose another.
func BackupDir(path string) string {
	if dir, ok := chosenBackupDir(path); ok {
		return dir
	}
	return filepath.Join(filepath.Dir(path), "backups")
}
