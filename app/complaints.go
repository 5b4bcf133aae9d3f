package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ComplaintInput is a complaint as it is taken down.
type ComplaintInput struct {
	Complainant string
	Contact     string
	ReceivedAt  time.Time // zero: now
	OrderID     int64     // zero: not about one order
	ProductID   int64
	Content     string
	Expected    string
	Category    ComplaintCategory
	Department  Department // empty: customer service
}

// complaintNumber is YYYYMM-TNNN.
func complaintNumber(at time.Time, seq int64) string {
	return fmt.Sprintf("%s-T%03d", at.Local().Format("200601"), seq)
}

// RegisterComplaint takes a complaint down with its number; the
// department it goes to must take it on within two hours (a task).
func (s *Service) RegisterComplaint(ctx context.Context, in ComplaintInput) (*Complaint, error) {
	var p problems
	in.Complainant, in.Contact = cleanText(in.Complainant), cleanText(in.Contact)
	in.Content, in.Expected = strings.TrimSpace(in.Content), cleanText(in.Expected)
	requireText(&p, "complainant", in.Complainant, 1, 80)
	optionalText(&p, "contact", in.Contact, 80)
	requireText(&p, "content", in.Content, 5, 2000)
	optionalText(&p, "expected", in.Expected, 500)
	if !in.Category.Valid() {
		p.add("category", CodeInvalid, "choose product quality, logistics, service attitude or wrong order")
	}
	if in.Department == "" {
		in.Department = RoleService
	}
	switch in.Department {
	case RoleOwner, RoleService, RoleWarehouse, RoleFinance:
	default:
		p.add("department", CodeInvalid, "choose who handles it")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var c *Complaint
	err := s.write(ctx, PermAfterSales, func(tx Tx, who Actor, now time.Time) error {
		c = &Complaint{Complainant: in.Complainant, Contact: in.Contact, ReceivedAt: now, OrderID: in.OrderID,
			ProductID: in.ProductID, Content: in.Content, Expected: in.Expected, Category: in.Category,
			Department: in.Department, Status: ComplaintPending, CreatedBy: who.Name}
		if !in.ReceivedAt.IsZero() {
			var tp problems
			checkTime(&tp, "received_at", in.ReceivedAt, now)
			if err := tp.err(); err != nil {
				return err
			}
			c.ReceivedAt = in.ReceivedAt.UTC().Truncate(time.Millisecond)
		}
		if in.OrderID != 0 {
			o, err := tx.Order(ctx, in.OrderID)
			if err != nil {
				return err
			}
			c.Order = o.Number
		}
		if in.ProductID != 0 {
			pr, err := tx.Product(ctx, in.ProductID)
			if err != nil {
				return err
			}
			c.SKU = pr.SKU
		}
		seq, err := tx.NextNumber(ctx, "complaint", now.Local().Format("200601"))
		if err != nil {
			return err
		}
		c.Number = complaintNumber(now, seq)
		if err := tx.InsertComplaint(ctx, c); err != nil {
			return err
		}
		if err := insertTaskDueIn(ctx, tx, &Task{Kind: TaskComplaintAccept, SubjectKind: SubjectComplaint, SubjectID: c.ID,
			Ref: c.Number, Title: fmt.Sprintf("Take on complaint %s (%s) from %s", c.Number, c.Category, c.Complainant),
			Assignee: c.Department, CreatedAt: now}, 2*time.Hour); err != nil {
			return err
		}
		return recordComplaint(ctx, tx, who, now, c, "complaint.registered",
			fmt.Sprintf("complaint %s registered: %s", c.Number, c.Category))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// recordComplaint notes a step of a complaint in its history and, when it
// is about an order, the order's.
func recordComplaint(ctx context.Context, tx Tx, who Actor, now time.Time, c *Complaint, action, summary string) error {
	if err := record(ctx, tx, who, now, SubjectComplaint, c.ID, action, summary, nil,
		map[string]any{"complaint": c.Number, "status": c.Status}); err != nil {
		return err
	}
	if c.OrderID == 0 {
		return nil
	}
	return record(ctx, tx, who, now, SubjectOrder, c.OrderID, action, summary, nil, map[string]any{"complaint": c.Number})
}

// ComplaintStateError says a complaint is not where a step needs it.
type ComplaintStateError struct {
	Step      string
	Complaint string
	Status    ComplaintStatus
	Reason    string
}

func (e *ComplaintStateError) Error() string {
	return fmt.Sprintf("cannot %s complaint %s (%s): %s", e.Step, e.Complaint, e.Status, e.Reason)
}

func (s *Service) changeComplaint(ctx context.Context, id int64, need Permission,
	step func(tx Tx, who Actor, now time.Time, c *Complaint) (string, error)) (*Complaint, error) {
	var c *Complaint
	err := s.write(ctx, need, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if c, err = tx.Complaint(ctx, id); err != nil {
			return err
		}
		summary, err := step(tx, who, now, c)
		if err != nil {
			return err
		}
		if err := tx.UpdateComplaint(ctx, c); err != nil {
			return err
		}
		return recordComplaint(ctx, tx, who, now, c, "complaint."+string(c.Status), summary)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// AcceptComplaint is the department taking the complaint on.
func (s *Service) AcceptComplaint(ctx context.Context, id int64) (*Complaint, error) {
	return s.changeComplaint(ctx, id, PermAfterSales, func(tx Tx, who Actor, now time.Time, c *Complaint) (string, error) {
		if c.Status != ComplaintPending {
			return "", &ComplaintStateError{"take on", c.Number, c.Status, "it is being handled already"}
		}
		c.Status, c.AcceptedAt = ComplaintInvestigating, now
		if _, err := tx.CloseTasks(ctx, TaskComplaintAccept, SubjectComplaint, c.ID, now, who.Name); err != nil {
			return "", err
		}
		return fmt.Sprintf("complaint %s taken on by %s", c.Number, who.Name), nil
	})
}

// NoteComplaint adds to the investigation notes; a pending complaint is
// taken on by it.
func (s *Service) NoteComplaint(ctx context.Context, id int64, note string) (*Complaint, error) {
	note = strings.TrimSpace(note)
	var p problems
	requireText(&p, "note", note, 2, 1000)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.changeComplaint(ctx, id, PermAfterSales, func(tx Tx, who Actor, now time.Time, c *Complaint) (string, error) {
		switch c.Status {
		case ComplaintPending:
			c.Status, c.AcceptedAt = ComplaintInvestigating, now
			if _, err := tx.CloseTasks(ctx, TaskComplaintAccept, SubjectComplaint, c.ID, now, who.Name); err != nil {
				return "", err
			}
		case ComplaintInvestigating:
		default:
			return "", &ComplaintStateError{"add notes to", c.Number, c.Status, "it is resolved"}
		}
		line := fmt.Sprintf("%s %s: %s", now.Local().Format("2006-01-02 15:04"), who.Name, note)
		c.Investigation = strings.TrimSpace(c.Investigation + "\n" + line)
		return "investigation: " + note, nil
	})
}

// ComplaintResolution is what the shop did about a complaint.
type ComplaintResolution struct {
	Resolution string
	// Compensation is credited on the order; what of it the customer had
	// paid goes back to them at once, the rest they no longer owe.
	Compensation Money
}

// ResolveComplaint records the resolution and any compensation: a credit
// on the complaint's order, paid back where the customer had paid.
func (s *Service) ResolveComplaint(ctx context.Context, id int64, in ComplaintResolution) (*Complaint, error) {
	in.Resolution = strings.TrimSpace(in.Resolution)
	var p problems
	requireText(&p, "resolution", in.Resolution, 2, 1000)
	if in.Compensation < 0 {
		p.add("compensation", CodeTooSmall, "compensation cannot be negative")
	}
	checkAmount(&p, "compensation", in.Compensation)
	if err := p.err(); err != nil {
		return nil, err
	}
	need := PermAfterSales
	if in.Compensation > 0 {
		need = PermRefund // money goes back: finance or the owner
	}
	return s.changeComplaint(ctx, id, need, func(tx Tx, who Actor, now time.Time, c *Complaint) (string, error) {
		if c.Status != ComplaintPending && c.Status != ComplaintInvestigating {
			return "", &ComplaintStateError{"resolve", c.Number, c.Status, "it is resolved already"}
		}
		if in.Compensation > 0 {
			if c.OrderID == 0 {
				return "", &ValidationError{Fields: []FieldError{{Field: "compensation", Code: CodeInvalid,
					Message: "money is paid back on an order: this complaint names none"}}}
			}
			o, err := tx.Order(ctx, c.OrderID)
			if err != nil {
				return "", err
			}
			shop, err := tx.Shop(ctx)
			if err != nil {
				return "", err
			}
			dueBefore := o.RefundDue()
			if err := credit(ctx, tx, who, now, shop, o, Credit{Kind: CreditCompensation, Amount: in.Compensation,
				Note: "complaint " + c.Number}); err != nil {
				return "", err
			}
			if back := min(in.Compensation, o.RefundDue()-dueBefore); back > 0 {
				if _, err := refund(ctx, tx, who, now, o, RefundInput{Amount: back, Reference: "complaint " + c.Number}); err != nil {
					return "", err
				}
			}
		}
		c.Status, c.ResolvedAt, c.Resolution, c.Compensation = ComplaintResolved, now, in.Resolution, in.Compensation
		if c.AcceptedAt.IsZero() {
			c.AcceptedAt = now
		}
		if _, err := tx.CloseTasks(ctx, TaskComplaintAccept, SubjectComplaint, c.ID, now, who.Name); err != nil {
			return "", err
		}
		return fmt.Sprintf("complaint %s resolved: %s", c.Number, in.Resolution), nil
	})
}

// CloseComplaint records how the customer took the resolution and closes
// the complaint.
func (s *Service) CloseComplaint(ctx context.Context, id int64, satisfaction Satisfaction) (*Complaint, error) {
	valid := false
	for _, k := range Satisfactions() {
		valid = valid || k == satisfaction
	}
	if !valid {
		return nil, &ValidationError{Fields: []FieldError{{Field: "satisfaction", Code: CodeRequired,
			Message: "how did the customer take it: satisfied, neutral or unsatisfied?"}}}
	}
	return s.changeComplaint(ctx, id, PermAfterSales, func(tx Tx, who Actor, now time.Time, c *Complaint) (string, error) {
		if c.Status != ComplaintResolved {
			return "", &ComplaintStateError{"close", c.Number, c.Status, "a complaint is closed once it is resolved"}
		}
		c.Status, c.ClosedAt, c.Satisfaction = ComplaintClosed, now, satisfaction
		return fmt.Sprintf("complaint %s closed: customer %s", c.Number, satisfaction), nil
	})
}

// linkComplaint notes the case a complaint opened on the complaint.
func linkComplaint(ctx context.Context, tx Tx, complaintID int64, c *Case) error {
	cp, err := tx.Complaint(ctx, complaintID)
	if err != nil {
		return err
	}
	if cp.OrderID != 0 && cp.OrderID != c.OrderID {
		return &ValidationError{Fields: []FieldError{{Field: "complaint", Code: CodeInvalid,
			Message: fmt.Sprintf("complaint %s is about order %s, not %s", cp.Number, cp.Order, c.Order)}}}
	}
	cp.CaseID = c.ID
	if cp.OrderID == 0 {
		cp.OrderID, cp.Order = c.OrderID, c.Order
	}
	return tx.UpdateComplaint(ctx, cp)
}

// Complaint returns one complaint.
func (s *Service) Complaint(ctx context.Context, id int64) (*Complaint, error) {
	var c *Complaint
	err := s.read(ctx, func(tx Tx) error {
		var err error
		c, err = tx.Complaint(ctx, id)
		return err
	})
	return c, err
}

// Complaints lists complaints, newest first, and how many match.
func (s *Service) Complaints(ctx context.Context, f ComplaintFilter) ([]Complaint, int, error) {
	var out []Complaint
	var n int
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, n, err = tx.Complaints(ctx, f)
		return err
	})
	return out, n, err
}
