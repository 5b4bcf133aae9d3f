package reports

import (
	"bytes"
	"strings"
	"testing"

	"orderdesk/app"
)

func sampleCase(o *app.Order, kind app.CaseKind, reason app.CaseReason) *app.Case {
	c := &app.Case{Number: "202611-R004", OrderID: o.ID, Order: o.Number, Kind: kind, Reason: reason, Status: app.CaseApproved,
		ShopPaysShipping: reason.ShopsFault()}
	for _, l := range o.Lines[:2] {
		c.Lines = append(c.Lines, app.CaseLine{LineID: l.ID, SKU: l.SKU, Name: l.Name, Spec: l.Spec, Qty: 1})
	}
	return c
}

func writeRMA(t *testing.T, v RMALetter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRMALetter(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRMALetter: the return authorisation names the case, the goods and
// their quantities, the warehouse to send them to, what to write in the
// parcel, and who pays the postage by whose fault it was.
func TestRMALetter(t *testing.T) {
	o := sampleOrder(3)
	warehouse := app.Address{Province: "浙江省", City: "杭州市", District: "余杭区", Street: "文一西路 1500 号 6 号库", Postcode: "311121", Country: "CN"}
	opt := RMAOptions{Lang: LangChinese, Now: letterNow, ReturnTo: warehouse, ReturnPhone: "0571-88009999",
		Letter: app.Letter{Kind: app.LetterReturnGoods}}
	text := pdfText(t, writeRMA(t, NewRMALetter(sampleShop(), sampleCase(o, app.CaseReturnRefund, app.ReasonQuality), o, opt)))
	for _, want := range []string{"退货授权书", "202611-R004", o.Number, "质量问题", "文一西路1500号6号库", "0571-88009999",
		"寄回地址", "TEA-LJ-250", "POT-ZS-300", "往返运费由我方承担", "售后部（售后单202611-R004）"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the Chinese RMA letter lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "¥") {
		t.Errorf("a return form shows money:\n%s", text)
	}

	opt.Lang = LangEnglish
	c := sampleCase(o, app.CaseExchange, app.ReasonWrongSize)
	c.Exchange = []app.LineInput{{SKU: "CUP-BC-6", Qty: 2}}
	text = pdfText(t, writeRMA(t, NewRMALetter(sampleShop(), c, o, opt)))
	for _, want := range []string{"Return authorisation", "Size or colour does not suit", "return postage is yours to pay",
		"CUP-BC-6 × 2", "Write the case number 202611-R004 and your order number " + o.Number} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the English exchange letter lacks %q:\n%s", want, text)
		}
	}
}
