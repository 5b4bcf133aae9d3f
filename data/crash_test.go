package data_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// The crash test runs the shop's work in a child process (this test
// binary again, running TestCrashChild) and kills it with SIGKILL at a
// random moment: in the middle of a transaction, during a commit, while
// the database opens. The parent then opens the database as the next
// start would and checks that SQLite and the shop's invariants hold, that
// no order is partial and no import half done, and that everything the
// child saw committed is there.
const (
	crashWorkEnv = "ORDERDESK_CRASH_WORK" // "import" or "orders": set in the child only
	crashDBEnv   = "ORDERDESK_CRASH_DB"
	crashSeedEnv = "ORDERDESK_CRASH_SEED"
	// crashKillsEnv asks for more kills of each kind than the default
	// 40 (CI: about 15 s in all), e.g. 500.
	crashKillsEnv = "ORDERDESK_CRASH_KILLS"
)

// Every order the children write says in its platform id how many lines
// it has ("…-L3") and, for imports, its batch and the batch's size
// ("K7-12-40-5-L2": seed 7, batch 12 of 40 orders, the 5th), so a partial
// one shows.

func TestCrashSafety(t *testing.T) {
	kills, budget := 40, 40*time.Second
	if n, err := strconv.Atoi(os.Getenv(crashKillsEnv)); err == nil && n > 0 {
		kills, budget = n, time.Hour
	} else if testing.Short() {
		kills = 10
	}
	f := newShop(t)
	for _, p := range f.products { // stock for many allocations
		f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: p.ID, BinID: f.bins[0].ID, Qty: 100_000, Reference: "PO-BIG"}))
	}
	path := f.store.Path()
	f.must(f.store.Close())

	start := time.Now()
	rng := rand.New(rand.NewPCG(uint64(start.UnixNano()), 1))
	var killed, seen int
	for _, work := range []string{"import", "orders"} {
		t.Run(work, func(t *testing.T) {
			for i := 0; i < kills && time.Since(start) < budget; i++ {
				seed := rng.Uint64N(1 << 40)
				// Mostly within the first half second, where a batch is
				// mid-transaction; sometimes right away, while opening.
				delay := time.Duration(rng.Int64N(int64(400 * time.Millisecond)))
				if rng.IntN(8) == 0 {
					delay = 0
				}
				committed := crashOnce(t, path, work, seed, delay)
				seen += len(committed)
				killed++
				checkAfterCrash(t, path, committed)
			}
		})
	}
	t.Logf("%d kills in %v; the children reported %d commits, all found", killed, time.Since(start).Round(time.Millisecond), seen)
	if killed < 10 {
		t.Fatalf("only %d kills in the time allowed; the machine is too slow for the test to mean much", killed)
	}
}

// crashOnce runs one child on the database and kills it delay after it
// is ready; it returns the platform ids the child reported committed.
func crashOnce(t *testing.T, path, work string, seed uint64, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashWorkEnv+"="+work, crashDBEnv+"="+path, crashSeedEnv+"="+strconv.FormatUint(seed, 10))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	var mu sync.Mutex
	var committed []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		first := true
		for sc.Scan() {
			line := sc.Text()
			if id, ok := strings.CutPrefix(line, "committed "); ok {
				mu.Lock()
				committed = append(committed, strings.Fields(id)...)
				mu.Unlock()
			}
			if line == "ready" && first {
				first = false
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-done:
		_ = cmd.Wait()
		t.Fatalf("the child (%s, seed %d) ended before it was ready: %s", work, seed, stderr.String())
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the child (%s, seed %d) never got ready: %s", work, seed, stderr.String())
	}
	time.Sleep(delay)
	select {
	case <-done: // it stopped by itself: a failure it printed
		_ = cmd.Wait()
		t.Fatalf("the child (%s, seed %d) stopped before it was killed: %s", work, seed, stderr.String())
	default:
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	_ = cmd.Wait()
	<-done
	mu.Lock()
	defer mu.Unlock()
	return committed
}

// checkAfterCrash opens the database as the next start would and checks
// it whole.
func checkAfterCrash(t *testing.T, path string, committed []string) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer s.Close()
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("after the kill: %s", p)
	}
	db := rawDB(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT o.platform_order_id, count(l.id) FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
		WHERE o.platform_order_id LIKE '%-L%' GROUP BY o.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	have := map[string]bool{}
	batches := map[string]int{} // import batch → orders found
	batchSize := map[string]int{}
	for rows.Next() {
		var id string
		var lines int
		if err := rows.Scan(&id, &lines); err != nil {
			t.Fatal(err)
		}
		have[id] = true
		_, l, _ := strings.Cut(id[strings.LastIndex(id, "-L"):], "-L")
		if want, _ := strconv.Atoi(l); lines != want {
			t.Errorf("order %s has %d of its %d lines", id, lines, want)
		}
		if parts := strings.Split(id, "-"); parts[0][0] == 'K' && len(parts) == 5 {
			key := parts[0] + "-" + parts[1]
			batches[key]++
			batchSize[key], _ = strconv.Atoi(parts[2])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for key, n := range batches {
		if n != batchSize[key] {
			t.Errorf("import %s is half there: %d of its %d orders", key, n, batchSize[key])
		}
	}
	for _, id := range committed {
		if !have[id] {
			t.Errorf("order %s was committed before the kill and is gone", id)
		}
	}
}

// TestCrashChild is the child's work; it does nothing unless
// TestCrashSafety started it. It works until it is killed, saying
// "committed ID…" after every commit, and stops with a message on any
// error that is not the shop refusing an order.
func TestCrashChild(t *testing.T) {
	work := os.Getenv(crashWorkEnv)
	if work == "" {
		t.Skip("the child of TestCrashSafety")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 2))
	ctx := app.WithActor(context.Background(), app.Actor{Name: "crash", Role: app.RoleOwner})
	s, err := data.Open(ctx, os.Getenv(crashDBEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	svc := app.NewService(s)
	fmt.Println("ready")
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(3)
	}
	skus := []string{"TEA-001", "CUP-002", "POT-003"}
	now := time.Now().UTC().Add(-time.Hour)
	var customer int64 = 1
	if work == "import" {
		for batch := 0; ; batch++ {
			size := 20 + rng.IntN(180)
			b := app.ImportBatch{Source: "crash.csv", Channel: app.ChannelTaobao}
			ids := make([]string, size)
			for i := range size {
				n := 1 + rng.IntN(4)
				ids[i] = fmt.Sprintf("K%d-%d-%d-%d-L%d", seed, batch, size, i, n)
				o := app.ImportOrder{Row: i + 2, PlatformOrderID: ids[i], OrderedAt: now,
					Customer:      app.ImportCustomer{Code: fmt.Sprint("tb_", rng.IntN(50)), Name: "王芳", Phone: "13700137000"},
					RecipientName: "王芳", RecipientPhone: "13700137000", ShippingFee: 800, PaymentMethod: app.PayPlatform,
					Address: app.Address{Province: "江苏省", City: "南京市", District: "鼓楼区", Street: "中山路 1 号"}}
				for l := range n {
					o.Lines = append(o.Lines, app.ImportLine{Row: i + 2, SKU: skus[l%3], Qty: int64(1 + rng.IntN(3)), UnitPrice: 9900})
				}
				b.Orders = append(b.Orders, o)
			}
			if _, err := svc.ImportOrders(ctx, b, nil); err != nil {
				fail("import", err)
			}
			fmt.Println("committed " + strings.Join(ids, " "))
		}
	}
	var orders []int64
	for step := 0; ; step++ {
		var id int64
		if len(orders) > 0 {
			id = orders[rng.IntN(len(orders))]
		}
		var err error
		switch op := rng.IntN(10); {
		case op < 3 || id == 0:
			n := 1 + rng.IntN(3)
			in := app.OrderInput{Channel: app.ChannelPhone, CustomerID: customer, RecipientName: "张伟", RecipientPhone: "13800138000",
				PlatformOrderID: fmt.Sprintf("P%d-%d-L%d", seed, step, n), PaymentMethod: app.PayAlipay, ShippingFee: 1000,
				Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号", Postcode: "310012"}}
			for l := range n {
				in.Lines = append(in.Lines, app.LineInput{SKU: skus[l], Qty: int64(1 + rng.IntN(3))})
			}
			var o *app.Order
			if o, err = svc.CreateOrder(ctx, in, true); err == nil {
				orders = append(orders, o.ID)
				fmt.Println("committed " + in.PlatformOrderID)
			}
		case op == 3:
			_, err = svc.Confirm(ctx, id)
		case op == 4:
			_, err = svc.Allocate(ctx, id)
		case op == 5:
			var o *app.Order
			if o, err = svc.Order(ctx, id); err == nil && o.Payable > o.AmountPaid {
				_, err = svc.RecordPayment(ctx, id, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable - o.AmountPaid})
			}
		case op == 6:
			if _, err = svc.StartPicking(ctx, id); err == nil {
				_, err = svc.Pack(ctx, id)
			}
		case op == 7:
			_, err = svc.Ship(ctx, id)
		case op == 8:
			_, err = svc.Cancel(ctx, id, "customer asked to cancel")
		default:
			err = svc.ReceiveStock(ctx, app.StockReceipt{ProductID: int64(1 + rng.IntN(3)), BinID: 1, Qty: 5, Reference: "PO-CRASH"})
		}
		if classifyErr(err) == otherError {
			fail(fmt.Sprintf("step %d on order %d", step, id), err)
		}
	}
}
