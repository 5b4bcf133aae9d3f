package reports

import (
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// onAccountShop is the sample shop with its bank account set up.
func onAccountShop() app.Shop {
	shop := sampleShop()
	shop.Bank = app.BankDetails{AccountHolder: "杭州青岚茶舍有限公司", BankName: "中国银行杭州西湖支行",
		Account: "3560 6802 1234 5678", SWIFT: "BKCHCNBJ910", Instructions: "请在转账附言中注明订单号。"}
	return shop
}

// TestLetterPaperDealerOrderOnOnePage prints a dealer's three-line order
// on account on US Letter, in both languages: the sums, how to pay and
// the box to sign stay on the one page with the items.
func TestLetterPaperDealerOrderOnOnePage(t *testing.T) {
	for _, l := range []Lang{LangEnglish, LangChinese} {
		o := sampleOrder(3)
		o.DueDate = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		opt := letterOptions(l)
		opt.Paper, opt.PaymentTermDays = PaperLetter, 30
		pdf := writeLetter(t, NewConfirmationLetter(onAccountShop(), o, opt))
		if pages, size := pageCount(t, pdf); pages != 1 || !strings.HasPrefix(size, "612 x 792") {
			t.Errorf("%s: a three-line dealer order on Letter takes %d pages of %s\n%s", l, pages, size, pdfText(t, pdf))
		}
	}
}
