package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sampleSheet() OrderSheet {
	return OrderSheet{
		Created:   time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC),
		ShopName:  "青岚茶舍 Qinglan Tea House",
		ShopLines: "浙江省杭州市西湖区龙井路 18 号 · 0571-88001234",
		Title:     "订单 202605-001",
		Facts: [][2]string{{"客户", "杭州茗香茶行有限公司"}, {"收货人", "沈国强 0571-87654321"},
			{"地址", "浙江省杭州市上城区河坊街 188 号，这是一个很长很长的地址，用来检查中文在换行时不会丢字，也不会让逗号跑到行首。"},
			{"Platform order", ""}},
		LineHeads: [6]string{"商品", "规格", "数量", "单价", "优惠", "小计"},
		Lines: [][6]string{
			{"TEA-LJ-250 西湖龙井", "250g 罐装", "3", "¥168.00", "", "¥504.00"},
			{"POT-ZS-300 宜兴紫砂壶 西施 with a long English name that wraps", "300ml", "1", "¥580.00", "¥20.00", "¥560.00"},
			{"EMOJI-1 礼品 🎁 and rare 𨋢", "", "1", "¥5.00", "", "¥5.00"},
		},
		Totals: [][2]string{{"商品金额", "¥1,069.00"}, {"运费", "¥10.00"}, {"应付", "¥1,079.00"}},
		Notes:  [][2]string{{"特殊要求", "防潮包装 moisture-proof packing"}},
		Footer: "OrderDesk",
	}
}

// TestOrderSheetText prints a Chinese order and reads the text back with
// a real PDF reader: every character of the long address survives the
// wrap, and a line never starts with a comma.
func TestOrderSheetText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteOrderSheet(&buf, sampleSheet()); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 400_000 {
		t.Errorf("a one-page order is %d bytes; the font is not being subset", buf.Len())
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "order.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	flat := strings.Join(strings.Fields(got), "")
	for _, want := range []string{"青岚茶舍", "订单202605-001", "杭州茗香茶行有限公司",
		"浙江省杭州市上城区河坊街188号，这是一个很长很长的地址，用来检查中文在换行时不会丢字，也不会让逗号跑到行首。",
		"西湖龙井", "¥1,079.00", "防潮包装", "moisture-proofpacking", "礼品?"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed order lacks %q:\n%s", want, got)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "，") {
			t.Errorf("a line starts with a comma: %q", line)
		}
	}
}
