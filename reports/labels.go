package reports

import (
	"fmt"
	"time"
)

// Lang is the language a document is printed in. Documents carry their
// own words rather than the GUI's translation files, so a letter prints
// the same on every machine whatever the screen's language.
type Lang string

const (
	LangEnglish Lang = "en"
	LangChinese Lang = "zh" // Simplified
)

// wording is one label in every document language.
type wording struct{ en, zh string }

// labels are the words documents print. Keys of the form "kind.value"
// name the values of the shop's lists (channels, payment methods, …),
// spelled as the app package spells them.
var labels = map[string]wording{
	"confirmation.title": {"Order confirmation", "订单确认书"},
	"confirmation.intro": {"Thank you for your order. Please check the details below and tell us at once if anything is not right.",
		"感谢您的订购！请核对以下订单内容，如有不符请及时与我们联系。"},
	"order":           {"Order", "订单信息"},
	"order_number":    {"Order number", "订单号"},
	"letter_date":     {"Date", "日期"},
	"ordered_at":      {"Ordered", "下单时间"},
	"channel":         {"Channel", "渠道"},
	"platform_order":  {"Platform no.", "平台订单号"},
	"customer":        {"Customer", "客户信息"},
	"customer_name":   {"Name", "客户名称"},
	"contact":         {"Contact", "联系人"},
	"phone":           {"Phone", "电话"},
	"email":           {"E-mail", "邮箱"},
	"tax_id":          {"Tax ID", "税号"},
	"deliver_to":      {"Deliver to", "收货信息"},
	"recipient":       {"Recipient", "收货人"},
	"address":         {"Address", "地址"},
	"delivery":        {"Delivery", "配送安排"},
	"expected_ship":   {"Est. shipping", "预计发货"},
	"expected_arrive": {"Est. arrival", "预计送达"},
	"urgency":         {"Urgency", "时效"},
	"time_slot":       {"Delivery time", "送货时段"},
	"items":           {"Items", "商品明细"},
	"sku":             {"SKU", "货号"},
	"product":         {"Product", "商品"},
	"spec":            {"Spec", "规格"},
	"qty":             {"Qty", "数量"},
	"unit_price":      {"Unit price", "单价"},
	"discount":        {"Discount", "优惠"},
	"subtotal":        {"Subtotal", "小计"},
	"goods":           {"Goods", "商品金额"},
	"shipping":        {"Shipping", "运费"},
	"order_discount":  {"Order discount", "订单优惠"},
	"coupon":          {"coupon", "优惠券"},
	"total":           {"Total payable", "应付总额"},
	"paid":            {"Paid", "已付"},
	"refunded":        {"Refunded", "已退"},
	"outstanding":     {"Outstanding", "待付"},
	"payment_status":  {"Payment status", "付款状态"},
	"payment_method":  {"Payment method", "付款方式"},
	"special_request": {"Special requests", "特殊要求"},
	"invoice":         {"Invoice", "发票"},
	"invoice_title":   {"made out to", "抬头"},
	"contact_us":      {"Questions about this order? Contact us: ", "如对本订单有任何疑问，请联系我们："},
	"confirm.title":   {"Customer confirmation", "客户确认"},
	"confirm.note": {"Please sign, stamp and return this letter to us within 2 working days.",
		"请于 2 个工作日内签字盖章后回传本确认书。"},
	"confirm.text": {"We confirm the order above.", "我方确认以上订单内容。"},
	"signature":    {"Signature", "签字"},
	"seal":         {"Company seal", "公司盖章"},
	"date":         {"Date", "日期"},
	"page":         {"Page {n} of {total}", "第 {n} 页，共 {total} 页"},

	"printed":         {"Printed", "打印时间"},
	"continued":       {"continued", "续"},
	"pick.title":      {"Pick list", "拣货单"},
	"pick.walk_title": {"Batch pick list by SKU", "汇总拣货单（按商品）"},
	"bin":             {"Bin", "库位"},
	"unit":            {"Unit", "单位"},
	"picked":          {"Picked", "已拣"},
	"picked_by":       {"Picked by", "拣货人"},
	"checked_by":      {"Checked by", "复核人"},
	"city":            {"City", "城市"},
	"warehouse":       {"Warehouse", "仓库"},
	"total_units":     {"Total units", "合计件数"},
	"orders":          {"Orders", "订单"},
	"order_count":     {"Orders", "订单数"},
	"stops":           {"Bins to visit", "拣货位数"},

	"slip.title":     {"Packing slip / delivery note", "装箱单 / 送货单"},
	"slip.to_follow": {"To follow in a later parcel", "后续包裹寄出"},
	"slip.to_follow_note": {". Not in this parcel: we send them separately as soon as they are ready.",
		"。以上商品不在本包裹内，备齐后另行寄出。"},
	"slip.list_sep": {"; ", "；"},
	"slip.returns_any_time": {"To return something, tell us at %s, quoting order %s. We send you a return form with the address to send it to; please do not send goods back without it.",
		"如需退换货，请通过 %s 联系我们，并告知订单号 %s。我们会发给您退货单和退货地址，请勿未经联系直接寄回。"},
	"slip.returns": {"Returns", "退换货"},
	"slip.returns_text": {"To return something, tell us within %d days of delivery at %s, quoting order %s. We send you a return form with the address to send it to; please do not send goods back without it.",
		"如需退换货，请在签收后 %d 天内通过 %s 联系我们，并告知订单号 %s。我们会发给您退货单和退货地址，请勿未经联系直接寄回。"},
	"slip.or":         {" or ", " 或 "},
	"shipment":        {"Shipment", "发货信息"},
	"shipment_number": {"Shipment number", "发货单号"},
	"packed_at":       {"Packed", "打包日期"},
	"carrier":         {"Carrier", "承运商"},
	"no_carrier":      {"No carrier chosen", "未指定承运商"},
	"tracking":        {"Tracking number", "运单号"},
	"packages":        {"Packages", "件数"},
	"weight":          {"Weight", "重量"},
	"goods_value":     {"Goods in this shipment", "本次发货商品金额"},
	"amount":          {"Amount", "金额"},
	"payment":         {"Payment", "付款"},
	"mark.fragile":    {"FRAGILE", "易碎"},
	"mark.keep_dry":   {"KEEP DRY", "防潮"},
	"signoff.title":   {"Delivery sign-off", "签收确认"},
	"signoff.note": {"Please check the packages and the goods before you sign, and write down anything damaged or missing.",
		"请当面开箱验货后签收；如有破损或短少，请在验货备注中注明。"},
	"signoff.text":    {"I have received the goods listed above in good condition.", "本人已收到以上货物，外包装及商品完好无损。"},
	"signoff.remarks": {"Inspection remarks", "验货备注"},
	"signoff.signer":  {"Received by", "签收人"},

	"label.to":   {"TO", "收件人"},
	"label.from": {"FROM", "寄件人"},

	"shiplist.title": {"Shipping list", "发货交接清单"},
	"shiplist.none":  {"Nothing ships on this day.", "当日没有发货。"},
	"ship_date":      {"Shipping date", "发货日期"},
	"shipments":      {"Shipments", "票数"},
	"total_weight":   {"Total weight", "总重量"},
	"driver":         {"Driver", "司机签字"},
	"handover_time":  {"Time", "交接时间"},

	"payment.unpaid":          {"unpaid", "未付款"},
	"payment.partly_paid":     {"partly paid", "部分付款"},
	"payment.paid":            {"paid", "已付款"},
	"payment.partly_refunded": {"partly refunded", "部分退款"},
	"payment.refunded":        {"refunded", "已退款"},
	"payment.nothing_due":     {"nothing due", "无需付款"},

	"method.cash":           {"cash", "现金"},
	"method.bank_transfer":  {"bank transfer", "银行转账"},
	"method.card":           {"card", "银行卡"},
	"method.alipay":         {"Alipay", "支付宝"},
	"method.wechat_pay":     {"WeChat Pay", "微信支付"},
	"method.paypal":         {"PayPal", "PayPal"},
	"method.platform":       {"paid through the marketplace", "平台代收"},
	"method.cod":            {"cash on delivery", "货到付款"},
	"method.credit":         {"on account", "账期结算"},
	"method.returned_goods": {"goods returned", "退货抵款"},

	"channel.webshop":     {"web shop", "官网商城"},
	"channel.taobao":      {"Taobao", "淘宝"},
	"channel.tmall":       {"Tmall", "天猫"},
	"channel.jd":          {"JD.com", "京东"},
	"channel.pinduoduo":   {"Pinduoduo", "拼多多"},
	"channel.shopify":     {"Shopify", "Shopify"},
	"channel.woocommerce": {"WooCommerce", "WooCommerce"},
	"channel.amazon":      {"Amazon", "亚马逊"},
	"channel.ebay":        {"eBay", "eBay"},
	"channel.etsy":        {"Etsy", "Etsy"},
	"channel.platform":    {"marketplace", "其他平台"},
	"channel.phone":       {"phone", "电话订购"},
	"channel.email":       {"e-mail", "邮件订购"},
	"channel.dealer":      {"dealer", "经销商"},
	"channel.walkin":      {"in the shop", "门店"},

	"urgency.standard": {"standard", "普通"},
	"urgency.urgent":   {"urgent", "加急"},

	"invoice.normal":      {"normal invoice", "普通发票"},
	"invoice.vat_special": {"VAT special invoice", "增值税专用发票"},
}

// label is the word for key in l; English for a language it does not
// know, and the key itself for a key it does not know, so that a slip
// shows on the page instead of leaving a gap.
func (l Lang) label(key string) string {
	w, ok := labels[key]
	if !ok {
		return key
	}
	return w.in(l)
}

// from is key's word in l from a document's own table, with its blanks
// filled (only when there are values: a word may hold a literal %); a
// key not in the table is a shared label.
func (l Lang) from(table map[string]wording, key string, args ...any) string {
	w, ok := table[key]
	if !ok {
		return l.label(key)
	}
	if len(args) > 0 {
		return fmt.Sprintf(w.in(l), args...)
	}
	return w.in(l)
}

// valueLabel is the word for one of the shop's list values ("channel",
// app.ChannelTmall); a value added to the app after this table was
// written prints as it is spelled.
func (l Lang) valueLabel(kind, value string) string {
	if value == "" {
		return ""
	}
	if _, ok := labels[kind+"."+value]; !ok {
		return value
	}
	return l.label(kind + "." + value)
}

// date writes a calendar date the way readers of l write it:
// "2 Nov 2026", "2026年11月2日".
func (l Lang) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.chinese() {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	return t.Format("2 Jan 2006")
}

// dateTime writes a moment as its date and the time of day.
func (l Lang) dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.date(t) + " " + t.Format("15:04")
}

// colon joins a label to what follows it, with the colon each language
// uses.
func (l Lang) colon(label string) string {
	if l.chinese() {
		return label + "："
	}
	return label + ": "
}
