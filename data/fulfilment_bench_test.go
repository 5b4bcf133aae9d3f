package data_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"orderdesk/app"
	"orderdesk/data"
)

// stagesDB is the million-order search database with one order in a
// hundred moved to each fulfilment stage, as on the day after a big sale
// (10,000 orders in each queue), kept in the temp folder between runs.
func stagesDB(b *testing.B) (*app.Service, context.Context) {
	b.Helper()
	const n = 1_000_000
	path := filepath.Join(os.TempDir(), fmt.Sprintf("orderdesk-bench-stages-%d-v%d.db", n, data.SchemaVersion()))
	ctx := app.WithActor(context.Background(), app.Actor{Name: "bench"})
	if _, err := os.Stat(path); err != nil {
		src := searchDB(b, n)
		src.store.Close()
		from := filepath.Join(os.TempDir(), fmt.Sprintf("orderdesk-bench-%d-v%d.db", n, data.SchemaVersion()))
		if err := copyFile(from, path+".part"); err != nil {
			b.Fatal(err)
		}
		db, err := sql.Open("sqlite", path+".part")
		if err != nil {
			b.Fatal(err)
		}
		// Statuses only: the queues are read through the status index and
		// each order's ledger rows, which is what is measured.
		_, err = db.Exec(`UPDATE orders SET status = CASE id % 100 WHEN 0 THEN 'confirmed' WHEN 1 THEN 'allocated'
			WHEN 2 THEN 'picking' WHEN 3 THEN 'picking' WHEN 4 THEN 'partly_shipped' WHEN 5 THEN 'shipped'
			ELSE 'completed' END, verified_at = CASE id % 100 WHEN 3 THEN '2026-01-01T00:00:00.000Z' ELSE '' END`)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".part", path); err != nil {
			b.Fatal(err)
		}
	}
	store, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	return app.NewService(store), ctx
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkStageQueues1M: the Fulfilment section's counts and a page of
// each queue at a million orders, 10,000 of them in each queue.
func BenchmarkStageQueues1M(b *testing.B) {
	svc, ctx := stagesDB(b)
	b.Run("counts", func(b *testing.B) {
		var counts map[app.Stage]int
		for b.Loop() {
			var err error
			if counts, err = svc.StageCounts(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(counts[app.StagePick]), "to-pick")
	})
	for _, stage := range []app.Stage{app.StageAllocate, app.StagePick, app.StageVerify, app.StagePack} {
		b.Run(string(stage)+"-page", func(b *testing.B) {
			var total int
			for b.Loop() {
				rows, n, err := svc.StageOrders(ctx, stage, 100, 0)
				if err != nil {
					b.Fatal(err)
				}
				if len(rows) == 0 && stage != app.StagePack {
					b.Fatalf("no %s rows", stage) // the generated orders hold no stock to pack
				}
				total = n
			}
			b.ReportMetric(float64(total), "orders")
		})
	}
}
