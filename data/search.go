package data

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"orderdesk/app"
)

// isCJK reports whether r is written without spaces between words (Han,
// kana, Hangul), so each such character is indexed as its own word.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// splitCJK puts spaces around every CJK character. The index's tokenizer
// (unicode61) then sees "张 伟" and a search for "伟" or "张伟" (as a
// phrase) finds it, which whole-word tokens never would.
func splitCJK(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if isCJK(r) {
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// searchBody is the text indexed for an order: what R-06 finds orders by.
// Phones are indexed as digits, whole and by their last four (what a
// customer reads out on the phone).
func searchBody(o *app.Order, tracking string) string {
	parts := []string{o.Number, o.PlatformOrderID, o.CustomerName, o.Contact, o.RecipientName, tracking}
	for _, phone := range []string{o.RecipientPhone, o.CustomerPhone} {
		if d := app.PhoneDigits(phone); d != "" {
			parts = append(parts, d)
			if len(d) > 4 {
				parts = append(parts, d[len(d)-4:])
			}
		}
	}
	for _, l := range o.Lines {
		parts = append(parts, l.SKU)
	}
	body := strings.Join(parts, " ")
	for _, word := range strings.Fields(body) {
		if j, ok := joinCode(word); ok {
			parts = append(parts, j)
		}
	}
	return splitCJK(strings.Join(parts, " "))
}

// joinCode drops the separators inside a code such as a SKU ("TEA-LJ-250"
// becomes "TEALJ250"). Codes are indexed both ways: the parts, so "250"
// finds it, and joined, so the whole code is one word and a search for it
// reads one short list instead of every order holding "TEA".
func joinCode(word string) (string, bool) {
	var b strings.Builder
	seps, runs := 0, 0
	inRun := false
	for _, r := range word {
		switch {
		case isCJK(r):
			return "", false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			if !inRun {
				runs++
			}
			inRun = true
		default:
			seps++
			inRun = false
		}
	}
	return b.String(), runs > 1 && seps > 0
}

// indexLater queues an order's search entry until the transaction ends.
// FTS5 writes out its pending entries whenever another statement opens a
// savepoint (every insert into a table with foreign keys does), so entries
// written one per order end up as thousands of tiny index segments; queued
// and written together they make one.
func (t *tx) indexLater(id int64, body string) {
	if t.searchQueue == nil {
		t.searchQueue = map[int64]string{}
	}
	if _, queued := t.searchQueue[id]; !queued {
		t.searchOrder = append(t.searchOrder, id)
	}
	t.searchQueue[id] = body
}

// flushSearch writes the queued search entries.
func (t *tx) flushSearch(ctx context.Context) error {
	for _, id := range t.searchOrder {
		if _, err := t.exec(ctx, `INSERT INTO order_search (rowid, body) VALUES (?, ?)`, id, t.searchQueue[id]); err != nil {
			return err
		}
	}
	t.searchQueue, t.searchOrder = nil, nil
	return nil
}

// orderNumberPattern is a whole order number: optional prefix, YYYYMM,
// dash, sequence. Such a search goes straight to the number's index.
var orderNumberPattern = regexp.MustCompile(`^[A-Za-z]{0,6}\d{6}-\d{3,}$`)

// orderNumberStart is the beginning of an order number ("202605-0"): a
// search for every number that starts so.
var orderNumberStart = regexp.MustCompile(`^[A-Za-z]{0,6}\d{6}-\d{0,2}$`)

// phonePattern is a phone number typed with the usual separators.
var phonePattern = regexp.MustCompile(`^\+?[\d\s\-()]{7,}$`)

// SearchQuery is a user's search text turned into what the database runs.
// Text shaped like an order number sets Number or NumberPrefix and Match
// too: the orders found are those of that number (or starting so) and
// those whose indexed text matches (a platform's order id such as
// "TB202611-01" looks just like one of the shop's numbers).
type SearchQuery struct {
	Number       string // an exact order number, or ""
	NumberPrefix string // the start of order numbers, or ""
	Match        string // an FTS5 expression, or "" when nothing to match
}

// ParseSearch turns what the user typed into an order number (whole or its
// start) searched in the numbers' index and in the text, or an FTS5
// expression in which every word must match (a prefix, for words of two or
// more letters or digits). Quotes and FTS5 operators in the text are taken
// literally; the result is always a valid expression.
func ParseSearch(text string) SearchQuery {
	// Control characters separate words: FTS5 takes a NUL (pasted along
	// with text) for the end of the expression and fails on it.
	text = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, text))
	if text == "" {
		return SearchQuery{}
	}
	if orderNumberPattern.MatchString(text) {
		// A whole number: in the text, a code that is exactly it (a
		// platform's order id). As a prefix it would also find the longer
		// numbers that start with it (202605-001 → 202605-0012) once a
		// month passes 999 orders.
		j, _ := joinCode(text)
		return SearchQuery{Number: strings.ToUpper(text), Match: `"` + j + `"`}
	}
	if orderNumberStart.MatchString(text) {
		return SearchQuery{NumberPrefix: strings.ToUpper(text), Match: matchTerm(text)}
	}
	if phonePattern.MatchString(text) {
		if d := app.PhoneDigits(text); len(d) >= 7 {
			return SearchQuery{Match: `"` + d + `"*`}
		}
	}
	var terms []string
	for _, word := range strings.Fields(text) {
		if term := matchTerm(word); term != "" {
			terms = append(terms, term)
		}
		if len(terms) == 8 {
			break // more words narrow nothing a person would type
		}
	}
	return SearchQuery{Match: strings.Join(terms, " ")}
}

// matchTerm makes one typed word into an FTS5 phrase.
func matchTerm(word string) string {
	hasToken := false
	lastRun := 0 // letters/digits at the end of the word, not CJK
	lastCJK := false
	for _, r := range word {
		switch {
		case isCJK(r):
			hasToken, lastRun, lastCJK = true, 0, true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			hasToken, lastCJK = true, false
			lastRun++
		default:
			lastRun, lastCJK = 0, false
		}
	}
	if !hasToken {
		return ""
	}
	if j, ok := joinCode(word); ok && lastRun > 0 {
		return `"` + j + `"*`
	}
	phrase := `"` + strings.ReplaceAll(strings.Join(strings.Fields(splitCJK(word)), " "), `"`, `""`) + `"`
	// A one-letter prefix would match a large part of the index and
	// narrow nothing; a CJK character is a whole word already.
	if !lastCJK && lastRun >= 2 {
		phrase += "*"
	}
	return phrase
}

// orderSortColumns maps a sort choice to its indexed column.
var orderSortColumns = map[app.OrderSort]string{
	app.SortOrderedAt: "o.ordered_at",
	app.SortNumber:    "o.number",
	app.SortPayable:   "o.payable",
	app.SortCustomer:  "o.customer_name",
	app.SortStatus:    "o.status",
}

// SearchOrders runs an order search: filters on indexed columns,
// free text through the FTS index, one page, and the total when asked.
func (t *tx) SearchOrders(ctx context.Context, q app.OrderQuery) (app.OrderPage, error) {
	if err := t.flushSearch(ctx); err != nil {
		return app.OrderPage{}, err
	}
	var where []string
	var args []any
	// With search text the index's matches drive the query (CROSS JOIN
	// keeps SQLite from scanning a filter's index and probing the text
	// index once per row instead).
	from := "orders o"
	sq := ParseSearch(q.Text)
	switch {
	case sq.Number != "" || sq.NumberPrefix != "":
		// The number's index (a range for the start of a number) and the
		// text index each give their few ids; their union drives the query.
		number, numberArgs := "number = ?", []any{sq.Number}
		if sq.NumberPrefix != "" {
			number, numberArgs = "number >= ? AND number < ?", []any{sq.NumberPrefix, sq.NumberPrefix + "\U0010FFFF"}
		}
		ids := `SELECT id FROM orders WHERE ` + number
		args = append(args, numberArgs...)
		if sq.Match != "" {
			ids += ` UNION SELECT rowid FROM order_search WHERE order_search MATCH ?`
			args = append(args, sq.Match)
		}
		from = `(` + ids + `) m CROSS JOIN orders o ON o.id = m.id`
	case sq.Match != "":
		from = `order_search s CROSS JOIN orders o ON o.id = s.rowid`
		where = append(where, "s.order_search MATCH ?")
		args = append(args, sq.Match)
	case strings.TrimSpace(q.Text) != "":
		// Only punctuation was typed: nothing can match.
		return app.OrderPage{}, nil
	}
	addIn := func(col string, n int, value func(i int) any) {
		if n == 0 {
			return
		}
		where = append(where, col+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+")")
		for i := 0; i < n; i++ {
			args = append(args, value(i))
		}
	}
	addIn("o.status", len(q.Statuses), func(i int) any { return string(q.Statuses[i]) })
	addIn("o.channel", len(q.Channels), func(i int) any { return string(q.Channels[i]) })
	addIn("o.payment_status", len(q.PaymentStatus), func(i int) any { return string(q.PaymentStatus[i]) })
	if q.CustomerID != 0 {
		where = append(where, "o.customer_id = ?")
		args = append(args, q.CustomerID)
	}
	if !q.From.IsZero() {
		where = append(where, "o.ordered_at >= ?")
		args = append(args, fmtTime(q.From))
	}
	if !q.To.IsZero() {
		where = append(where, "o.ordered_at < ?")
		args = append(args, fmtTime(q.To))
	}
	col, ok := orderSortColumns[q.Sort]
	if !ok {
		col = "o.ordered_at"
	}
	dir := "DESC"
	if q.Ascending {
		dir = "ASC"
	}
	page := app.OrderPage{Total: -1}
	if !q.SkipTotal {
		if err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM `+from+whereClause(where), args...).Scan(&page.Total); err != nil {
			return page, storageError(fmt.Errorf("count orders: %w", err))
		}
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT o.id, o.number, o.ordered_at, o.channel, o.customer_name, o.recipient_name,
		o.recipient_phone, o.payable, o.payment_status, o.status FROM `+from+whereClause(where)+
		` ORDER BY `+col+` `+dir+`, o.id `+dir+` LIMIT ? OFFSET ?`, append(args, limitOr(q.Limit, 100), max(q.Offset, 0))...)
	if err != nil {
		return page, storageError(fmt.Errorf("search orders: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var r app.OrderRow
		var ts timeScanner
		if err := rows.Scan(&r.ID, &r.Number, ts.at(&r.OrderedAt), &r.Channel, &r.CustomerName, &r.RecipientName,
			&r.RecipientPhone, &r.Payable, &r.PaymentStatus, &r.Status); err != nil {
			return page, err
		}
		if err := ts.parse(); err != nil {
			return page, err
		}
		page.Rows = append(page.Rows, r)
	}
	return page, storageError(rows.Err())
}
