package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"orderdesk/app"
)

// The fulfilment papers' fixtures: two orders of the sample shop picked
// from one warehouse, and the shipments they leave in.

// sampleStop is a stop in the warehouse "HZ" at the bin aisle-shelf-position.
func sampleStop(o *app.Order, line int, bin string, sku, barcode, name, spec, unit string, qty int64) app.PickStop {
	aisle, shelf, position := app.ParseBinCode(bin)
	return app.PickStop{OrderID: o.ID, OrderNumber: o.Number, LineNo: line, ProductID: int64(len(sku)*100 + int(sku[0])),
		SKU: sku, Barcode: barcode, Name: name, Spec: spec, Unit: unit, WarehouseID: 1, WarehouseCode: "HZ",
		BinCode: bin, Aisle: aisle, Shelf: shelf, Position: position, Qty: qty}
}

// secondOrder is a retail customer's standard order from Suzhou.
func secondOrder() *app.Order {
	o := &app.Order{ID: 9, Number: "202611-009", Channel: app.ChannelTmall, CustomerName: "林晓雯",
		CustomerKind: app.CustomerRetail, CustomerPhone: "139 1234 5678", RecipientName: "林晓雯", RecipientPhone: "139 1234 5678",
		Address:       app.Address{Province: "江苏省", City: "苏州市", District: "姑苏区", Street: "平江路 56 号", Postcode: "215000", Country: "CN"},
		PaymentMethod: app.PayAlipay, Delivery: app.Delivery{Urgency: app.UrgencyStandard},
		Lines: []app.OrderLine{
			{ID: 91, LineNo: 1, SKU: "TEA-LJ-250", Name: "西湖龙井 明前特级", Spec: "250g 罐装", Unit: "罐", Qty: 2, UnitPrice: 16800},
			{ID: 92, LineNo: 2, SKU: "TEA-PE-357", Name: "云南普洱生茶饼", Spec: "357g", Unit: "饼", Qty: 4, UnitPrice: 19800, Discount: 2000},
			{ID: 93, LineNo: 3, SKU: "CUP-BC-6", Name: "白瓷品茗杯六只装", Spec: "6 只/盒", Unit: "盒", Qty: 1, UnitPrice: 8800},
		}}
	o.Recalculate()
	o.AmountPaid = o.Payable
	o.Recalculate()
	return o
}

// samplePickLists are the two orders' lists, their stops given out of
// walking order on purpose.
func samplePickLists() []app.PickList {
	first, second := sampleOrder(4), secondOrder()
	first.ID = 7
	return []app.PickList{
		{Order: first, Stops: []app.PickStop{
			sampleStop(first, 3, "B-2-1", "TEA-PE-357", "", "云南普洱生茶饼", "357g", "饼", 1),
			sampleStop(first, 2, "A-1-2", "CUP-BC-6", "6901234567892", "白瓷品茗杯六只装", "6 只/盒", "盒", 2),
			sampleStop(first, 1, "A-1-1", "TEA-LJ-250", "6901234567885", "西湖龙井 明前特级", "250g 罐装", "罐", 3),
			sampleStop(first, 4, "A-10-1", "POT-ZS-300", "", "宜兴紫砂壶 西施", "300ml", "把", 1),
		}},
		{Order: second, Stops: []app.PickStop{
			sampleStop(second, 2, "B-2-1", "TEA-PE-357", "", "云南普洱生茶饼", "357g", "饼", 4),
			sampleStop(second, 1, "A-1-1", "TEA-LJ-250", "6901234567885", "西湖龙井 明前特级", "250g 罐装", "罐", 2),
			sampleStop(second, 3, "A-1-2", "CUP-BC-6", "6901234567892", "白瓷品茗杯六只装", "6 只/盒", "盒", 1),
		}},
	}
}

var packedAt = time.Date(2026, 11, 2, 9, 40, 0, 0, time.UTC)

// sampleShipments are three shipments: the two orders merged into one
// box of glass and one of tea, a re-send still waiting for its tracking
// number, and a parcel with another carrier.
func sampleShipments() (shipments []app.Shipment, orders []*app.Order) {
	first, second := sampleOrder(4), secondOrder()
	first.ID = 7
	for i := range first.Lines {
		first.Lines[i].ID = int64(71 + i)
	}
	line := func(o *app.Order, i int, qty int64) app.ShipmentLine {
		l := o.Lines[i]
		return app.ShipmentLine{OrderID: o.ID, OrderNumber: o.Number, LineID: l.ID, LineNo: l.LineNo, SKU: l.SKU,
			Name: l.Name, Spec: l.Spec, Unit: l.Unit, Qty: qty, UnitPrice: l.UnitPrice}
	}
	merged := app.Shipment{ID: 1, Number: "202611-007-1", Status: app.ShipmentPacked, OrderIDs: []int64{7, 9},
		RecipientName: first.RecipientName, RecipientPhone: first.RecipientPhone, Address: first.Address,
		Lines: []app.ShipmentLine{line(first, 0, 1), line(first, 1, 2), line(second, 1, 4), line(second, 2, 1)},
		Packages: []app.Package{
			{No: 1, WeightGrams: 1250, Material: "carton, bubble wrap", Fragile: true},
			{No: 2, WeightGrams: 2004, KeepDry: true},
		},
		Carrier: "SF Express", Service: "标准快递", TrackingNumber: "SF1234567890123", PackedAt: packedAt, PackedBy: "王芳"}
	resend := app.Shipment{ID: 2, Number: "202611-009-2", Status: app.ShipmentToPack, OrderIDs: []int64{9},
		RecipientName: second.RecipientName, RecipientPhone: second.RecipientPhone, Address: second.Address,
		Lines:    []app.ShipmentLine{line(second, 0, 2)},
		Packages: []app.Package{{No: 1, WeightGrams: 600, KeepDry: true}},
		Carrier:  "SF Express", Service: "标准快递", PackedAt: packedAt}
	other := app.Shipment{ID: 3, Number: "202611-012-1", Status: app.ShipmentPacked, OrderIDs: []int64{12},
		RecipientName: "赵建国", RecipientPhone: "0571-8888 1234",
		Address: app.Address{Province: "浙江省", City: "宁波市", District: "鄞州区", Street: "天童南路 588 号", Country: "CN"},
		Lines: []app.ShipmentLine{{OrderID: 12, OrderNumber: "202611-012", SKU: "POT-ZS-300", Name: "宜兴紫砂壶 西施",
			Unit: "把", Qty: 1, UnitPrice: 58000}},
		Packages: []app.Package{{No: 1, WeightGrams: 980, Fragile: true}},
		Carrier:  "ZTO Express", TrackingNumber: "ZT7788990011"}
	return []app.Shipment{merged, resend, other}, []*app.Order{first, second}
}

// TestWriteSampleFulfilment writes one of each fulfilment paper for a
// person to look at when ORDERDESK_SAMPLES names a folder.
func TestWriteSampleFulfilment(t *testing.T) {
	dir := os.Getenv("ORDERDESK_SAMPLES")
	if dir == "" {
		t.Skip("set ORDERDESK_SAMPLES to a folder to get sample fulfilment papers")
	}
	save := func(name string, write func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shop := sampleShop()
	shop.Logo = testLogo(t)
	lists := samplePickLists()
	shipments, orders := sampleShipments()
	for name, l := range map[string]Lang{"zh": LangChinese, "en": LangEnglish} {
		save("picklist-"+name+".pdf", func(b *bytes.Buffer) error {
			return WritePickLists(b, NewPickLists(shop, lists, PickListOptions{Lang: l, Now: letterNow}))
		})
		save("picklist-bysku-"+name+".pdf", func(b *bytes.Buffer) error {
			return WritePickLists(b, NewPickLists(shop, lists, PickListOptions{Lang: l, Now: letterNow, BySKU: true}))
		})
		save("packingslip-"+name+".pdf", func(b *bytes.Buffer) error {
			return WritePackingSlips(b, NewPackingSlips(shop, shipments, orders, PackingSlipOptions{Lang: l, Now: letterNow, Prices: true}))
		})
		save("label-"+name+".pdf", func(b *bytes.Buffer) error {
			return WriteShippingLabels(b, NewShippingLabels(shop, shipments, LabelOptions{Lang: l, Now: letterNow}))
		})
		long := samplePickLists()[:1]
		for i := range 30 {
			long[0].Stops = append(long[0].Stops, sampleStop(long[0].Order, 10+i, fmt.Sprintf("C-%d-%d", 1+i/6, 1+i%6),
				fmt.Sprintf("SKU-%02d", i), fmt.Sprintf("69%011d", i), "商品名称很长很长的一件商品，用来检查换行", "规格", "件", int64(i+1)))
		}
		save("picklist-long-"+name+".pdf", func(b *bytes.Buffer) error {
			return WritePickLists(b, NewPickLists(shop, long, PickListOptions{Lang: l, Now: letterNow}))
		})
		save("shippinglist-"+name+".pdf", func(b *bytes.Buffer) error {
			return WriteShippingList(b, NewShippingList(shop, shipments, letterNow, ShippingListOptions{Lang: l, Now: letterNow}))
		})
	}
}
