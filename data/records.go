package data

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"orderdesk/app"
)

// InsertPayment appends a payment.
func (t *tx) InsertPayment(ctx context.Context, p *app.Payment) error {
	id, err := t.insert(ctx, `INSERT INTO payments (order_id, method, amount, at, transaction_id, note, actor)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.OrderID, p.Method, p.Amount, fmtTime(p.At), p.TransactionID, p.Note, p.Actor)
	if err != nil {
		return err
	}
	p.ID = id
	return nil
}

// Payments lists an order's payments, oldest first.
func (t *tx) Payments(ctx context.Context, orderID int64) ([]app.Payment, error) {
	rows, err := t.query(ctx, `SELECT id, order_id, method, amount, at, transaction_id, note, actor FROM payments
		WHERE order_id = ? ORDER BY at, id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.Payment
	for rows.Next() {
		var p app.Payment
		var ts timeScanner
		if err := rows.Scan(&p.ID, &p.OrderID, &p.Method, &p.Amount, ts.at(&p.At), &p.TransactionID, &p.Note, &p.Actor); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// InsertEvent appends to the history, linked to the event before it (see
// eventChain). The writer is the only one appending, so the last row read
// here is still the last when the row goes in; the id is given, not left
// to SQLite, because it is part of the link and events are never updated.
func (t *tx) InsertEvent(ctx context.Context, e *app.Event) error {
	var last int64
	var prev string
	err := t.queryRow(ctx, `SELECT id, chain FROM events ORDER BY id DESC LIMIT 1`).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return storageError(err)
	}
	id, at := last+1, fmtTime(e.At)
	chain := eventChain(prev, id, at, e.Actor, string(e.SubjectKind), e.SubjectID, e.Action, e.Summary, e.Before, e.After)
	if _, err := t.exec(ctx, `INSERT INTO events (id, at, actor, subject_kind, subject_id, action, summary, before, after, chain)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, at, e.Actor, e.SubjectKind, e.SubjectID, e.Action, e.Summary, e.Before, e.After, chain); err != nil {
		return err
	}
	e.ID = id
	return nil
}

// Events lists a subject's history, oldest first.
func (t *tx) Events(ctx context.Context, kind app.SubjectKind, subjectID int64) ([]app.Event, error) {
	rows, err := t.query(ctx, `SELECT id, at, actor, subject_kind, subject_id, action, summary, before, after FROM events
		WHERE subject_kind = ? AND subject_id = ? ORDER BY id`, kind, subjectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.Event
	for rows.Next() {
		var e app.Event
		var ts timeScanner
		if err := rows.Scan(&e.ID, ts.at(&e.At), &e.Actor, &e.SubjectKind, &e.SubjectID, &e.Action, &e.Summary, &e.Before, &e.After); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// InsertTask adds to the work queue.
func (t *tx) InsertTask(ctx context.Context, k *app.Task) error {
	id, err := t.insert(ctx, `INSERT INTO tasks (kind, subject_kind, subject_id, ref, title, due, assignee, created_at, done_at, done_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, k.Kind, k.SubjectKind, k.SubjectID, k.Ref, k.Title, fmtTime(k.Due), k.Assignee,
		fmtTime(k.CreatedAt), fmtTime(k.DoneAt), k.DoneBy)
	if err != nil {
		return err
	}
	k.ID = id
	return nil
}

// CloseTasks marks a subject's open tasks of one kind done.
func (t *tx) CloseTasks(ctx context.Context, kind app.TaskKind, subject app.SubjectKind, subjectID int64, at time.Time, by string) (int, error) {
	res, err := t.exec(ctx, `UPDATE tasks SET done_at = ?, done_by = ? WHERE kind = ? AND subject_kind = ? AND subject_id = ? AND done_at = ''`,
		fmtTime(at), by, kind, subject, subjectID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Tasks lists tasks, earliest due first.
func (t *tx) Tasks(ctx context.Context, f app.TaskFilter) ([]app.Task, error) {
	var where []string
	var args []any
	if f.OpenOnly {
		where = append(where, "done_at = ''")
	}
	if f.SubjectKind != "" {
		where = append(where, "subject_kind = ? AND subject_id = ?")
		args = append(args, f.SubjectKind, f.SubjectID)
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT id, kind, subject_kind, subject_id, ref, title, due, assignee, created_at, done_at, done_by
		FROM tasks`+whereClause(where)+` ORDER BY due, id LIMIT ?`, append(args, limitOr(f.Limit, 500))...)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.Task
	for rows.Next() {
		var k app.Task
		var ts timeScanner
		if err := rows.Scan(&k.ID, &k.Kind, &k.SubjectKind, &k.SubjectID, &k.Ref, &k.Title, ts.at(&k.Due), &k.Assignee,
			ts.at(&k.CreatedAt), ts.at(&k.DoneAt), &k.DoneBy); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, k)
	}
	return list, rows.Err()
}

// InsertCredit stores a credit note on an order.
func (t *tx) InsertCredit(ctx context.Context, c *app.Credit) error {
	var caseID any
	if c.CaseID != 0 {
		caseID = c.CaseID
	}
	id, err := t.insert(ctx, `INSERT INTO credits (order_id, case_id, kind, amount, at, note, actor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.OrderID, caseID, c.Kind, c.Amount, fmtTime(c.At), c.Note, c.Actor)
	if err != nil {
		return err
	}
	c.ID = id
	return nil
}

// Credits lists an order's credits, oldest first.
func (t *tx) Credits(ctx context.Context, orderID int64) ([]app.Credit, error) {
	rows, err := t.query(ctx, `SELECT id, order_id, COALESCE(case_id, 0), kind, amount, at, note, actor FROM credits
		WHERE order_id = ? ORDER BY at, id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.Credit
	for rows.Next() {
		var c app.Credit
		var ts timeScanner
		if err := rows.Scan(&c.ID, &c.OrderID, &c.CaseID, &c.Kind, &c.Amount, ts.at(&c.At), &c.Note, &c.Actor); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, storageError(rows.Err())
}
