package importer

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bigTaobaoExport is a 订单报表 of n orders in GB18030, about 500 bytes a
// row like the real one.
func bigTaobaoExport(n int) []byte {
	var b strings.Builder
	writeTaobaoRow(&b, taobaoOrderHeader, false)
	for i := range n {
		writeTaobaoRow(&b, []string{fmt.Sprintf(`="33728749823%08d"`, i), "tb_buyer" + fmt.Sprint(i%997), "138****8000",
			"312.00", "0.00", "0", "312.00", "0", "312.00", "0", "买家已付款,等待卖家发货", "请尽快发货，谢谢", "张伟",
			"浙江省 杭州市 西湖区 文三路 398号 东方通信大厦 (310013)", "快递", "", "'13800138000", "2026-11-02 10:15:23",
			"2026-11-02 10:15:41", "西湖龙井 2026新茶 明前特级 250g罐装，西湖龙井 2026新茶 明前特级 100g袋装", "2", "", "", "",
			"3", "167832045", "西湖茶韵旗舰店", "订单未关闭", "0", "0", "", "手机订单"}, false)
	}
	return gb18030(b.String())
}

// BenchmarkReadCSV100kOrders reads 100,000 Taobao orders (37 MB of GB18030).
func BenchmarkReadCSV100kOrders(b *testing.B) {
	data := bigTaobaoExport(100_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadCSV("big.csv", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadCSVMemory: the rows of a 37 MB export (50 MB once in UTF-8) keep
// less than twice the file's size in memory: the text is held once.
func TestReadCSVMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 50 MB file")
	}
	data := bigTaobaoExport(100_000)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	tab, err := ReadCSV("big.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d rows from %.1f MB: %.1f MB kept, %.1f MB allocated", len(tab.Rows),
		float64(len(data))/1e6, float64(kept)/1e6, float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	if len(tab.Rows) != 100_000 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	if kept > 2*int64(len(data)) {
		t.Errorf("%.1f MB kept for a %.1f MB file", float64(kept)/1e6, float64(len(data))/1e6)
	}
	runtime.KeepAlive(tab)
}
