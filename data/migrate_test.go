package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// TestMigrationBacksUpFirst makes a database as the first version of the
// program left it, with a shop in it, then opens it: the schema moves to
// the current version, the shop is still there with the new settings at
// their defaults, and a copy of the old file waits in the backups folder.
func TestMigrationBacksUpFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	first, err := os.ReadFile("migrations/0001_core.sql")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(first), "PRAGMA user_version = 1", "PRAGMA application_id = 1330791507",
		`INSERT INTO shop (id, name, currency, country) VALUES (1, 'Old Tea Shop', 'GBP', 'GB')`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%.40s: %v", q, err)
		}
	}
	raw.Close()

	store := openStore(t, path)
	var version int
	if err := store.Read(context.Background(), func(app.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	check, _ := sql.Open("sqlite", "file:"+path+"?mode=ro")
	defer check.Close()
	if err := check.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != data.SchemaVersion() {
		t.Fatalf("schema version %d (%v), want %d", version, err, data.SchemaVersion())
	}
	shop, err := app.NewService(store).Shop(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if shop.Name != "Old Tea Shop" || shop.Currency.Code != "GBP" || shop.Policy.ReturnWindowDays != 7 ||
		!shop.Calendar.Days[1] || shop.Calendar.Days[0] || shop.Calendar.Start != "09:00" {
		t.Fatalf("shop after migration: %+v", shop)
	}
	backups, _ := filepath.Glob(filepath.Join(data.BackupDir(path), "old-before-v*.db"))
	if len(backups) != 1 {
		t.Fatalf("want one backup before migrating, found %v", backups)
	}
	old, _ := sql.Open("sqlite", "file:"+backups[0]+"?mode=ro")
	defer old.Close()
	var oldVersion int
	var name string
	if err := old.QueryRow("PRAGMA user_version").Scan(&oldVersion); err != nil || oldVersion != 1 {
		t.Fatalf("backup is at version %d (%v), want 1", oldVersion, err)
	}
	if err := old.QueryRow("SELECT name FROM shop").Scan(&name); err != nil || name != "Old Tea Shop" {
		t.Fatalf("backup holds %q (%v)", name, err)
	}
}

// TestShopSettingsRoundTrip stores every setting and reads it back.
func TestShopSettingsRoundTrip(t *testing.T) {
	f := newShop(t)
	shop, err := f.svc.Shop(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	shop.TaxID = "91330106MA2KXXXX1Y"
	shop.Logo = []byte("\x89PNG fake logo bytes")
	shop.OrderPrefix = "qt"
	shop.Calendar.Start, shop.Calendar.End = "08:30", "17:30"
	shop.Calendar.Days = [7]bool{false, true, true, true, true, true, true}
	shop.Calendar.Holidays = []time.Time{time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local), time.Date(2026, 10, 2, 0, 0, 0, 0, time.Local)}
	shop.Policy = app.Policy{RemoteAreas: []string{"新疆维吾尔自治区", " 西藏自治区 ", ""}, QuantityFactor: 8, CutOff: "17:00",
		ReturnWindowDays: 15, AutoCompleteDays: 10, AutoConfirm: false, SecondCheck: true, LargeOrder: 300000,
		MaxDiscountPercent: 20, Coupons: []string{"vip10", "VIP10", " new5 "}, ContactWithinMinutes: 90}
	shop.DocumentLanguage = "zh"
	if err := f.svc.SaveShop(f.ctx, shop); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Shop(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.TaxID != shop.TaxID || string(got.Logo) != string(shop.Logo) || got.OrderPrefix != "QT" ||
		got.Calendar.Start != "08:30" || got.Calendar.Days != shop.Calendar.Days || len(got.Calendar.Holidays) != 2 ||
		!got.Calendar.Holidays[1].Equal(shop.Calendar.Holidays[1]) || len(got.Policy.RemoteAreas) != 2 ||
		got.Policy.RemoteAreas[1] != "西藏自治区" || got.Policy.QuantityFactor != 8 || got.Policy.CutOff != "17:00" ||
		got.Policy.ReturnWindowDays != 15 || got.Policy.AutoCompleteDays != 10 || got.Policy.AutoConfirm ||
		!got.Policy.SecondCheck || got.Policy.LargeOrder != 300000 || got.Policy.MaxDiscountPercent != 20 ||
		strings.Join(got.Policy.Coupons, ",") != "VIP10,NEW5" || got.Policy.ContactWithinMinutes != 90 ||
		got.DocumentLanguage != "zh" {
		t.Fatalf("read back %+v", got)
	}
	bad := got
	bad.Calendar.End = "07:00"
	bad.Policy.CutOff = "6pm"
	bad.Calendar.Days = [7]bool{}
	err = f.svc.SaveShop(f.ctx, bad)
	v, ok := app.IsValidation(err)
	if !ok {
		t.Fatalf("bad settings were saved: %v", err)
	}
	for _, field := range []string{"calendar.end", "policy.cutoff", "calendar.days"} {
		if _, ok := v.For(field); !ok {
			t.Errorf("no problem reported for %s: %v", field, err)
		}
	}
}
