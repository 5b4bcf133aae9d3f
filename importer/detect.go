package importer

// Detect names the preset that reads the tables, from their headers alone:
// shopify, woocommerce, taobao, etsy, amazon or ebay when a table has the
// columns only that platform's export has, else generic. With several
// tables (Taobao's and Etsy's two reports, a workbook's sheets) the first
// table that names a platform decides.
func Detect(tables []Table) string {
	for _, t := range tables {
		if p := detectTable(t); p != PresetGeneric {
			return p
		}
	}
	return PresetGeneric
}

func detectTable(t Table) string {
	has := func(names ...string) bool { return t.Column(names...) >= 0 }
	switch {
	// Taobao/Tmall: the order report (订单报表) or the item report
	// (宝贝报表), both keyed by 订单编号.
	case has("订单编号") && (has("买家会员名") || has("买家应付货款") || has("总金额") && has("收货地址") ||
		has("购买数量") && has("标题")):
		return PresetTaobao
	// Shopify's "Export orders": Name is the order, Lineitem … its lines.
	case has("Name") && has("Lineitem quantity") && has("Lineitem price", "Lineitem sku", "Lineitem name"):
		return PresetShopify
	// eBay Seller Hub's orders report (and the older Selling Manager one).
	case has("Sales Record Number") && has("Item Number", "Item Title", "Item ID"):
		return PresetEBay
	// Amazon Seller Central's order reports: order-id or amazon-order-id,
	// purchase-date, the item's sku and quantity, and a column no one else
	// writes (order-item-id, asin, sales-channel).
	case has("order-id", "amazon-order-id") && has("purchase-date") && has("sku") &&
		has("quantity-purchased", "quantity", "quantity-shipped") &&
		has("amazon-order-id", "order-item-id", "asin", "sales-channel"):
		return PresetAmazon
	// Etsy's "Sold Order Items" (a row per item) and "Sold Orders".
	case has("Sale Date") && has("Order ID") && (has("Listing ID") && has("Item Name") ||
		has("Number of Items") && has("Order Value")):
		return PresetEtsy
	// WooCommerce through its export plugins: the order's billing fields
	// (billing_first_name, First Name (Billing)) and its items, as rows or
	// packed in a column.
	case has("Order Number", "order_id", "Order ID") &&
		has("billing_first_name", "First Name (Billing)", "billing_email", "Email (Billing)", "Billing First Name") &&
		has("Quantity (- Refund)", "Item Cost", "item_quantity", "item_name", "product_name", "line_items", "line_item_1",
			"Quantity", "Item Name", "Product Name"):
		return PresetWooCommerce
	}
	return PresetGeneric
}
