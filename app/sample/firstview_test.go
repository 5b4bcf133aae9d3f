package sample_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
)

// The sample shop opens on a morning's work queue, whatever day it is
// made: a few tasks due today, few overdue, none overdue for weeks.
func TestSampleQueueLooksLikeAMorning(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC),
	} {
		ctx := context.Background()
		store, err := data.Open(ctx, filepath.Join(t.TempDir(), "sample.db"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sample.Generate(ctx, store, sample.Options{Orders: 150, Now: now, Seed: 2}); err != nil {
			t.Fatal(err)
		}
		tasks, err := app.NewService(store).Tasks(ctx, app.TaskFilter{OpenOnly: true})
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		var overdue, old, ahead int
		var oldest time.Time
		for _, k := range tasks {
			switch {
			case k.Due.After(now):
				ahead++
			case k.Due.Before(now.AddDate(0, 0, -1)):
				old++
				overdue++
				if oldest.IsZero() || k.Due.Before(oldest) {
					oldest = k.Due
				}
			default:
				overdue++
			}
		}
		t.Logf("%s: %d open tasks, %d ahead, %d overdue, %d of them by more than a day (oldest %s)",
			now.Format(time.DateOnly), len(tasks), ahead, overdue, old, oldest.Format(time.DateOnly))
		if ahead == 0 {
			t.Errorf("%s: nothing is due ahead", now.Format(time.DateOnly))
		}
		if overdue > 20 || old > 4 {
			t.Errorf("%s: %d tasks overdue, %d by more than a day: a wall of red, not a morning", now.Format(time.DateOnly),
				overdue, old)
		}
		if !oldest.IsZero() && oldest.Before(now.AddDate(0, 0, -7)) {
			t.Errorf("%s: a task overdue since %s", now.Format(time.DateOnly), oldest.Format(time.DateOnly))
		}
	}
}
