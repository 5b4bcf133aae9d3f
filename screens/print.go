package screens

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"orderdesk/app"
	"orderdesk/reports"
)

// orderSheet writes an order out as the printed sheet shows it.
func orderSheet(shop app.Shop, o *app.Order, now time.Time) reports.OrderSheet {
	cur := shop.Currency
	contacts := []string{shop.Address.OneLine()}
	for _, c := range []string{shop.Phone, shop.Email} {
		if c != "" {
			contacts = append(contacts, c)
		}
	}
	v := reports.OrderSheet{
		Paper: reports.PaperFor("", shop), Created: now, ShopName: shop.Name, ShopLines: strings.Join(contacts, " · "),
		Title: lang.L("Order {{.Number}}", map[string]any{"Number": o.Number}),
		Facts: [][2]string{
			{lang.L("Date"), dateTime(o.OrderedAt)},
			{lang.L("Status"), statusText(o.Status) + " · " + paymentStatusText(o.PaymentStatus)},
			{lang.L("Channel"), channelText(o.Channel)},
			{lang.L("Platform order"), o.PlatformOrderID},
			{lang.L("Customer"), o.CustomerName},
			{lang.L("Deliver to"), strings.TrimSpace(o.RecipientName + " " + o.RecipientPhone)},
			{lang.L("Address"), strings.TrimSpace(o.Address.OneLine() + " " + o.Address.Postcode)},
			{lang.L("Payment method"), methodText(o.PaymentMethod)},
		},
		LineHeads: [6]string{lang.L("Product"), lang.L("Spec"), lang.L("Qty"), lang.L("Unit price"),
			lang.L("Line discount"), lang.L("Subtotal")},
		Totals: [][2]string{{lang.L("Goods"), cur.Format(o.GoodsTotal)}, {lang.L("Shipping"), cur.Format(o.ShippingFee)},
			{lang.L("Discount"), cur.Format(o.OrderDiscount)}, {lang.L("Payable"), cur.Format(o.Payable)}},
		Notes:  [][2]string{{lang.L("Special request"), o.SpecialRequest}, {lang.L("Notes"), o.Notes}},
		Footer: shop.Name + " · " + lang.L("Printed {{.Time}}", map[string]any{"Time": dateTime(now)}),
	}
	if o.PaymentMethod == "" {
		v.Facts[7][1] = ""
	}
	for _, l := range o.Lines {
		discount := ""
		if l.Discount > 0 {
			discount = cur.Format(l.Discount)
		}
		v.Lines = append(v.Lines, [6]string{l.SKU + " " + l.Name, l.Spec, app.FormatCount(l.Qty),
			cur.Format(l.UnitPrice), discount, cur.Format(l.Subtotal())})
	}
	return v
}

// printOrder writes the order's sheet to a PDF in the documents folder
// and opens it in the system's viewer, from where it prints.
func printOrder(ctx context.Context, svc *app.Service, win fyne.Window, o *app.Order, background func(func())) {
	background(func() {
		path, err := writeOrderSheet(ctx, svc, o, documentsDir())
		fyne.Do(func() {
			if err != nil {
				showError(errors.New(lang.L("The order could not be printed: ")+err.Error()), win)
				return
			}
			showDocument(win, path, "")
		})
	})
}

// writeOrderSheet writes the sheet to dir and returns the file's path.
// The file is written whole under a temporary name and then renamed, so a
// full disk never leaves half a document behind.
func writeOrderSheet(ctx context.Context, svc *app.Service, o *app.Order, dir string) (string, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s.pdf", lang.L("order"), o.Number))
	return path, saveFile(path, func(w io.Writer) error { return reports.WriteOrderSheet(w, orderSheet(shop, o, time.Now())) })
}
