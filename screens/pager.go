package screens

import (
	"context"
	"sync"
)

// pageSize is how many rows one query loads; a screenful is about 30.
const pageSize = 100

// fetchPage loads rows [offset, offset+limit) of a search, and the number
// of matches overall when withTotal is set.
type fetchPage[T any] func(ctx context.Context, offset, limit int, withTotal bool) (rows []T, total int, err error)

// pager is the data behind a list or table: a search loaded a page at a
// time as rows come into view, so a million orders cost one page query,
// never a table scan into memory. It has no widgets; onLoaded tells the
// screen that rows arrived.
type pager[T any] struct {
	onLoaded func()
	size     int // rows a page
	// background loads pages off the UI goroutine; tests run it inline.
	background func(func())

	mu      sync.Mutex
	fetch   fetchPage[T]
	asked   int // searches started
	gen     int // the search shown; late answers of older ones are dropped
	total   int
	pages   map[int][]T
	loading map[int]bool
}

func newPager[T any](onLoaded func()) *pager[T] {
	return &pager[T]{onLoaded: onLoaded, size: pageSize, background: func(f func()) { go f() },
		pages: map[int][]T{}, loading: map[int]bool{}}
}

// Search starts a new search and loads its count and first page. Call it
// off the UI goroutine. An answer that comes after a newer search's is
// dropped, so fast typing never shows an older result.
func (p *pager[T]) Search(ctx context.Context, fetch fetchPage[T]) error {
	p.mu.Lock()
	p.asked++
	ticket := p.asked
	p.mu.Unlock()
	rows, total, err := fetch(ctx, 0, p.size, true)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if ticket < p.gen {
		return nil
	}
	p.gen, p.fetch, p.total = ticket, fetch, total
	p.pages, p.loading = map[int][]T{0: rows}, map[int]bool{}
	return nil
}

// Len is how many rows match.
func (p *pager[T]) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.total
}

// Row returns row i if its page is loaded; if not it starts loading the
// page and reports false.
func (p *pager[T]) Row(ctx context.Context, i int) (T, bool) {
	if row, ok := p.cached(i); ok {
		return row, true
	}
	p.mu.Lock()
	n, gen, fetch := i/p.size, p.gen, p.fetch
	start := !p.loading[n] && fetch != nil && p.pages[n] == nil
	if start {
		p.loading[n] = true
	}
	p.mu.Unlock()
	if !start {
		var zero T
		return zero, false
	}
	p.background(func() { p.load(ctx, gen, fetch, n) })
	return p.cached(i) // there already when loading runs inline
}

func (p *pager[T]) cached(i int) (T, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if rows, ok := p.pages[i/p.size]; ok && i%p.size < len(rows) {
		return rows[i%p.size], true
	}
	var zero T
	return zero, false
}

// Find returns the index of the first loaded row that matches.
func (p *pager[T]) Find(match func(T) bool) (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for n, rows := range p.pages {
		for k, r := range rows {
			if match(r) {
				return n*p.size + k, true
			}
		}
	}
	return 0, false
}

func (p *pager[T]) load(ctx context.Context, gen int, fetch fetchPage[T], n int) {
	rows, _, err := fetch(ctx, n*p.size, p.size, false)
	p.mu.Lock()
	if gen != p.gen {
		p.mu.Unlock()
		return
	}
	delete(p.loading, n)
	if err == nil {
		p.pages[n] = rows
	}
	p.mu.Unlock()
	if err == nil && p.onLoaded != nil {
		p.onLoaded()
	}
}
