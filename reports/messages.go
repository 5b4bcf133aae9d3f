package reports

import (
	"strings"
	"time"

	"orderdesk/app"
)

// Ready-to-send messages: what the desk copies into the customer's chat
// or e-mail. Like the documents, they are in the customer's language
// (LangFor), not the window's, and their words live here with the
// documents' own.

// messageWords are the messages' words; %s and %d are filled in order.
var messageWords = map[string]wording{
	"msg.dear":      {"Dear %s,", "%s，您好！"},
	"msg.thanks":    {"Thank you for shopping with %s.", "感谢您选购%s的商品。"},
	"msg.shipped_2": {"Your order %s has shipped with %s. The tracking number is %s.", "您的订单 %s 已由%s发出，运单号：%s。"},
	"msg.shipped_t": {"Your order %s has shipped. The tracking number is %s.", "您的订单 %s 已发出，运单号：%s。"},
	"msg.shipped_c": {"Your order %s has shipped with %s. We will send you the tracking number shortly.",
		"您的订单 %s 已由%s发出，运单号稍后发给您。"},
	"msg.shipped": {"Your order %s has shipped. We will send you the tracking number shortly.", "您的订单 %s 已发出，运单号稍后发给您。"},
	"msg.about":   {"About your order %s:", "关于您的订单 %s："},
	"msg.backorder": {"%s is out of stock at the moment. We will send your order as soon as it arrives.",
		"%s 暂时缺货，到货后我们会第一时间为您发出。"},
	"msg.backorder_on": {"%s is out of stock at the moment. We expect it on %s and will send your order as soon as it arrives.",
		"%s 暂时缺货，预计 %s 到货，到货后我们会第一时间为您发出。"},
	"msg.part": {"%s: we are sending the %s we have now; the other %s follow in a second parcel at no extra cost.",
		"%s：现有的 %s 件先行发出，其余 %s 件另行补发，不另收运费。"},
	"msg.part_none": {"%s: we are sending the rest of your order now; this item follows in a second parcel at no extra cost.",
		"%s：订单其余商品先行发出，此商品另行补发，不另收运费。"},
	"msg.substitute": {"%s is out of stock, so we are sending %s instead, at the same price.", "%s 缺货，我们将以同价的 %s 代替发出。"},
	"msg.cancel_line": {"%s is out of stock and has been taken off your order; whatever you paid for it will be refunded.",
		"%s 缺货，已从您的订单中取消，已付的款项将退还给您。"},
	"msg.sorry": {"We are sorry for the inconvenience, and thank you for your patience.", "给您带来不便，敬请谅解，感谢您的耐心等待！"},
}

// message is a customer message's word in l, with its blanks filled.
func (l Lang) message(key string, args ...any) string { return l.from(messageWords, key, args...) }

// greeting opens a message to the order's customer.
func greeting(l Lang, o *app.Order) string {
	name := o.CustomerName
	if name == "" {
		name = o.RecipientName
	}
	return l.message("msg.dear", name)
}

// ShippedMessage tells the customer their parcel left, with the carrier
// and the tracking number if there is one yet, in the customer's
// language.
func ShippedMessage(shop app.Shop, o *app.Order, sh *app.Shipment) string {
	l := LangFor(shop, o)
	numbers := strings.Join(shipmentOrders(sh), ", ")
	if numbers == "" {
		numbers = o.Number
	}
	var body string
	switch {
	case sh.Carrier != "" && sh.TrackingNumber != "":
		body = l.message("msg.shipped_2", numbers, sh.Carrier, sh.TrackingNumber)
	case sh.TrackingNumber != "":
		body = l.message("msg.shipped_t", numbers, sh.TrackingNumber)
	case sh.Carrier != "":
		body = l.message("msg.shipped_c", numbers, sh.Carrier)
	default:
		body = l.message("msg.shipped", numbers)
	}
	return greeting(l, o) + "\n" + body + "\n" + l.message("msg.thanks", shop.Name)
}

// ShortageNote is what was decided about one short line, for the message
// that tells the customer.
type ShortageNote struct {
	Short      app.Shortage
	Decision   app.ShortageDecision
	Substitute string // the product sent instead, named as the shop names it
}

// ShortageMessage tells the customer what happens to the lines stock
// could not cover, in the customer's language.
func ShortageMessage(shop app.Shop, o *app.Order, notes []ShortageNote) string {
	l := LangFor(shop, o)
	lines := []string{greeting(l, o), l.message("msg.about", o.Number)}
	for _, n := range notes {
		sh := n.Short
		name := productName(l, sh.Name, altNameOf(o, sh.LineID))
		product := strings.TrimSpace(name + " (" + sh.SKU + ")")
		var text string
		switch n.Decision.Kind {
		case app.ShortBackorder:
			expected := n.Decision.ExpectedDate
			if expected.IsZero() {
				expected = sh.Expected
			}
			if expected.IsZero() {
				text = l.message("msg.backorder", product)
			} else {
				text = l.message("msg.backorder_on", product, l.date(expected.In(time.Local)))
			}
		case app.ShortShipAvailable:
			if sh.Available > 0 {
				text = l.message("msg.part", product, app.FormatCount(sh.Available), app.FormatCount(sh.Need-sh.Available))
			} else {
				text = l.message("msg.part_none", product)
			}
		case app.ShortSubstitute:
			text = l.message("msg.substitute", product, l.script(n.Substitute))
		case app.ShortCancelLine:
			text = l.message("msg.cancel_line", product)
		default:
			continue
		}
		lines = append(lines, "• "+text)
	}
	lines = append(lines, l.message("msg.sorry"))
	if shop.Name != "" {
		lines = append(lines, shop.Name)
	}
	return strings.Join(lines, "\n")
}
