package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gofrs/flock"

	"orderdesk/savefile"
)

// Backups are copies made with VACUUM INTO rather than the online
// backup API. Both give a consistent snapshot while the program writes
// (one read transaction; in WAL mode it never blocks the writer), but
// VACUUM INTO is plain SQL through database/sql, where the backup API
// needs the driver's raw connection, and it writes one compact,
// self-contained file in rollback-journal mode: no -wal beside it to
// lose, ready to verify and to rename into place on restore. It is about
// half as fast (60 ms against 30 ms for 13 MB), which a copy every few
// hours does not notice.
//
// A backup is written to a hidden temporary beside it (savefile's, named
// for the process writing it) and renamed when complete, so a file with a
// backup's name is always whole, and a crash's leftover is known as one. Names say whose, which kind
// and when, in local time: shop-auto-20260514-093000.db.

// BackupKind says why a backup was made; rotation deletes automatic ones
// only.
type BackupKind string

// The kinds of backup, as they appear in file names.
const (
	BackupAutomatic     BackupKind = "auto"
	BackupManual        BackupKind = "manual"
	BackupBeforeRestore BackupKind = "before-restore"
	// BackupDamaged is a byte-for-byte copy of a database that could not
	// be read whole, kept before a restore replaced it.
	BackupDamaged BackupKind = "damaged"
	// BackupBeforeUpdate is the copy made before a migration (migrate.go).
	BackupBeforeUpdate BackupKind = "before-update"
)

// backupStamp is the time in a backup's name.
const backupStamp = "20060102-150405"

// ErrUnknownSchema means an OrderDesk database whose tables are not the
// ones this program made at its version: changed by hand or by another
// tool, so restoring it could break the shop.
var ErrUnknownSchema = errors.New("this OrderDesk database's tables are not the ones OrderDesk made")

// BackupInfo is one backup file of a database.
type BackupInfo struct {
	Path string
	Kind BackupKind
	Time time.Time // when it was made: from its name, else the file's time
	Size int64
}

// Name is the file's name.
func (b BackupInfo) Name() string { return filepath.Base(b.Path) }

// Retention says how many automatic backups rotation keeps: the newest of
// each of the last Daily days and of the last Monthly months that have
// backups, and every one of the newest day.
type Retention struct{ Daily, Monthly int }

// DefaultRetention keeps a week of days and a year of months.
var DefaultRetention = Retention{Daily: 7, Monthly: 12}

// BackupSummary is what VerifyBackup found in a good backup.
type BackupSummary struct {
	BackupInfo
	Schema int // the schema version it was written at
	Shop   string
	Orders int64
}

// RestoreResult says what Restore did.
type RestoreResult struct {
	From BackupSummary
	// Kept is the database as it was before, now in the backups folder; ""
	// when there was no database to keep.
	Kept string
}

// BackupTo writes a consistent copy of the open database to dst, or, when
// dst is "", a manual backup into the backups folder, and verifies it.
// dst must not exist or be empty (a save dialog creates the file it asks
// for).
func (s *Store) BackupTo(ctx context.Context, dst string) (BackupSummary, error) {
	return backUp(ctx, s.path, dst, BackupManual)
}

// AutoBackup writes and verifies an automatic backup in the backups
// folder, and only then deletes the automatic backups keep no longer
// wants: a damaged database fails here and leaves the good copies alone.
func (s *Store) AutoBackup(ctx context.Context, keep Retention) (BackupSummary, error) {
	sum, err := backUp(ctx, s.path, "", BackupAutomatic)
	if err != nil {
		return BackupSummary{}, err
	}
	if _, err := RotateBackups(s.path, keep); err != nil {
		return sum, fmt.Errorf("remove old backups: %w", err)
	}
	return sum, nil
}

// BackupDatabase is BackupTo for a database no Store of this process has
// open. It takes no lock: reading is safe while an open window writes,
// so a command-line backup works then too. Files that are not a shop are
// refused as OpenForReading refuses them. Without dst the copy goes into
// the backups folder as an automatic backup, and the folder is rotated
// with DefaultRetention, as the window rotates its own: a backup run
// every night by the system's scheduler does not fill the disk.
func BackupDatabase(ctx context.Context, dbPath, dst string) (BackupSummary, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return BackupSummary{}, err
	}
	if info, err := os.Stat(abs); err != nil {
		return BackupSummary{}, fmt.Errorf("%s: no such database file", abs)
	} else if info.Size() == 0 {
		return BackupSummary{}, fmt.Errorf("%s is empty: there is no shop in it to back up", abs)
	}
	if _, err := inspectShop(ctx, abs, false); err != nil {
		return BackupSummary{}, err
	}
	// Read-only, so a shop on a read-only disk is copied too; VACUUM INTO
	// refuses query_only, so that is left out.
	source, err := readOnlyCopyDSN(ctx, abs, "&_pragma=busy_timeout(5000)")
	if err != nil {
		return BackupSummary{}, err
	}
	if dst == "" {
		sum, err := backUpFrom(ctx, source, abs, "", BackupAutomatic)
		if err != nil {
			return sum, err
		}
		if _, err := RotateBackups(abs, DefaultRetention); err != nil {
			return sum, fmt.Errorf("remove old backups: %w", err)
		}
		return sum, nil
	}
	return backUpFrom(ctx, source, abs, dst, BackupManual)
}

// backUp copies the database at dbPath to dst, or to a new name of kind
// in its backups folder, and verifies the copy; a copy that does not
// check out is deleted.
func backUp(ctx context.Context, dbPath, dst string, kind BackupKind) (BackupSummary, error) {
	return backUpFrom(ctx, sourceDSN(dbPath), dbPath, dst, kind)
}

// backUpFrom is backUp reading the database through source.
func backUpFrom(ctx context.Context, source, dbPath, dst string, kind BackupKind) (BackupSummary, error) {
	// A copy may go among the backups, but never over the shop's own files:
	// a copy named like its -journal would be rolled back into the shop.
	if err := (savefile.Protected{Files: ShopFiles(dbPath).Files}).Check(dst); dst != "" && err != nil {
		return BackupSummary{}, err
	}
	if dst == "" {
		dir, err := backupFolder(dbPath)
		if err != nil {
			return BackupSummary{}, err
		}
		dst = freeName(dir, dbPath, kind, time.Now())
	}
	if err := copyDatabase(ctx, source, dst); err != nil {
		return BackupSummary{}, err
	}
	sum, err := VerifyBackup(ctx, dst)
	if err != nil {
		_ = os.Remove(dst)
		return BackupSummary{}, fmt.Errorf("the copy of %s does not check out: %w", dbPath, err)
	}
	return sum, nil
}

// sourceDSN reads a database for a copy. It has no query_only (VACUUM
// INTO refuses to run under it) and none of the store's pragmas: it only
// reads, and must not turn a rollback-mode file into WAL.
func sourceDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(5000)"
}

// readOnlyDSN opens a file nothing may change. A file with no -wal or
// -journal beside it is opened immutable, so SQLite creates no -wal and
// -shm next to a user's file; otherwise read-only, so the journal's
// committed pages are seen.
func readOnlyDSN(path string) string {
	mode := "immutable=1"
	for _, side := range []string{"-wal", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			mode = "mode=ro"
		}
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + mode
}

// copyDatabase writes the database dsn reads to dst through VACUUM INTO:
// into a temporary beside dst, created owner-only before SQLite writes a
// byte of customers' data into it, synced, then renamed.
func copyDatabase(ctx context.Context, dsn, dst string) error {
	if info, err := os.Stat(dst); err == nil && (info.IsDir() || info.Size() > 0) {
		return fmt.Errorf("back up to %s: the file already exists; choose a new name", dst)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("back up to %s: %w", dst, err)
	}
	savefile.RemoveLeftovers(filepath.Dir(dst))
	partial := savefile.Temporary(dst)
	f, err := os.OpenFile(partial, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", dst, savefile.Cause(err))
	}
	_ = f.Close()
	done := false
	defer func() {
		if !done {
			_ = os.Remove(partial)
			_ = os.Remove(partial + "-journal")
		}
	}()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", partial)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return storageError(fmt.Errorf("back up to %s: %w", dst, err))
	}
	if err := syncFile(partial); err != nil {
		return fmt.Errorf("back up to %s: %w", dst, savefile.Cause(err))
	}
	if err := os.Rename(partial, dst); err != nil {
		return fmt.Errorf("back up to %s: %w", dst, savefile.Cause(err))
	}
	done = true
	return savefile.SyncDir(filepath.Dir(dst))
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// backupFolder makes the database's backups folder if needed; it holds
// every customer's address, so only the user may enter it.
func backupFolder(dbPath string) (string, error) {
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the backups folder: %w", err)
	}
	return dir, nil
}

// dbBase is a database's file name without its extension: the start of
// its backups' names, so databases sharing a folder keep theirs apart.
func dbBase(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// freeName is a backup name in dir not taken yet; two backups in one
// second get -2, -3….
func freeName(dir, dbPath string, kind BackupKind, at time.Time) string {
	stem := fmt.Sprintf("%s-%s-%s", dbBase(dbPath), kind, at.Local().Format(backupStamp))
	name := filepath.Join(dir, stem+".db")
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = filepath.Join(dir, fmt.Sprintf("%s-%d.db", stem, i))
	}
}

// backupPattern reads a backup's name: the database's base name, the
// kind, the time. The migration's "before-vN" backups carry their time in
// UTC.
var backupPattern = regexp.MustCompile(`^(.+)-(auto|manual|before-restore|damaged|before-v\d+)-(\d{8}-\d{6})(?:-\d+)?\.db$`)

// parseBackupName reads whose backup a file is, its kind and its time;
// ok is false for a name no backup has.
func parseBackupName(name string) (base string, kind BackupKind, at time.Time, ok bool) {
	m := backupPattern.FindStringSubmatch(name)
	if m == nil {
		return "", "", time.Time{}, false
	}
	kind, loc := BackupKind(m[2]), time.Local
	if strings.HasPrefix(m[2], "before-v") {
		kind, loc = BackupBeforeUpdate, time.UTC
	}
	at, err := time.ParseInLocation(backupStamp, m[3], loc)
	return m[1], kind, at, err == nil
}

// statBackup describes a backup file: kind and time from its name, or,
// for a file the user named, a manual backup of the file's time.
func statBackup(path string) (BackupInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, err
	}
	b := BackupInfo{Path: path, Kind: BackupManual, Time: info.ModTime(), Size: info.Size()}
	if _, k, at, ok := parseBackupName(filepath.Base(path)); ok {
		b.Kind, b.Time = k, at
	}
	return b, nil
}

// ListBackups lists the backups of the database at dbPath in its backups
// folder, newest first; none when the folder does not exist yet.
func ListBackups(dbPath string) ([]BackupInfo, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(BackupDir(abs))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []BackupInfo
	for _, e := range entries {
		base, kind, at, ok := parseBackupName(e.Name())
		if !ok || base != dbBase(abs) || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		list = append(list, BackupInfo{Path: filepath.Join(BackupDir(abs), e.Name()), Kind: kind, Time: at, Size: info.Size()})
	}
	slices.SortStableFunc(list, func(a, b BackupInfo) int { return b.Time.Compare(a.Time) })
	return list, nil
}

// LatestBackup is the newest backup worth restoring (not a damaged copy),
// for the advice given when a database will not open.
func LatestBackup(dbPath string) (BackupInfo, bool) {
	list, _ := ListBackups(dbPath)
	for _, b := range list {
		if b.Kind != BackupDamaged {
			return b, true
		}
	}
	return BackupInfo{}, false
}

// RotateBackups deletes the automatic backups keep does not want and
// returns their names; manual backups and the copies made before updates
// and restores are never deleted.
func RotateBackups(dbPath string, keep Retention) ([]string, error) {
	list, err := ListBackups(dbPath)
	if err != nil {
		return nil, err
	}
	days, months := map[string]bool{}, map[string]bool{}
	newestDay := ""
	var removed []string
	var errs []error
	for _, b := range list {
		if b.Kind != BackupAutomatic {
			continue
		}
		day, month := b.Time.Format("2006-01-02"), b.Time.Format("2006-01")
		if newestDay == "" {
			newestDay = day
		}
		wanted := day == newestDay // a mistake made this afternoon is undone from this morning's copy
		if !days[day] && len(days) < keep.Daily {
			days[day], wanted = true, true
		}
		if !months[month] && len(months) < keep.Monthly {
			months[month], wanted = true, true
		}
		if wanted {
			continue
		}
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, b.Name())
	}
	RemoveLeftovers(dbPath)
	return removed, errors.Join(errs...)
}

// restoringSuffix names the copy of a backup staged beside the database
// during a restore, under the database's lock.
const restoringSuffix = ".restoring"

// RemoveLeftovers deletes what writes that never finished left beside the
// database at dbPath and in its backups folder: savefile's temporaries of
// processes that are gone, and half-written backups of earlier versions
// (NAME.partial and its -journal, once a day old). They may hold every
// customer's address, so they do not stay. Open runs it; so does every
// backup.
func RemoveLeftovers(dbPath string) {
	abs := absPath(dbPath)
	savefile.RemoveLeftovers(filepath.Dir(abs))
	dir := BackupDir(abs)
	savefile.RemoveLeftovers(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".partial") && !strings.HasSuffix(name, ".partial-journal") {
			continue
		}
		if info, err := e.Info(); err == nil && e.Type().IsRegular() && time.Since(info.ModTime()) > 24*time.Hour {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}

// removeRestoreLeftovers deletes the copy a restore staged beside the
// database and never moved into place. Only the holder of the database's
// lock may: nobody else restores then.
func removeRestoreLeftovers(abs string) {
	for _, f := range []string{abs + restoringSuffix, abs + restoringSuffix + "-journal"} {
		_ = os.Remove(f)
	}
}

// VerifyBackup checks that path is a whole OrderDesk shop this program
// can open: an SQLite file, ours (application id), of a schema version
// it knows with exactly the tables that version has, passing PRAGMA
// integrity_check, with a shop saved in it. It only reads. Each refusal
// says what the file is instead.
func VerifyBackup(ctx context.Context, path string) (BackupSummary, error) {
	return inspectShop(ctx, path, true)
}

// inspectShop runs VerifyBackup's checks, the slow integrity check only
// when integrity is set.
func inspectShop(ctx context.Context, path string, integrity bool) (BackupSummary, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return BackupSummary{}, fmt.Errorf("%s: no such file", path)
		}
		return BackupSummary{}, err
	}
	if info.IsDir() {
		return BackupSummary{}, fmt.Errorf("%s is a folder; choose a shop's file in it", path)
	}
	if what := sniff(path); what != "" {
		return BackupSummary{}, fmt.Errorf("%s: %w (%s)", path, ErrNotDatabase, what)
	}
	sum := BackupSummary{}
	if sum.BackupInfo, err = statBackup(path); err != nil {
		return BackupSummary{}, err
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return BackupSummary{}, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return BackupSummary{}, storageError(fmt.Errorf("open %s: %w", path, err))
	}
	defer conn.Close()
	damaged := func(err error) error {
		if errors.Is(storageError(err), ErrCorrupt) {
			return &damagedFile{path: path, detail: err.Error()}
		}
		return fmt.Errorf("read %s: %w", path, storageError(err))
	}
	var appID int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return BackupSummary{}, damaged(err)
	}
	tables, err := tableColumns(ctx, conn)
	if err != nil {
		return BackupSummary{}, damaged(err)
	}
	if appID != applicationID {
		return BackupSummary{}, fmt.Errorf("%s: %w (%s)", path, ErrNotDatabase, foreignDatabase(tables))
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&sum.Schema); err != nil {
		return BackupSummary{}, damaged(err)
	}
	switch {
	case sum.Schema > SchemaVersion():
		return BackupSummary{}, fmt.Errorf("%s (schema %d, this program knows %d): %w", path, sum.Schema, SchemaVersion(), ErrTooNew)
	case sum.Schema < 1:
		return BackupSummary{}, fmt.Errorf("%s: %w (it is empty: no shop was ever saved in it)", path, ErrNotDatabase)
	}
	want, err := schemaAt(ctx, sum.Schema)
	if err != nil {
		return BackupSummary{}, err
	}
	if diff := schemaDiff(want, tables); diff != "" {
		return BackupSummary{}, fmt.Errorf("%s (schema %d: %s): %w", path, sum.Schema, diff, ErrUnknownSchema)
	}
	if integrity {
		if problems, err := integrityCheck(ctx, conn); err != nil {
			return BackupSummary{}, damaged(err)
		} else if len(problems) > 0 {
			return BackupSummary{}, &damagedFile{path: path, detail: "integrity check: " + strings.Join(problems, "; ")}
		}
	}
	// A shop is saved settings, or at least something sold, bought or
	// known: the tables alone are what an interrupted start leaves.
	var saved bool
	err = conn.QueryRowContext(ctx, `SELECT COALESCE((SELECT name FROM shop), ''), (SELECT count(*) FROM orders),
		EXISTS (SELECT 1 FROM shop) OR EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM products)`).
		Scan(&sum.Shop, &sum.Orders, &saved)
	if err != nil {
		return BackupSummary{}, damaged(err)
	}
	if !saved && sum.Orders == 0 {
		return BackupSummary{}, fmt.Errorf("%s: %w (%w)", path, ErrNotDatabase, ErrNoShop)
	}
	return sum, nil
}

// damagedFile is a backup SQLite cannot read whole. It is ErrCorrupt, in
// words that fit a backup rather than the shop's own database.
type damagedFile struct{ path, detail string }

func (e *damagedFile) Error() string {
	return fmt.Sprintf("%s is damaged (%s); choose another backup", e.path, e.detail)
}

func (e *damagedFile) Is(target error) bool { return target == ErrCorrupt }

// sniff says what a file is when it is not an SQLite database at all, or
// "" when it starts like one.
func sniff(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	head := make([]byte, 100) // SQLite's header is 100 bytes
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	magic := []byte("SQLite format 3\x00")
	switch {
	case n == 0:
		return "the file is empty"
	case n == 100 && bytes.HasPrefix(head, magic):
		return ""
	case bytes.HasPrefix(head, magic[:min(n, len(magic))]):
		return "it is an SQLite file cut off after its first bytes"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "it is a ZIP archive, such as an Excel workbook, not an SQLite database"
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "it is a PDF document, not an SQLite database"
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "it is a gzip-compressed file; unpack it first"
	case utf8.Valid(head) && !bytes.ContainsRune(head, 0):
		return "it is a text file, not an SQLite database"
	}
	return "it is not an SQLite file"
}

// foreignDatabase describes an SQLite database some other program made.
func foreignDatabase(tables map[string][]string) string {
	var names []string
	for t := range tables {
		names = append(names, t)
	}
	if len(names) == 0 {
		return "it is an empty SQLite database"
	}
	slices.Sort(names)
	more := ""
	if len(names) > 4 {
		names, more = names[:4], ", …"
	}
	return "it is another program's SQLite database, with tables " + strings.Join(names, ", ") + more
}

// tableColumns lists every table (sqlite_ internals aside) with its
// columns in order.
func tableColumns(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY m.name, p.cid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			return nil, err
		}
		out[table] = append(out[table], column)
	}
	return out, rows.Err()
}

// schemaDiff says how got differs from want, briefly; "" when the same.
func schemaDiff(want, got map[string][]string) string {
	var missing, extra []string
	for t, cols := range want {
		have, ok := got[t]
		if !ok {
			missing = append(missing, t)
			continue
		}
		for _, c := range cols {
			if !slices.Contains(have, c) {
				missing = append(missing, t+"."+c)
			}
		}
		for _, c := range have {
			if !slices.Contains(cols, c) {
				extra = append(extra, t+"."+c)
			}
		}
	}
	for t := range got {
		if _, ok := want[t]; !ok {
			extra = append(extra, t)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "missing "+strings.Join(firstFew(missing), ", "))
	}
	if len(extra) > 0 {
		parts = append(parts, "not ours "+strings.Join(firstFew(extra), ", "))
	}
	return strings.Join(parts, "; ")
}

func firstFew(list []string) []string {
	if len(list) > 5 {
		return append(list[:5:5], "…")
	}
	return list
}

// schemas caches, by version, the tables the migrations make.
var schemas struct {
	sync.Mutex
	at map[int]map[string][]string
}

// schemaAt is the tables and columns a database at version v has: the
// embedded migrations up to v, run on an empty in-memory database.
func schemaAt(ctx context.Context, v int) (map[string][]string, error) {
	schemas.Lock()
	defer schemas.Unlock()
	if t, ok := schemas.at[v]; ok {
		return t, nil
	}
	list, err := migrations()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx) // one connection: each has its own :memory:
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	for _, m := range list[:v] {
		if _, err := conn.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
		}
	}
	t, err := tableColumns(ctx, conn)
	if err != nil {
		return nil, err
	}
	if schemas.at == nil {
		schemas.at = map[int]map[string][]string{}
	}
	schemas.at[v] = t
	return t, nil
}

// integrityCheck runs PRAGMA integrity_check and returns what it found
// wrong (the first ten).
func integrityCheck(ctx context.Context, conn *sql.Conn) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check(10)")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return nil, err
		}
		if msg != "ok" {
			out = append(out, msg)
		}
	}
	return out, rows.Err()
}

// Restore replaces the database at dbPath with the backup from. It takes
// the database's lock (ErrLocked while any OrderDesk has it open; the
// caller closes its own Store first), verifies the backup, stages a copy
// of it beside the database, keeps the current database in the backups
// folder, and then moves the copy into place with one rename: a crash at
// any point leaves either the old database or the restored one, never a
// mix.
func Restore(ctx context.Context, dbPath, from string) (RestoreResult, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return RestoreResult{}, err
	}
	src, err := filepath.Abs(from)
	if err != nil {
		return RestoreResult{}, err
	}
	if a, err1 := os.Stat(abs); err1 == nil {
		if b, err2 := os.Stat(src); err2 == nil && os.SameFile(a, b) {
			return RestoreResult{}, fmt.Errorf("%s is the database itself; choose a backup of it", src)
		}
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return RestoreResult{}, err
	}
	lock := flock.New(abs+".lock", flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o600))
	locked, err := lock.TryLock()
	if err != nil {
		return RestoreResult{}, fmt.Errorf("lock %s: %w", abs, err)
	}
	if !locked {
		return RestoreResult{}, fmt.Errorf("%s: %w", abs, ErrLocked)
	}
	defer func() { _ = lock.Unlock() }()

	var res RestoreResult
	if res.From, err = VerifyBackup(ctx, src); err != nil {
		return RestoreResult{}, fmt.Errorf("the backup cannot be restored: %w", err)
	}
	// Staged beside the database, so the final rename stays on one disk.
	staged := abs + restoringSuffix
	removeRestoreLeftovers(abs) // a crash during an earlier restore
	if err := copyDatabase(ctx, readOnlyDSN(src), staged); err != nil {
		return RestoreResult{}, err
	}
	defer os.Remove(staged) // gone by then unless something failed
	if res.Kept, err = keepCurrent(ctx, abs); err != nil {
		return RestoreResult{}, fmt.Errorf("keep the current database before restoring: %w", err)
	}
	// The old journal files go before the rename: SQLite would replay an
	// old -wal or hot -journal into the restored file and ruin it. Their
	// committed pages are in the copy just kept.
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(abs + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return RestoreResult{}, fmt.Errorf("restore %s: %w", abs, err)
		}
	}
	if err := os.Rename(staged, abs); err != nil {
		return RestoreResult{}, fmt.Errorf("restore %s: %w", abs, err)
	}
	return res, savefile.SyncDir(filepath.Dir(abs))
}

// keepCurrent copies the database about to be replaced into the backups
// folder: a clean copy where SQLite can read it whole, else the file's
// bytes (and its -wal) as they are, for whoever wants to rescue them.
func keepCurrent(ctx context.Context, abs string) (string, error) {
	info, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) || (err == nil && info.Size() == 0) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	dir, err := backupFolder(abs)
	if err != nil {
		return "", err
	}
	now := time.Now()
	dst := freeName(dir, abs, BackupBeforeRestore, now)
	if sniff(abs) == "" {
		err := copyDatabase(ctx, "file:"+(&url.URL{Path: abs}).EscapedPath()+"?mode=ro", dst)
		if err == nil {
			return dst, nil
		}
	}
	dst = freeName(dir, abs, BackupDamaged, now)
	if err := copyFile(abs, dst); err != nil {
		return "", err
	}
	if _, err := os.Stat(abs + "-wal"); err == nil {
		if err := copyFile(abs+"-wal", dst+"-wal"); err != nil {
			return "", err
		}
	}
	return dst, nil
}

// copyFile copies bytes into a new owner-only file.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if serr := out.Sync(); err == nil {
		err = serr
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(dst)
	}
	return err
}
