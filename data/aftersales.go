package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"orderdesk/app"
)

const caseColumns = `c.id, c.number, c.order_id, o.number, o.customer_name, c.kind, c.reason, c.details, c.status, c.within_window,
	c.packaging_intact, c.shop_pays_shipping, c.refund_amount, c.refunded, c.exchange, COALESCE(c.linked_order_id, 0),
	COALESCE(c.shipment_id, 0), COALESCE(c.complaint_id, 0), c.decision_note, c.requested_at, c.decided_at,
	c.received_at, c.closed_at, c.created_by, c.version`

func scanCase(r scanner) (*app.Case, error) {
	var c app.Case
	var ts timeScanner
	var exchange string
	if err := r.Scan(&c.ID, &c.Number, &c.OrderID, &c.Order, &c.Customer, &c.Kind, &c.Reason, &c.Details, &c.Status, &c.WithinWindow,
		&c.PackagingIntact, &c.ShopPaysShipping, &c.RefundAmount, &c.Refunded, &exchange, &c.LinkedOrderID, &c.ShipmentID,
		&c.ComplaintID, &c.DecisionNote, ts.at(&c.RequestedAt), ts.at(&c.DecidedAt), ts.at(&c.ReceivedAt),
		ts.at(&c.ClosedAt), &c.CreatedBy, &c.Version); err != nil {
		return nil, err
	}
	if exchange != "" {
		if err := json.Unmarshal([]byte(exchange), &c.Exchange); err != nil {
			return nil, fmt.Errorf("case %s: exchange: %w", c.Number, err)
		}
	}
	return &c, ts.parse()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func caseArgs(c *app.Case) ([]any, error) {
	exchange := ""
	if len(c.Exchange) > 0 {
		b, err := json.Marshal(c.Exchange)
		if err != nil {
			return nil, err
		}
		exchange = string(b)
	}
	return []any{c.Kind, c.Reason, c.Details, c.Status, boolInt(c.WithinWindow), boolInt(c.PackagingIntact),
		boolInt(c.ShopPaysShipping), c.RefundAmount, c.Refunded, exchange, nullID(c.LinkedOrderID), nullID(c.ShipmentID),
		nullID(c.ComplaintID), c.DecisionNote, fmtTime(c.RequestedAt), fmtTime(c.DecidedAt), fmtTime(c.ReceivedAt),
		fmtTime(c.ClosedAt)}, nil
}

// InsertCase stores a new case with its lines.
func (t *tx) InsertCase(ctx context.Context, c *app.Case) error {
	args, err := caseArgs(c)
	if err != nil {
		return err
	}
	args = append([]any{c.Number, c.OrderID}, append(args, c.CreatedBy)...)
	id, err := t.insert(ctx, `INSERT INTO cases (number, order_id, kind, reason, details, status, within_window,
		packaging_intact, shop_pays_shipping, refund_amount, refunded, exchange, linked_order_id, shipment_id, complaint_id,
		decision_note, requested_at, decided_at, received_at, closed_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	if err != nil {
		return err
	}
	c.ID, c.Version = id, 1
	return t.saveCaseLines(ctx, c, true)
}

func (t *tx) saveCaseLines(ctx context.Context, c *app.Case, insert bool) error {
	for _, l := range c.Lines {
		var err error
		if insert {
			_, err = t.exec(ctx, `INSERT INTO case_lines (case_id, order_line_id, product_id, qty) VALUES (?, ?, ?, ?)`,
				c.ID, l.LineID, l.ProductID, l.Qty)
		} else {
			_, err = t.exec(ctx, `UPDATE case_lines SET qty_received = ?, condition = ?, disposition = ?, bin_id = ?
				WHERE case_id = ? AND order_line_id = ?`, l.QtyReceived, l.Condition, l.Disposition, nullID(l.BinID), c.ID, l.LineID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// UpdateCase stores the case's fields and what the inspection found,
// version-checked. The lines asked for never change.
func (t *tx) UpdateCase(ctx context.Context, c *app.Case) error {
	args, err := caseArgs(c)
	if err != nil {
		return err
	}
	args = append(args, c.ID, c.Version)
	res, err := t.exec(ctx, `UPDATE cases SET kind = ?, reason = ?, details = ?, status = ?, within_window = ?,
		packaging_intact = ?, shop_pays_shipping = ?, refund_amount = ?, refunded = ?, exchange = ?, linked_order_id = ?,
		shipment_id = ?, complaint_id = ?, decision_note = ?, requested_at = ?, decided_at = ?, received_at = ?,
		closed_at = ?, version = version + 1 WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return err
	}
	if err := expectOne(res, "case", c.ID); err != nil {
		return err
	}
	c.Version++
	return t.saveCaseLines(ctx, c, false)
}

// Case returns one case with its lines.
func (t *tx) Case(ctx context.Context, id int64) (*app.Case, error) {
	return t.oneCase(ctx, "c.id = ?", id)
}

// CaseByNumber returns the case with that number.
func (t *tx) CaseByNumber(ctx context.Context, number string) (*app.Case, error) {
	return t.oneCase(ctx, "c.number = ?", strings.ToUpper(strings.TrimSpace(number)))
}

func (t *tx) oneCase(ctx context.Context, where string, key any) (*app.Case, error) {
	c, err := scanCase(t.queryRow(ctx, `SELECT `+caseColumns+` FROM cases c JOIN orders o ON o.id = c.order_id WHERE `+where, key))
	if isNoRows(err) {
		return nil, notFound("case", key)
	}
	if err != nil {
		return nil, storageError(err)
	}
	return c, t.loadCaseLines(ctx, c)
}

func (t *tx) loadCaseLines(ctx context.Context, c *app.Case) error {
	rows, err := t.query(ctx, `SELECT cl.order_line_id, l.line_no, cl.product_id, l.sku, l.name, l.spec, l.unit_price, cl.qty,
		cl.qty_received, cl.condition, cl.disposition, COALESCE(cl.bin_id, 0)
		FROM case_lines cl JOIN order_lines l ON l.id = cl.order_line_id WHERE cl.case_id = ? ORDER BY l.line_no`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.Lines = nil
	for rows.Next() {
		var l app.CaseLine
		if err := rows.Scan(&l.LineID, &l.LineNo, &l.ProductID, &l.SKU, &l.Name, &l.Spec, &l.UnitPrice, &l.Qty, &l.QtyReceived,
			&l.Condition, &l.Disposition, &l.BinID); err != nil {
			return err
		}
		c.Lines = append(c.Lines, l)
	}
	return storageError(rows.Err())
}

// Cases lists cases, newest first, and how many match.
func (t *tx) Cases(ctx context.Context, f app.CaseFilter) ([]app.Case, int, error) {
	var q conditions
	if f.OrderID != 0 {
		q.add("c.order_id = ?", f.OrderID)
	}
	addIn(&q, "c.status", f.Statuses)
	addIn(&q, "c.kind", f.Kinds)
	if text := strings.ToUpper(strings.TrimSpace(f.Text)); text != "" {
		q.add("(c.number >= ? AND c.number < ? OR o.number >= ? AND o.number < ?)", text, text+"\uffff", text, text+"\uffff")
	}
	cond, args := q.where(), q.args
	var total int
	if err := t.queryRow(ctx, `SELECT count(*) FROM cases c JOIN orders o ON o.id = c.order_id WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, storageError(err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := t.query(ctx, `SELECT `+caseColumns+` FROM cases c JOIN orders o ON o.id = c.order_id WHERE `+cond+
		fmt.Sprintf(` ORDER BY c.requested_at DESC, c.id DESC LIMIT %d OFFSET %d`, limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []app.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, *c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, storageError(err)
	}
	for i := range out {
		if err := t.loadCaseLines(ctx, &out[i]); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// conditions collects a list query's WHERE terms and their arguments.
type conditions struct {
	terms []string
	args  []any
}

func (c *conditions) add(term string, args ...any) {
	c.terms = append(c.terms, term)
	c.args = append(c.args, args...)
}

// addIn narrows column to the values, when there are any.
func addIn[T ~string](c *conditions, column string, values []T) {
	if len(values) == 0 {
		return
	}
	c.terms = append(c.terms, column+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")+")")
	for _, v := range values {
		c.args = append(c.args, v)
	}
}

// where is the terms joined, or a condition always true.
func (c *conditions) where() string {
	if len(c.terms) == 0 {
		return "1 = 1"
	}
	return strings.Join(c.terms, " AND ")
}

// OpenCaseQty counts, per order line, the units the order's open cases
// (but except) still expect back or out.
func (t *tx) OpenCaseQty(ctx context.Context, orderID, except int64) (map[int64]int64, error) {
	rows, err := t.query(ctx, `SELECT cl.order_line_id, sum(cl.qty - cl.qty_received) FROM case_lines cl
		JOIN cases c ON c.id = cl.case_id
		WHERE c.order_id = ? AND c.id <> ? AND c.status IN ('requested', 'approved') AND c.kind <> 'partial_refund'
		GROUP BY cl.order_line_id`, orderID, except)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var line, n int64
		if err := rows.Scan(&line, &n); err != nil {
			return nil, err
		}
		out[line] = n
	}
	return out, storageError(rows.Err())
}

const complaintColumns = `c.id, c.number, c.complainant, c.contact, c.received_at, COALESCE(c.order_id, 0),
	COALESCE(o.number, ''), COALESCE(c.product_id, 0), COALESCE(p.sku, ''), c.content, c.expected, c.category,
	c.department, c.status, c.investigation, c.resolution, c.compensation, c.satisfaction, COALESCE(c.case_id, 0),
	c.accepted_at, c.resolved_at, c.closed_at, c.created_by, c.version`

const complaintFrom = ` FROM complaints c LEFT JOIN orders o ON o.id = c.order_id LEFT JOIN products p ON p.id = c.product_id`

func scanComplaint(r scanner) (*app.Complaint, error) {
	var c app.Complaint
	var ts timeScanner
	if err := r.Scan(&c.ID, &c.Number, &c.Complainant, &c.Contact, ts.at(&c.ReceivedAt), &c.OrderID, &c.Order, &c.ProductID,
		&c.SKU, &c.Content, &c.Expected, &c.Category, &c.Department, &c.Status, &c.Investigation, &c.Resolution,
		&c.Compensation, &c.Satisfaction, &c.CaseID, ts.at(&c.AcceptedAt), ts.at(&c.ResolvedAt), ts.at(&c.ClosedAt),
		&c.CreatedBy, &c.Version); err != nil {
		return nil, err
	}
	return &c, ts.parse()
}

func complaintArgs(c *app.Complaint) []any {
	return []any{c.Complainant, c.Contact, fmtTime(c.ReceivedAt), nullID(c.OrderID), nullID(c.ProductID), c.Content,
		c.Expected, c.Category, c.Department, c.Status, c.Investigation, c.Resolution, c.Compensation, c.Satisfaction,
		nullID(c.CaseID), fmtTime(c.AcceptedAt), fmtTime(c.ResolvedAt), fmtTime(c.ClosedAt)}
}

// InsertComplaint stores a new complaint.
func (t *tx) InsertComplaint(ctx context.Context, c *app.Complaint) error {
	args := append([]any{c.Number}, append(complaintArgs(c), c.CreatedBy)...)
	id, err := t.insert(ctx, `INSERT INTO complaints (number, complainant, contact, received_at, order_id, product_id,
		content, expected, category, department, status, investigation, resolution, compensation, satisfaction, case_id,
		accepted_at, resolved_at, closed_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		args...)
	if err != nil {
		return err
	}
	c.ID, c.Version = id, 1
	return nil
}

// UpdateComplaint stores the complaint, version-checked.
func (t *tx) UpdateComplaint(ctx context.Context, c *app.Complaint) error {
	args := append(complaintArgs(c), c.ID, c.Version)
	res, err := t.exec(ctx, `UPDATE complaints SET complainant = ?, contact = ?, received_at = ?, order_id = ?,
		product_id = ?, content = ?, expected = ?, category = ?, department = ?, status = ?, investigation = ?,
		resolution = ?, compensation = ?, satisfaction = ?, case_id = ?, accepted_at = ?, resolved_at = ?, closed_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return err
	}
	if err := expectOne(res, "complaint", c.ID); err != nil {
		return err
	}
	c.Version++
	return nil
}

// Complaint returns one complaint.
func (t *tx) Complaint(ctx context.Context, id int64) (*app.Complaint, error) {
	c, err := scanComplaint(t.queryRow(ctx, `SELECT `+complaintColumns+complaintFrom+` WHERE c.id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("complaint", id)
	}
	return c, storageError(err)
}

// Complaints lists complaints, newest first, and how many match.
func (t *tx) Complaints(ctx context.Context, f app.ComplaintFilter) ([]app.Complaint, int, error) {
	var q conditions
	if f.OrderID != 0 {
		q.add("c.order_id = ?", f.OrderID)
	}
	addIn(&q, "c.status", f.Statuses)
	addIn(&q, "c.category", f.Categories)
	if text := strings.TrimSpace(f.Text); text != "" {
		up := strings.ToUpper(text)
		q.add("(c.number >= ? AND c.number < ? OR o.number >= ? AND o.number < ? OR c.complainant LIKE ?)",
			up, up+"\uffff", up, up+"\uffff", "%"+text+"%")
	}
	cond, args := q.where(), q.args
	var total int
	if err := t.queryRow(ctx, `SELECT count(*)`+complaintFrom+` WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, storageError(err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := t.query(ctx, `SELECT `+complaintColumns+complaintFrom+` WHERE `+cond+
		fmt.Sprintf(` ORDER BY c.received_at DESC, c.id DESC LIMIT %d OFFSET %d`, limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []app.Complaint
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, *c)
	}
	return out, total, storageError(rows.Err())
}
