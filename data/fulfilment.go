package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"orderdesk/app"
)

// SaveLineDecision stores the latest decision for a short line.
func (t *tx) SaveLineDecision(ctx context.Context, d *app.LineDecision) error {
	_, err := t.exec(ctx, `INSERT INTO line_decisions (order_line_id, order_id, kind, short_qty, expected_date,
		substitute_for, note, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (order_line_id) DO UPDATE SET kind = excluded.kind, short_qty = excluded.short_qty,
		expected_date = excluded.expected_date, substitute_for = excluded.substitute_for, note = excluded.note,
		at = excluded.at, actor = excluded.actor`,
		d.LineID, d.OrderID, d.Kind, d.ShortQty, fmtDate(d.ExpectedDate), d.SubstituteFor, d.Note, fmtTime(d.At), d.Actor)
	return err
}

// DeleteLineDecision forgets a decision that has run its course (a
// backorder whose stock came in).
func (t *tx) DeleteLineDecision(ctx context.Context, lineID int64) error {
	_, err := t.exec(ctx, `DELETE FROM line_decisions WHERE order_line_id = ?`, lineID)
	return err
}

// LineDecisions lists an order's decisions by line.
func (t *tx) LineDecisions(ctx context.Context, orderID int64) ([]app.LineDecision, error) {
	rows, err := t.query(ctx, `SELECT d.order_line_id, d.order_id, d.kind, d.short_qty, d.expected_date, d.substitute_for,
		d.note, d.at, d.actor FROM line_decisions d JOIN order_lines l ON l.id = d.order_line_id
		WHERE d.order_id = ? ORDER BY l.line_no`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.LineDecision
	for rows.Next() {
		var d app.LineDecision
		var ts timeScanner
		if err := rows.Scan(&d.LineID, &d.OrderID, &d.Kind, &d.ShortQty, ts.day(&d.ExpectedDate), &d.SubstituteFor,
			&d.Note, ts.at(&d.At), &d.Actor); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, storageError(rows.Err())
}

// ExpectedArrival is the latest expected date of the product's incoming
// goods while some are still on their way: the date a backorder can
// promise.
func (t *tx) ExpectedArrival(ctx context.Context, productID int64) (time.Time, error) {
	var at string
	err := t.queryRow(ctx, `SELECT COALESCE(max(expected_at), '') FROM stock_moves
		WHERE product_id = ? AND kind = 'incoming' AND expected_at <> ''
		AND (SELECT COALESCE(sum(in_transit), 0) FROM stock_levels WHERE product_id = ?) > 0`, productID, productID).Scan(&at)
	if err != nil || at == "" {
		return time.Time{}, storageError(err)
	}
	return parseTime(at)
}

const shipmentColumns = `s.id, s.number, s.order_id, COALESCE(s.warehouse_id, 0), s.status, s.recipient_name,
	s.recipient_phone, s.province, s.city, s.district, s.street, s.postcode, s.country, s.carrier, s.service,
	s.tracking_number, COALESCE(s.resend_of, 0), s.problem, s.problem_note, s.problem_at, s.packed_at, s.packed_by,
	s.shipped_at, s.delivered_at, s.signer, s.sign_remarks, s.handed_over, s.version`

func scanShipment(r scanner) (*app.Shipment, error) {
	var s app.Shipment
	var first int64
	var ts timeScanner
	a := &s.Address
	if err := r.Scan(&s.ID, &s.Number, &first, &s.WarehouseID, &s.Status, &s.RecipientName, &s.RecipientPhone,
		&a.Province, &a.City, &a.District, &a.Street, &a.Postcode, &a.Country, &s.Carrier, &s.Service, &s.TrackingNumber,
		&s.ResendOf, &s.Problem, &s.ProblemNote, ts.at(&s.ProblemAt), ts.at(&s.PackedAt), &s.PackedBy, ts.at(&s.ShippedAt),
		ts.at(&s.DeliveredAt), &s.Signer, &s.SignRemarks, &s.HandedOver, &s.Version); err != nil {
		return nil, err
	}
	s.OrderIDs = []int64{first}
	return &s, ts.parse()
}

func shipmentArgs(s *app.Shipment) []any {
	a := s.Address
	var warehouse, resend any
	if s.WarehouseID != 0 {
		warehouse = s.WarehouseID
	}
	if s.ResendOf != 0 {
		resend = s.ResendOf
	}
	return []any{warehouse, s.Status, s.RecipientName, s.RecipientPhone, a.Province, a.City, a.District, a.Street,
		a.Postcode, a.Country, s.Carrier, s.Service, s.TrackingNumber, resend, s.Problem, s.ProblemNote, fmtTime(s.ProblemAt),
		fmtTime(s.PackedAt), s.PackedBy, fmtTime(s.ShippedAt), fmtTime(s.DeliveredAt), s.Signer, s.SignRemarks, boolInt(s.HandedOver)}
}

// InsertShipment stores a new shipment with its lines and packages.
func (t *tx) InsertShipment(ctx context.Context, s *app.Shipment) error {
	args := append([]any{s.Number, s.OrderIDs[0]}, shipmentArgs(s)...)
	id, err := t.insert(ctx, `INSERT INTO shipments (number, order_id, warehouse_id, status, recipient_name,
		recipient_phone, province, city, district, street, postcode, country, carrier, service, tracking_number,
		resend_of, problem, problem_note, problem_at, packed_at, packed_by, shipped_at, delivered_at, signer,
		sign_remarks, handed_over) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	if err != nil {
		return err
	}
	s.ID, s.Version = id, 1
	for _, l := range s.Lines {
		if _, err := t.exec(ctx, `INSERT INTO shipment_lines (shipment_id, order_id, order_line_id, product_id, qty)
			VALUES (?, ?, ?, ?, ?)`, s.ID, l.OrderID, l.LineID, l.ProductID, l.Qty); err != nil {
			return err
		}
	}
	return t.savePackages(ctx, s)
}

func (t *tx) savePackages(ctx context.Context, s *app.Shipment) error {
	if _, err := t.exec(ctx, `DELETE FROM packages WHERE shipment_id = ?`, s.ID); err != nil {
		return err
	}
	for i, p := range s.Packages {
		if _, err := t.exec(ctx, `INSERT INTO packages (shipment_id, no, weight_grams, length_mm, width_mm, height_mm,
			material, fragile, keep_dry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, i+1, p.WeightGrams, p.LengthMM,
			p.WidthMM, p.HeightMM, p.Material, boolInt(p.Fragile), boolInt(p.KeepDry)); err != nil {
			return err
		}
	}
	return nil
}

// UpdateShipment stores the shipment's fields and packages, version-checked.
func (t *tx) UpdateShipment(ctx context.Context, s *app.Shipment) error {
	args := append(shipmentArgs(s), s.ID, s.Version)
	res, err := t.exec(ctx, `UPDATE shipments SET warehouse_id = ?, status = ?, recipient_name = ?, recipient_phone = ?,
		province = ?, city = ?, district = ?, street = ?, postcode = ?, country = ?, carrier = ?, service = ?,
		tracking_number = ?, resend_of = ?, problem = ?, problem_note = ?, problem_at = ?, packed_at = ?, packed_by = ?,
		shipped_at = ?, delivered_at = ?, signer = ?, sign_remarks = ?, handed_over = ?, version = version + 1
		WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return err
	}
	if err := expectOne(res, "shipment", s.ID); err != nil {
		return err
	}
	s.Version++
	return t.savePackages(ctx, s)
}

// Shipment returns one shipment with its lines, packages and orders.
func (t *tx) Shipment(ctx context.Context, id int64) (*app.Shipment, error) {
	return t.oneShipment(ctx, "s.id = ?", id)
}

// ShipmentByNumber returns the shipment with that number.
func (t *tx) ShipmentByNumber(ctx context.Context, number string) (*app.Shipment, error) {
	return t.oneShipment(ctx, "s.number = ?", number)
}

func (t *tx) oneShipment(ctx context.Context, where string, key any) (*app.Shipment, error) {
	s, err := scanShipment(t.queryRow(ctx, `SELECT `+shipmentColumns+` FROM shipments s WHERE `+where, key))
	if isNoRows(err) {
		return nil, notFound("shipment", key)
	}
	if err != nil {
		return nil, storageError(err)
	}
	return s, t.loadShipment(ctx, s)
}

func (t *tx) loadShipment(ctx context.Context, s *app.Shipment) error {
	rows, err := t.query(ctx, `SELECT sl.order_id, o.number, sl.order_line_id, l.line_no, sl.product_id, l.sku,
		COALESCE(p.barcode, ''), l.name, l.spec, l.unit, sl.qty, l.unit_price
		FROM shipment_lines sl JOIN orders o ON o.id = sl.order_id JOIN order_lines l ON l.id = sl.order_line_id
		LEFT JOIN products p ON p.id = sl.product_id
		WHERE sl.shipment_id = ? ORDER BY sl.order_id = ? DESC, o.number, l.line_no`, s.ID, s.OrderIDs[0])
	if err != nil {
		return err
	}
	s.Lines = nil
	for rows.Next() {
		var l app.ShipmentLine
		if err := rows.Scan(&l.OrderID, &l.OrderNumber, &l.LineID, &l.LineNo, &l.ProductID, &l.SKU, &l.Barcode, &l.Name,
			&l.Spec, &l.Unit, &l.Qty, &l.UnitPrice); err != nil {
			rows.Close()
			return err
		}
		if l.OrderID != s.OrderIDs[len(s.OrderIDs)-1] && !containsID(s.OrderIDs, l.OrderID) {
			s.OrderIDs = append(s.OrderIDs, l.OrderID)
		}
		s.Lines = append(s.Lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return storageError(err)
	}
	rows, err = t.query(ctx, `SELECT no, weight_grams, length_mm, width_mm, height_mm, material, fragile, keep_dry
		FROM packages WHERE shipment_id = ? ORDER BY no`, s.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	s.Packages = nil
	for rows.Next() {
		var p app.Package
		if err := rows.Scan(&p.No, &p.WeightGrams, &p.LengthMM, &p.WidthMM, &p.HeightMM, &p.Material, &p.Fragile, &p.KeepDry); err != nil {
			return err
		}
		s.Packages = append(s.Packages, p)
	}
	return storageError(rows.Err())
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// OrderShipments lists the shipments holding lines of the order.
func (t *tx) OrderShipments(ctx context.Context, orderID int64) ([]app.Shipment, error) {
	return t.shipmentsWhere(ctx, `s.id IN (SELECT shipment_id FROM shipment_lines WHERE order_id = ?) ORDER BY s.id`, orderID)
}

func (t *tx) shipmentsWhere(ctx context.Context, where string, args ...any) ([]app.Shipment, error) {
	rows, err := t.query(ctx, `SELECT `+shipmentColumns+` FROM shipments s WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	var out []app.Shipment
	for rows.Next() {
		s, err := scanShipment(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, *s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, storageError(err)
	}
	for i := range out {
		if err := t.loadShipment(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Shipments lists shipments by status and shipping time.
func (t *tx) Shipments(ctx context.Context, f app.ShipmentFilter) ([]app.Shipment, error) {
	var c conditions
	addIn(&c, "s.status", f.Statuses)
	if !f.ShippedFrom.IsZero() {
		c.add("s.shipped_at >= ?", fmtTime(f.ShippedFrom))
	}
	if !f.ShippedTo.IsZero() {
		c.add("s.shipped_at < ? AND s.shipped_at <> ''", fmtTime(f.ShippedTo))
	}
	if f.WithProblem {
		c.add("s.problem <> ''")
	}
	if f.Parcels {
		c.add("s.handed_over = 0")
	}
	q := c.where() + " ORDER BY s.carrier, s.shipped_at, s.id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return t.shipmentsWhere(ctx, q, c.args...)
}

// SetOrderTracking copies the tracking numbers of the order's shipments
// into the order, where lists and the search find them.
func (t *tx) SetOrderTracking(ctx context.Context, orderID int64) error {
	var numbers string
	err := t.queryRow(ctx, `SELECT COALESCE(group_concat(tracking_number, ' '), '') FROM (SELECT DISTINCT s.tracking_number
		FROM shipments s JOIN shipment_lines sl ON sl.shipment_id = s.id
		WHERE sl.order_id = ? AND s.tracking_number <> '' ORDER BY s.id)`, orderID).Scan(&numbers)
	if err != nil {
		return storageError(err)
	}
	if _, err := t.exec(ctx, `UPDATE orders SET tracking_numbers = ? WHERE id = ?`, numbers, orderID); err != nil {
		return err
	}
	o, err := t.Order(ctx, orderID)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM order_search WHERE rowid = ?`, orderID); err != nil {
		return err
	}
	t.indexLater(orderID, searchBody(o, numbers))
	return nil
}

// CarrierRules lists the rules by position.
func (t *tx) CarrierRules(ctx context.Context) ([]app.CarrierRule, error) {
	rows, err := t.query(ctx, `SELECT id, position, carrier, service, max_weight_grams, destinations, urgency
		FROM carrier_rules ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.CarrierRule
	for rows.Next() {
		var r app.CarrierRule
		var dest string
		if err := rows.Scan(&r.ID, &r.Position, &r.Carrier, &r.Service, &r.MaxWeightGrams, &dest, &r.Urgency); err != nil {
			return nil, err
		}
		if dest != "" {
			r.Destinations = strings.Split(dest, "\n")
		}
		out = append(out, r)
	}
	return out, storageError(rows.Err())
}

// SaveCarrierRules replaces every rule.
func (t *tx) SaveCarrierRules(ctx context.Context, rules []app.CarrierRule) error {
	if _, err := t.exec(ctx, `DELETE FROM carrier_rules`); err != nil {
		return err
	}
	for i, r := range rules {
		if _, err := t.exec(ctx, `INSERT INTO carrier_rules (position, carrier, service, max_weight_grams, destinations, urgency)
			VALUES (?, ?, ?, ?, ?, ?)`, i+1, r.Carrier, r.Service, r.MaxWeightGrams, strings.Join(r.Destinations, "\n"),
			r.Urgency); err != nil {
			return err
		}
	}
	return nil
}

// held is what an order still holds in the ledger.
const held = `(SELECT COALESCE(sum(m.reserved_delta), 0) FROM stock_moves m WHERE m.order_id = o.id)`

// packedOpen is what of an order sits in boxes not yet gone.
const packedOpen = `(SELECT COALESCE(sum(sl.qty), 0) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
	WHERE sl.order_id = o.id AND s.status IN ('packed', 'to_pack') AND s.resend_of IS NULL)`

const backordered = `EXISTS (SELECT 1 FROM line_decisions d WHERE d.order_id = o.id AND d.kind = 'backorder')`

const verifyOn = `(SELECT COALESCE(max(verify_picks), 1) FROM shop)`

// orderStages says which orders wait at each order stage.
var orderStages = map[app.Stage]string{
	app.StageAllocate: `(o.status = 'confirmed' AND NOT ` + backordered + `) OR
		(o.status = 'partly_shipped' AND NOT ` + backordered + ` AND ` + held + ` = 0)`,
	app.StageWaiting: `o.status IN ('confirmed', 'partly_shipped') AND ` + backordered,
	app.StagePick:    `o.status = 'allocated'`,
	app.StageVerify:  `o.status = 'picking' AND o.verified_at = '' AND ` + verifyOn + ` = 1`,
	// A picking order holds what it waits to box (once all is boxed it is
	// packed); the rest of a part shipment only when it holds some.
	app.StagePack: `(o.verified_at <> '' OR ` + verifyOn + ` = 0) AND (o.status = 'picking' OR
		(o.status = 'partly_shipped' AND ` + held + ` > ` + packedOpen + `))`,
}

// shipmentStages says which shipments wait at each shipment stage.
var shipmentStages = map[app.Stage]string{
	app.StageShip:    `s.status = 'packed'`,
	app.StageTransit: `s.status = 'shipped' AND s.problem = ''`,
	app.StageProblem: `s.status IN ('shipped', 'delivered') AND s.problem <> ''`,
}

// StageOrders lists one queue of the Fulfilment section, oldest first.
func (t *tx) StageOrders(ctx context.Context, stage app.Stage, limit, offset int) ([]app.StageRow, int, error) {
	page := ""
	if limit > 0 {
		page = fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
	}
	if cond, ok := shipmentStages[stage]; ok {
		return t.shipmentStage(ctx, cond, page)
	}
	cond, ok := orderStages[stage]
	if !ok {
		return nil, 0, fmt.Errorf("there is no fulfilment stage %q", stage)
	}
	var total int
	if err := t.queryRow(ctx, `SELECT count(*) FROM orders o WHERE `+statusesOf(cond)+` AND (`+cond+`)`).Scan(&total); err != nil {
		return nil, 0, storageError(err)
	}
	// The page is chosen first and only its rows get their units and
	// dates: SQLite would otherwise work them out for the whole queue
	// before sorting it.
	rows, err := t.query(ctx, `WITH page AS (SELECT o.id, o.urgency = 'urgent' AS urgent, o.ordered_at FROM orders o
		WHERE `+statusesOf(cond)+` AND (`+cond+`) ORDER BY 2 DESC, 3, 1`+page+`)
		SELECT o.id, o.number, o.ordered_at, o.customer_name, o.recipient_name, o.city, o.urgency,
		(SELECT COALESCE(sum(l.qty - l.qty_shipped), 0) FROM order_lines l WHERE l.order_id = o.id AND l.cancelled = 0
		   AND l.kind = 'goods'),
		o.status, (SELECT COALESCE(min(d.expected_date), '') FROM line_decisions d WHERE d.order_id = o.id AND d.kind = 'backorder'),
		o.verified_by
		FROM page JOIN orders o ON o.id = page.id ORDER BY page.urgent DESC, page.ordered_at, page.id`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []app.StageRow
	for rows.Next() {
		var r app.StageRow
		var ts timeScanner
		if err := rows.Scan(&r.OrderID, &r.OrderNumber, ts.at(&r.OrderedAt), &r.Customer, &r.Recipient, &r.City, &r.Urgency,
			&r.Units, &r.Status, ts.day(&r.Backorder), &r.VerifiedBy); err != nil {
			return nil, 0, err
		}
		if err := ts.parse(); err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, storageError(rows.Err())
}

// fulfilmentOpen is the WHERE of the orders_fulfilment index, word for
// word: SQLite uses a partial index only for queries that repeat it.
const fulfilmentOpen = `o.status IN ('confirmed', 'allocated', 'picking', 'partly_shipped')`

// statusesOf narrows a stage's condition to the orders between confirming
// and shipping, so SQLite reads the small fulfilment index.
func statusesOf(string) string { return fulfilmentOpen }

func (t *tx) shipmentStage(ctx context.Context, cond, page string) ([]app.StageRow, int, error) {
	var total int
	if err := t.queryRow(ctx, `SELECT count(*) FROM shipments s WHERE `+cond).Scan(&total); err != nil {
		return nil, 0, storageError(err)
	}
	rows, err := t.query(ctx, `SELECT s.order_id, (SELECT group_concat(number, ', ') FROM (SELECT DISTINCT o2.number
		FROM shipment_lines sl JOIN orders o2 ON o2.id = sl.order_id WHERE sl.shipment_id = s.id ORDER BY o2.number)),
		s.id, s.number, o.ordered_at, o.customer_name, s.recipient_name, s.city, o.urgency,
		(SELECT COALESCE(sum(qty), 0) FROM shipment_lines WHERE shipment_id = s.id), o.status, s.carrier,
		s.tracking_number, (SELECT COALESCE(sum(weight_grams), 0) FROM packages WHERE shipment_id = s.id), s.problem,
		s.shipped_at FROM shipments s JOIN orders o ON o.id = s.order_id
		WHERE `+cond+` ORDER BY o.urgency = 'urgent' DESC, s.shipped_at, o.ordered_at, s.id`+page)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []app.StageRow
	for rows.Next() {
		var r app.StageRow
		var ts timeScanner
		if err := rows.Scan(&r.OrderID, &r.OrderNumber, &r.ShipmentID, &r.Shipment, ts.at(&r.OrderedAt), &r.Customer,
			&r.Recipient, &r.City, &r.Urgency, &r.Units, &r.Status, &r.Carrier, &r.Tracking, &r.Weight, &r.Problem,
			ts.at(&r.ShippedAt)); err != nil {
			return nil, 0, err
		}
		if err := ts.parse(); err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, storageError(rows.Err())
}

// StageCounts counts every queue.
func (t *tx) StageCounts(ctx context.Context) (map[app.Stage]int, error) {
	out := map[app.Stage]int{}
	for stage, cond := range orderStages {
		var n int
		if err := t.queryRow(ctx, `SELECT count(*) FROM orders o WHERE `+statusesOf(cond)+` AND (`+cond+`)`).Scan(&n); err != nil {
			return nil, storageError(err)
		}
		out[stage] = n
	}
	for stage, cond := range shipmentStages {
		var n int
		if err := t.queryRow(ctx, `SELECT count(*) FROM shipments s WHERE `+cond).Scan(&n); err != nil {
			return nil, storageError(err)
		}
		out[stage] = n
	}
	return out, nil
}

// OrdersShippedBefore lists shipped or delivered orders whose last parcel
// left before the time (orders shipped before shipments were kept count
// from their last change).
func (t *tx) OrdersShippedBefore(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	rows, err := t.query(ctx, `SELECT o.id FROM orders o WHERE o.status IN ('shipped', 'delivered') AND o.from_history = 0
		AND COALESCE((SELECT max(s.shipped_at) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
		              WHERE sl.order_id = o.id), o.updated_at) < ? ORDER BY o.ordered_at LIMIT ?`, fmtTime(before), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, storageError(rows.Err())
}
