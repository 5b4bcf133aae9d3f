package app

import (
	"context"
	"time"
)

// Store keeps the shop's data. Write runs fn in one transaction and commits
// only if fn returns nil, so a service's validation, writes and event
// either all happen or none do. Read runs fn on a consistent snapshot.
type Store interface {
	Write(ctx context.Context, fn func(Tx) error) error
	Read(ctx context.Context, fn func(Tx) error) error
}

// Tx is what a service can do inside one transaction.
type Tx interface {
	ShopRepo
	CustomerRepo
	ProductRepo
	WarehouseRepo
	StockRepo
	OrderRepo
	PaymentRepo
	EventRepo
	TaskRepo
	SummaryRepo
	ReviewRepo
	ImportRepo
	ReportReader
	MoneyRepo
	FulfilmentRepo
	AfterSalesRepo
	AccountRepo
	CreditRepo
	AccountActivityRepo
	TrackingExportRepo
}

// ShopRepo keeps the shop's settings and number sequences.
type ShopRepo interface {
	Shop(ctx context.Context) (Shop, error)
	SaveShop(ctx context.Context, s Shop) error
	// NextNumber returns the next number of a sequence (orders, returns,
	// complaints) for a period such as "202405", starting at 1. It runs in
	// the caller's transaction, so a rolled-back insert does not use it up
	// and two writers never get the same one.
	NextNumber(ctx context.Context, sequence, period string) (int64, error)
}

// CustomerRepo keeps customers.
type CustomerRepo interface {
	InsertCustomer(ctx context.Context, c *Customer) error
	UpdateCustomer(ctx context.Context, c *Customer) error
	Customer(ctx context.Context, id int64) (*Customer, error)
	FindCustomers(ctx context.Context, f CustomerFilter) ([]Customer, int, error)
}

// CustomerFilter narrows a customer lookup. Text matches name, code,
// contact, phone and e-mail, by prefix.
type CustomerFilter struct {
	Text            string
	Kind            CustomerKind
	IncludeArchived bool
	Limit, Offset   int
}

// ProductRepo keeps products.
type ProductRepo interface {
	InsertProduct(ctx context.Context, p *Product) error
	UpdateProduct(ctx context.Context, p *Product) error
	Product(ctx context.Context, id int64) (*Product, error)
	// ProductByCode finds a product by SKU or barcode (what a scanner
	// types), exact match.
	ProductByCode(ctx context.Context, code string) (*Product, error)
	FindProducts(ctx context.Context, f ProductFilter) ([]Product, int, error)
}

// ProductFilter narrows a product lookup; Text matches SKU, barcode and
// names by prefix.
type ProductFilter struct {
	Text            string
	IncludeInactive bool
	Limit, Offset   int
}

// WarehouseRepo keeps warehouses and their bins.
type WarehouseRepo interface {
	InsertWarehouse(ctx context.Context, w *Warehouse) error
	UpdateWarehouse(ctx context.Context, w *Warehouse) error
	Warehouse(ctx context.Context, id int64) (*Warehouse, error)
	Warehouses(ctx context.Context) ([]Warehouse, error)
	InsertBin(ctx context.Context, b *Bin) error
	Bin(ctx context.Context, id int64) (*Bin, error)
	// Bins lists a warehouse's bins in walking order.
	Bins(ctx context.Context, warehouseID int64) ([]Bin, error)
}

// StockRepo keeps the stock ledger. Levels are sums of the ledger, kept by
// the store in the same transaction as each move.
type StockRepo interface {
	InsertStockMove(ctx context.Context, m *StockMove) error
	// StockLevels lists a product's levels per bin (and the in-transit
	// rows per warehouse, with BinID 0), bins in walking order.
	StockLevels(ctx context.Context, productID int64) ([]StockLevel, error)
	StockSummaries(ctx context.Context, productID int64) ([]StockSummary, error)
	// Reservations lists what is held for an order, per product and bin.
	Reservations(ctx context.Context, orderID int64) ([]Reservation, error)
	StockMoves(ctx context.Context, f MoveFilter) ([]StockMove, error)
}

// MoveFilter narrows a ledger listing; zero fields do not filter.
type MoveFilter struct {
	ProductID int64
	OrderID   int64
	Kind      MoveKind  // "": every kind
	From, To  time.Time // At in [From, To); zero: open
	Limit     int
}

// OrderRepo keeps orders with their lines.
type OrderRepo interface {
	// InsertOrder stores a new order with its lines and search entry and
	// sets o.ID and the lines' IDs.
	InsertOrder(ctx context.Context, o *Order) error
	// UpdateOrder stores changed fields and lines if o.Version still
	// matches the stored one (else ErrConflict), then bumps it.
	UpdateOrder(ctx context.Context, o *Order) error
	// UpdateOrderStatus stores only a step of the order's life (status,
	// where a hold returns to, the reason, the time), version-checked
	// like UpdateOrder: cheaper when nothing else changed.
	UpdateOrderStatus(ctx context.Context, o *Order) error
	Order(ctx context.Context, id int64) (*Order, error)
	OrderByNumber(ctx context.Context, number string) (*Order, error)
	SearchOrders(ctx context.Context, q OrderQuery) (OrderPage, error)
	CountOrders(ctx context.Context) (int64, error)
}

// PaymentRepo keeps payments.
type PaymentRepo interface {
	InsertPayment(ctx context.Context, p *Payment) error
	Payments(ctx context.Context, orderID int64) ([]Payment, error)
}

// EventRepo keeps the history. Events are never changed or deleted.
type EventRepo interface {
	InsertEvent(ctx context.Context, e *Event) error
	Events(ctx context.Context, kind SubjectKind, subjectID int64) ([]Event, error)
}

// TaskRepo keeps the work queue.
type TaskRepo interface {
	InsertTask(ctx context.Context, t *Task) error
	// CloseTasks marks the subject's open tasks of a kind done.
	CloseTasks(ctx context.Context, kind TaskKind, subject SubjectKind, subjectID int64, at time.Time, by string) (int, error)
	Tasks(ctx context.Context, f TaskFilter) ([]Task, error)
}

// TaskFilter narrows the work queue.
type TaskFilter struct {
	OpenOnly    bool
	SubjectKind SubjectKind
	SubjectID   int64
	Limit       int
}

// OrderSort is a column the order list sorts by.
type OrderSort string

const (
	SortOrderedAt OrderSort = "ordered_at"
	SortNumber    OrderSort = "number"
	SortPayable   OrderSort = "payable"
	SortCustomer  OrderSort = "customer"
	SortStatus    OrderSort = "status"
)

// OrderQuery is a search over orders. Zero fields do not filter.
// Text is matched against order number, platform order id, customer,
// recipient, phone, tracking number and SKU.
type OrderQuery struct {
	Text          string
	Statuses      []Status
	Channels      []Channel
	PaymentStatus []PaymentStatus
	CustomerID    int64
	From, To      time.Time // order time, From inclusive, To exclusive
	Sort          OrderSort
	Ascending     bool
	Limit, Offset int
	// SkipTotal leaves OrderPage.Total at -1, for callers that page on
	// without showing a count.
	SkipTotal bool
}

// OrderRow is one order as lists show it, without lines.
type OrderRow struct {
	ID             int64
	Number         string
	OrderedAt      time.Time
	Channel        Channel
	CustomerName   string
	RecipientName  string
	RecipientPhone string
	Payable        Money
	PaymentStatus  PaymentStatus
	Status         Status
}

// OrderPage is one page of a search and the number of matches overall.
type OrderPage struct {
	Rows  []OrderRow
	Total int
}
