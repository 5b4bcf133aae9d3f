package screens

import (
	"context"
	"sync"

	"orderdesk/app"
)

// pageSize is how many rows one query loads; a screenful is about 30.
const pageSize = 100

// orderPages is the data behind the order table: a search loaded a page at
// a time as rows come into view, so a million orders cost one page query,
// never a table scan into memory. It has no widgets; onLoaded tells the
// screen that rows arrived.
type orderPages struct {
	svc      *app.Service
	onLoaded func()

	mu      sync.Mutex
	query   app.OrderQuery
	gen     int // bumped by every new search; late pages of an old one are dropped
	total   int
	pages   map[int][]app.OrderRow
	loading map[int]bool
}

func newOrderPages(svc *app.Service, onLoaded func()) *orderPages {
	return &orderPages{svc: svc, onLoaded: onLoaded, pages: map[int][]app.OrderRow{}, loading: map[int]bool{}}
}

// Search starts a new search and loads its count and first page. Call it
// off the UI goroutine.
func (p *orderPages) Search(ctx context.Context, q app.OrderQuery) error {
	q.Limit, q.Offset, q.SkipTotal = pageSize, 0, false
	page, err := p.svc.SearchOrders(ctx, q)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.gen++
	p.query, p.total = q, page.Total
	p.pages = map[int][]app.OrderRow{0: page.Rows}
	p.loading = map[int]bool{}
	p.mu.Unlock()
	return nil
}

// Len is how many orders match.
func (p *orderPages) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.total
}

// Row returns row i if its page is loaded; if not it starts loading the
// page in the background and reports false.
func (p *orderPages) Row(ctx context.Context, i int) (app.OrderRow, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := i / pageSize
	if rows, ok := p.pages[n]; ok {
		if k := i % pageSize; k < len(rows) {
			return rows[k], true
		}
		return app.OrderRow{}, false
	}
	if !p.loading[n] {
		p.loading[n] = true
		go p.load(ctx, p.gen, p.query, n)
	}
	return app.OrderRow{}, false
}

func (p *orderPages) load(ctx context.Context, gen int, q app.OrderQuery, n int) {
	q.Offset, q.SkipTotal = n*pageSize, true
	page, err := p.svc.SearchOrders(ctx, q)
	p.mu.Lock()
	if gen != p.gen {
		p.mu.Unlock()
		return
	}
	delete(p.loading, n)
	if err == nil {
		p.pages[n] = page.Rows
	}
	p.mu.Unlock()
	if err == nil && p.onLoaded != nil {
		p.onLoaded()
	}
}
