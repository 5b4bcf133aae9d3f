package data_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// busyShop is newShop with orders in several states, payments and a
// cancellation: something in every table a restore must bring back.
func busyShop(t *testing.T) *shopFixture {
	t.Helper()
	f := newShop(t)
	for i := 0; i < 6; i++ {
		o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
		f.must(err)
		switch i % 3 {
		case 0:
			_, err = f.svc.Confirm(f.ctx, o.ID)
			f.must(err)
			_, err = f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable, TransactionID: fmt.Sprint("ALI-", i)})
			f.must(err)
			_, err = f.svc.Allocate(f.ctx, o.ID)
			f.must(err)
		case 1:
			_, err = f.svc.Cancel(f.ctx, o.ID, "customer changed their mind")
			f.must(err)
		}
	}
	return f
}

// dump reads every table of the database at path, each row as one line,
// sorted: VACUUM may renumber the rowids of tables without an INTEGER
// PRIMARY KEY, so rows are compared by content.
func dump(t *testing.T, path string) map[string][]string {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, table := range tables {
		out[table] = tableRows(t, db, table)
	}
	return out
}

func tableRows(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf("SELECT * FROM %q", table))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%q", vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// sameRows fails on the first table whose rows differ.
func sameRows(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	for table, rows := range want {
		if !slices.Equal(got[table], rows) {
			t.Fatalf("%s: table %s has %d rows, want %d; first difference %s", what, table, len(got[table]), len(rows),
				firstDifference(got[table], rows))
		}
	}
	for table := range got {
		if _, ok := want[table]; !ok {
			t.Fatalf("%s: table %s should not be there", what, table)
		}
	}
}

func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("\n got %s\nwant %s", g, w)
		}
	}
	return "none"
}

// TestBackupRestoreRoundTrip: a manual backup, more work, then a restore
// gives back the database as it was at the backup, row for row in every
// table; the work done since is kept in the before-restore copy.
func TestBackupRestoreRoundTrip(t *testing.T) {
	f := busyShop(t)
	path := f.store.Path()
	b, err := f.store.BackupTo(f.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	atBackup := dump(t, path)
	if len(atBackup["orders"]) != 6 || len(atBackup["payments"]) != 2 || len(atBackup["events"]) < 12 || len(atBackup) < 20 {
		t.Fatalf("the dump misses rows: %d tables, %d orders, %d payments", len(atBackup), len(atBackup["orders"]), len(atBackup["payments"]))
	}
	if b.Kind != data.BackupManual || filepath.Dir(b.Path) != data.BackupDir(path) || !strings.HasPrefix(b.Name(), "shop-manual-") {
		t.Fatalf("manual backup is %+v", b)
	}
	sameRows(t, "the backup", dump(t, b.Path), atBackup)

	// Work after the backup: a new order, a cancellation, stock.
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	f.must(err)
	_, err = f.svc.Cancel(f.ctx, 1, "out of stock at the supplier")
	f.must(err)
	f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: f.products[2].ID, BinID: f.bins[2].ID, Qty: 5, Reference: "PO-2"}))
	later := dump(t, path)

	if _, err := data.Restore(f.ctx, path, b.Path); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("restore while the shop is open: want ErrLocked, got %v", err)
	}
	f.must(f.store.Close())
	res, err := data.Restore(f.ctx, path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if res.From.Orders != 6 || res.From.Shop != "Test Shop" || res.From.Schema != data.SchemaVersion() {
		t.Fatalf("restored from %+v", res.From)
	}
	sameRows(t, "the restored database", dump(t, path), atBackup)
	if !strings.HasPrefix(filepath.Base(res.Kept), "shop-before-restore-") {
		t.Fatalf("the database as it was is kept as %q", res.Kept)
	}
	sameRows(t, "the copy kept before restoring", dump(t, res.Kept), later)
	for _, side := range []string{"-wal", "-shm", ".restoring"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("%s is left after the restore", side)
		}
	}

	s := openStore(t, path)
	svc := app.NewService(s)
	if _, err := svc.OrderByNumber(f.ctx, o.Number); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("the order made after the backup is still there: %v", err)
	}
	if problems, err := s.Check(f.ctx); err != nil || len(problems) > 0 {
		t.Fatalf("the restored shop does not check clean: %v %v", problems, err)
	}
	if _, err := svc.CreateOrder(f.ctx, f.input(), true); err != nil {
		t.Fatalf("the restored shop takes no orders: %v", err)
	}
}

// TestRestoreOverUncheckpointedWAL: the current database's recent commits
// sit in its -wal (as after a crash); the restore keeps them in the
// before-restore copy and does not let SQLite replay that -wal into the
// restored file.
func TestRestoreOverUncheckpointedWAL(t *testing.T) {
	f := busyShop(t)
	b, err := f.store.BackupTo(f.ctx, filepath.Join(t.TempDir(), "monday.db"))
	if err != nil {
		t.Fatal(err)
	}
	atBackup := dump(t, b.Path)
	for i := 0; i < 5; i++ {
		_, err := f.svc.CreateOrder(f.ctx, f.input(), true)
		f.must(err)
	}
	// A crashed shop: the files as they are while open, copied aside.
	crashed := filepath.Join(t.TempDir(), "shop.db")
	for _, side := range []string{"", "-wal"} {
		raw, err := os.ReadFile(f.store.Path() + side)
		f.must(err)
		f.must(os.WriteFile(crashed+side, raw, 0o600))
	}
	if st, err := os.Stat(crashed + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("the test needs a -wal with the new orders: %v", err)
	}
	res, err := data.Restore(f.ctx, crashed, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "restored", dump(t, crashed), atBackup)
	kept := openStore(t, res.Kept)
	if n, err := app.NewService(kept).CountOrders(f.ctx); err != nil || n != 11 {
		t.Fatalf("the kept copy has %d orders (%v), want the 11 the -wal held", n, err)
	}
	restored := openStore(t, crashed)
	if problems, err := restored.Check(f.ctx); err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", problems, err)
	}
}

// TestRestoreOverDamagedDatabase: the usual reason to restore. The
// damaged file cannot be copied cleanly, so its bytes are kept as they
// are, and the shop is back.
func TestRestoreOverDamagedDatabase(t *testing.T) {
	f := busyShop(t)
	path := f.store.Path()
	b, err := f.store.BackupTo(f.ctx, "")
	f.must(err)
	f.must(f.store.Close())
	raw, err := os.ReadFile(path)
	f.must(err)
	for i := 4096; i < len(raw); i += 7 { // page 2 onwards: garbage
		raw[i] ^= 0x5A
	}
	f.must(os.WriteFile(path, raw, 0o600))
	if _, err := data.Open(f.ctx, path); !errors.Is(err, data.ErrCorrupt) {
		t.Fatalf("want the damaged file refused as ErrCorrupt, got %v", err)
	}
	res, err := data.Restore(f.ctx, path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(res.Kept), "shop-damaged-") {
		t.Fatalf("the damaged file is kept as %q", res.Kept)
	}
	sameFile(t, res.Kept, raw)
	if latest, ok := data.LatestBackup(path); !ok || latest.Path != b.Path {
		t.Fatalf("the latest backup to offer is %+v, want %s (a damaged copy is no backup)", latest, b.Path)
	}
	s := openStore(t, path)
	if problems, err := s.Check(f.ctx); err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", problems, err)
	}
}

// TestRestoreRefusesBadBackups: a backup that does not verify leaves the
// database alone and keeps no copy.
func TestRestoreRefusesBadBackups(t *testing.T) {
	f := busyShop(t)
	path := f.store.Path()
	f.must(f.store.Close())
	before, err := os.ReadFile(path)
	f.must(err)
	notes := filepath.Join(t.TempDir(), "notes.db")
	f.must(os.WriteFile(notes, []byte("tea, cups, pots"), 0o600))
	for _, from := range []string{notes, filepath.Join(t.TempDir(), "gone.db"), path} {
		if _, err := data.Restore(f.ctx, path, from); err == nil {
			t.Fatalf("restored from %s", from)
		}
	}
	sameFile(t, path, before)
	if list, _ := data.ListBackups(path); len(list) > 0 {
		t.Fatalf("refused restores left copies: %v", list)
	}
}

// TestBackupWhileWriting: backups taken while orders are being written
// are each a consistent shop (integrity and invariants), and never block
// the writer for long.
func TestBackupWhileWriting(t *testing.T) {
	f := newShop(t)
	ctx, stop := context.WithCancel(f.ctx)
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for batch := 0; ctx.Err() == nil; batch++ {
			inputs := f.bulkInputs(40)
			for i := range inputs {
				inputs[i].PlatformOrderID = fmt.Sprintf("TB%04d-%02d", batch, i)
			}
			if _, err := f.svc.CreateOrders(ctx, inputs, true, nil); err != nil && ctx.Err() == nil {
				writeErr = err
				return
			}
		}
	}()
	var last int64
	for i := 0; i < 5; i++ {
		time.Sleep(30 * time.Millisecond)
		b, err := f.store.BackupTo(f.ctx, filepath.Join(t.TempDir(), fmt.Sprintf("copy-%d.db", i)))
		if err != nil {
			stop()
			t.Fatal(err)
		}
		sum, err := data.VerifyBackup(f.ctx, b.Path)
		if err != nil {
			stop()
			t.Fatal(err)
		}
		if sum.Orders%40 != 0 || sum.Orders < last {
			stop()
			t.Fatalf("backup %d holds %d orders after %d: a bulk import is all or nothing", i, sum.Orders, last)
		}
		last = sum.Orders
		s := openStore(t, b.Path)
		if problems, err := s.Check(f.ctx); err != nil || len(problems) > 0 {
			stop()
			t.Fatalf("backup %d: %v %v", i, problems, err)
		}
		f.must(s.Close())
	}
	stop()
	wg.Wait()
	if writeErr != nil {
		t.Fatal(writeErr)
	}
	if last == 0 {
		t.Fatal("no backup saw any order; the test proves nothing")
	}
}

// TestAutoBackupRotation: automatic backups are named for their database,
// kind and time; rotation keeps every one of the newest day, the newest
// of each of the last 7 days and 12 months, and never touches manual
// backups, copies made before updates and restores, or another
// database's backups in the same folder.
func TestAutoBackupRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	backups := data.BackupDir(path)
	f := func(name string) string { return filepath.Join(backups, name) }
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	var want, all []string
	add := func(name string, keep bool) {
		all = append(all, name)
		if keep {
			want = append(want, name)
		}
		if err := os.WriteFile(f(name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The newest day: all three kept.
	add("shop-auto-20260514-170000.db", true)
	add("shop-auto-20260514-130000.db", true)
	add("shop-auto-20260514-090000.db", true)
	// Six more days: the newest of each kept, the earlier one of a day not.
	for d := 13; d >= 8; d-- {
		add(fmt.Sprintf("shop-auto-202605%02d-180000.db", d), true)
		add(fmt.Sprintf("shop-auto-202605%02d-080000.db", d), false)
	}
	add("shop-auto-20260507-180000.db", false) // the eighth day, same month as kept ones
	// Months: the newest of April 2026 back to June 2025 (11 more months) kept, older not.
	for m := 0; m < 13; m++ {
		at := time.Date(2026, 4-time.Month(m), 28, 12, 0, 0, 0, time.Local)
		add("shop-auto-"+at.Format("20060102-150405")+".db", m < 11)
		add("shop-auto-"+at.AddDate(0, 0, -10).Format("20060102-150405")+".db", false)
	}
	add("shop-manual-20240101-120000.db", true)
	add("shop-before-restore-20240101-120000.db", true)
	add("shop-before-v3-20240101-120000.db", true)
	add("shop-damaged-20240101-120000.db", true)
	add("shop2-auto-20240101-120000.db", true)     // another database's
	add("shop-auto-auto-20240101-120000.db", true) // "shop-auto.db"'s
	add("notes.txt", true)
	add("shop-auto-20260514-180000.db.partial", true)  // a backup being written now
	add("shop-auto-20260101-120000.db.partial", false) // left by a crash
	long := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(f("shop-auto-20260101-120000.db.partial"), long, long); err != nil {
		t.Fatal(err)
	}

	removed, err := data.RotateBackups(path, data.DefaultRetention)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(backups)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Fatalf("kept\n  %s\nwant\n  %s", strings.Join(left, "\n  "), strings.Join(want, "\n  "))
	}
	if len(removed)+len(left) != len(all)-1 { // the stale partial is no backup
		t.Fatalf("removed %d, left %d, of %d", len(removed), len(left), len(all))
	}
	list, err := data.ListBackups(path)
	if err != nil {
		t.Fatal(err)
	}
	if list[0].Name() != "shop-auto-20260514-170000.db" || list[0].Kind != data.BackupAutomatic {
		t.Fatalf("newest first: %+v", list[0])
	}
	for _, b := range list {
		if strings.HasPrefix(b.Name(), "shop2-") || strings.HasPrefix(b.Name(), "shop-auto-auto-") {
			t.Fatalf("listed another database's backup %s", b.Name())
		}
	}

	// A real automatic backup: named, verified, and the rotation runs.
	s := openStore(t, path)
	b, err := s.AutoBackup(context.Background(), data.Retention{Daily: 1, Monthly: 1})
	if err != nil {
		t.Fatal(err)
	}
	if b.Kind != data.BackupAutomatic || !strings.HasPrefix(b.Name(), "shop-auto-"+time.Now().Format("20060102")) {
		t.Fatalf("automatic backup %+v", b)
	}
	if _, err := data.VerifyBackup(context.Background(), b.Path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f("shop-auto-20260514-170000.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("keeping 1 day, the older automatic backups should go: %v", err)
	}
	if _, err := os.Stat(f("shop-manual-20240101-120000.db")); err != nil {
		t.Fatal("rotation removed a manual backup")
	}
	b2, err := s.AutoBackup(context.Background(), data.DefaultRetention)
	if err != nil || b2.Path == b.Path {
		t.Fatalf("a second backup in the same second: %v, %s", err, b2.Name())
	}
}

// TestVerifyBackupSaysWhatAFileIs: everything that is not a whole
// OrderDesk database of a schema this program knows is refused, with the
// error to check and words that say what the file is.
func TestVerifyBackupSaysWhatAFileIs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s := openStore(t, good)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// sqlite makes an SQLite file: a copy of the good one changed by
	// script, or a new one.
	sqlite := func(name string, fromGood bool, script string) string {
		p := filepath.Join(dir, name)
		if fromGood {
			if err := os.WriteFile(p, raw, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(script + "; VACUUM"); err != nil {
			t.Fatal(err)
		}
		return p
	}
	damaged := append([]byte(nil), raw...)
	for i := 2 * 4096; i < len(damaged); i += 11 {
		damaged[i] = 0xEE
	}
	cases := []struct {
		name, path string
		want       error
		says       string
	}{
		{"missing", filepath.Join(dir, "none.db"), nil, "no such file"},
		{"folder", dir, nil, "is a folder"},
		{"empty file", write("empty.db", nil), data.ErrNotDatabase, "the file is empty"},
		{"text", write("list.db", []byte("tea, cups\n")), data.ErrNotDatabase, "a text file"},
		{"workbook", write("orders.db", []byte("PK\x03\x04\x14\x00\x06\x00")), data.ErrNotDatabase, "Excel workbook"},
		{"pdf", write("letter.db", []byte("%PDF-1.4\n%\xe2\xe3")), data.ErrNotDatabase, "a PDF document"},
		{"random bytes", write("noise.db", []byte{0x00, 0x9c, 0xff, 0x10, 0x01}), data.ErrNotDatabase, "not an SQLite file"},
		{"cut off header", write("cut.db", raw[:40]), data.ErrNotDatabase, "cut off"},
		{"truncated", write("half.db", raw[:len(raw)/2]), data.ErrCorrupt, ""},
		{"damaged pages", write("damaged.db", damaged), data.ErrCorrupt, ""},
		{"empty SQLite", sqlite("blank.db", false, "CREATE TABLE t (x); DROP TABLE t"), data.ErrNotDatabase, "an empty SQLite database"},
		{"another program's", sqlite("contacts.db", false, "CREATE TABLE contacts (name, phone)"), data.ErrNotDatabase,
			"another program's SQLite database, with tables contacts"},
		{"newer", sqlite("newer.db", true, fmt.Sprintf("PRAGMA user_version = %d", data.SchemaVersion()+1)), data.ErrTooNew, ""},
		{"never used", sqlite("unused.db", true, "PRAGMA user_version = 0"), data.ErrNotDatabase, "no shop was ever saved"},
		{"extra table", sqlite("extra.db", true, "CREATE TABLE my_notes (x)"), data.ErrUnknownSchema, "not ours my_notes"},
		{"dropped column", sqlite("dropped.db", true, "ALTER TABLE customers DROP COLUMN licence_no"), data.ErrUnknownSchema,
			"missing customers.licence_no"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := data.VerifyBackup(ctx, c.path)
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("want %v saying %q, got %v", c.want, c.says, err)
			}
		})
	}
	sum, err := data.VerifyBackup(ctx, good)
	if err != nil || sum.Schema != data.SchemaVersion() || sum.Orders != 0 {
		t.Fatalf("a good file: %+v %v", sum, err)
	}
	for _, name := range []string{"good.db-wal", "good.db-shm", "half.db-wal", "damaged.db-shm"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("verifying left %s beside the file", name)
		}
	}
}

// TestBackupDatabaseWhileOpen: the command line's backup reads a database
// another Store holds open, and refuses what is not an OrderDesk file.
func TestBackupDatabaseWhileOpen(t *testing.T) {
	f := busyShop(t)
	dst := filepath.Join(t.TempDir(), "usb", "shop-copy.db")
	b, err := data.BackupDatabase(f.ctx, f.store.Path(), dst)
	if err != nil {
		t.Fatal(err)
	}
	if b.Path != dst || b.Size == 0 || b.Orders != 6 || b.Shop != "Test Shop" {
		t.Fatalf("%+v", b)
	}
	sameRows(t, "copy", dump(t, dst), dump(t, f.store.Path()))
	if _, err := data.BackupDatabase(f.ctx, f.store.Path(), dst); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrote a file: %v", err)
	}
	notes := filepath.Join(t.TempDir(), "notes.db")
	f.must(os.WriteFile(notes, []byte("tea"), 0o600))
	if _, err := data.BackupDatabase(f.ctx, notes, ""); !errors.Is(err, data.ErrNotDatabase) {
		t.Fatalf("want ErrNotDatabase, got %v", err)
	}
	if _, err := os.Stat(data.BackupDir(notes)); err == nil {
		t.Fatal("a refused backup made a backups folder")
	}
}
