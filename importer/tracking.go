package importer

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"

	"orderdesk/app"
)

// The files platforms take back: which parcel of which order left with
// which carrier and tracking number, in each platform's bulk-upload
// layout (issue 18, point 8). Rows in, bytes out; what to put in them is
// app's (TrackingToExport), where the file goes the caller's.
//
//   - Amazon: Seller Central's Shipping Confirmation flat file (Orders,
//     Upload order related files), tab-separated text. order-item-id and
//     quantity stay blank, which confirms the whole order: OrderDesk does
//     not keep Amazon's order-item-ids.
//   - eBay: the bulk order-status upload of Seller Hub Reports (File
//     Exchange's Status action, whose Action header it still reads), one
//     row per parcel by OrderID; ItemID and TransactionID stay blank as
//     OrderDesk keeps only the order id.
//   - Taobao/Tmall: the 批量发货 file of Taobao's seller tools (千牛 卖家
//     中心, 发货, 批量发货), 订单编号, 物流公司, 运单号, in GBK as
//     Excel on Chinese Windows saves it.
//   - Shopify has no bulk tracking upload of its own. The file is the
//     simple layout bulk-fulfilment apps such as EZ Fulfill (HighviewApps)
//     map onto Shopify's order name, tracking number and tracking
//     company; the company names are Shopify's, so Shopify links the
//     numbers to the carriers' tracking pages.
//   - WooCommerce: the CSV import of the Advanced Shipment Tracking
//     plugin (WooCommerce, Shipment Tracking, CSV Import), dates
//     DD-MM-YYYY (choose that format when importing).
//   - Etsy takes tracking numbers only order by order or through its API:
//     the file is a plain list to type from, or for a tool that uploads.
//   - Generic: OrderDesk's own layout, every platform's orders at once.

// TrackingOptions shape a tracking file.
type TrackingOptions struct {
	// Location is where the ship dates are days; nil: the computer's.
	Location *time.Location
	// Country is the shop's country code: which eBay site the eBay file
	// names (US when it is not one of eBay's).
	Country string
}

// TrackingHeader is the header row of a platform's file.
func TrackingHeader(p app.TrackingPlatform, opt TrackingOptions) []string {
	switch p {
	case app.TrackAmazon:
		return []string{"order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number", "ship-method"}
	case app.TrackEBay:
		return []string{ebayAction(opt.Country), "OrderID", "ItemID", "TransactionID", "ShippingStatus", "ShippingCarrierUsed", "ShipmentTrackingNumber"}
	case app.TrackTaobao:
		return []string{"订单编号", "物流公司", "运单号"}
	case app.TrackShopify:
		return []string{"Order Name", "Tracking Number", "Tracking Company", "Notify Customer"}
	case app.TrackWoo:
		return []string{"order_id", "tracking_provider", "tracking_number", "date_shipped", "status_shipped"}
	case app.TrackEtsy:
		return []string{"Order ID", "Carrier", "Tracking Number", "Ship Date"}
	}
	return []string{"Order number", "Platform order ID", "Channel", "Carrier", "Tracking number", "Shipped date"}
}

// TrackingFileName is the name a platform's file is offered under: the
// platform, the day, and the extension its upload page takes (.txt for
// Amazon's tab-separated flat file, else .csv).
func TrackingFileName(p app.TrackingPlatform, day time.Time) string {
	ext := ".csv"
	if p == app.TrackAmazon {
		ext = ".txt"
	}
	return fmt.Sprintf("tracking-%s-%s%s", p, day.Format("2006-01-02"), ext)
}

// WriteTracking writes the platform's file for the parcels: the header,
// then a row per parcel in the order given.
func WriteTracking(w io.Writer, p app.TrackingPlatform, parcels []app.TrackedParcel, opt TrackingOptions) error {
	if !p.Valid() {
		return fmt.Errorf("no tracking file layout for %q", string(p))
	}
	loc := opt.Location
	if loc == nil {
		loc = time.Local
	}
	bw := bufio.NewWriter(w)
	var out io.Writer = bw
	if p == app.TrackTaobao {
		// GB18030 writes GBK's bytes for every character GBK has.
		out = simplifiedchinese.GB18030.NewEncoder().Writer(bw)
	}
	cw := csv.NewWriter(out)
	cw.UseCRLF = true
	if p == app.TrackAmazon {
		cw.Comma = '\t'
	}
	if err := cw.Write(TrackingHeader(p, opt)); err != nil {
		return err
	}
	for _, parcel := range parcels {
		if err := cw.Write(trackingRow(p, parcel, loc)); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// trackingRow is one parcel as the platform's file has it.
func trackingRow(p app.TrackingPlatform, parcel app.TrackedParcel, loc *time.Location) []string {
	day := parcel.ShippedAt.In(loc)
	id, tracking := oneLine(parcel.PlatformOrderID), oneLine(parcel.TrackingNumber)
	c := carrierOf(parcel.Carrier)
	switch p {
	case app.TrackAmazon:
		code, name := c.amazon, ""
		if code == "" {
			code, name = "Other", c.english
		}
		return []string{id, "", "", day.Format("2006-01-02"), code, name, tracking, oneLine(parcel.Service)}
	case app.TrackEBay:
		return []string{"Status", id, "", "", "1", orElse(c.ebay, c.english), tracking}
	case app.TrackTaobao:
		return []string{id, orElse(c.taobao, c.own), tracking}
	case app.TrackShopify:
		return []string{id, tracking, c.english, "TRUE"}
	case app.TrackWoo:
		status := "1" // shipped
		if parcel.MoreToFollow {
			status = "2" // partially shipped
		}
		return []string{strings.TrimPrefix(id, "#"), c.english, tracking, day.Format("02-01-2006"), status}
	case app.TrackEtsy:
		return []string{id, c.english, tracking, day.Format("2006-01-02")}
	}
	return []string{parcel.OrderNumber, id, string(parcel.Channel), c.own, tracking, day.Format("2006-01-02")}
}

// oneLine keeps a cell on one line: a line break or tab inside a value
// would end a platform's row or column for tools that do not read quotes.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}

// ebayAction is the header of the eBay file's Action column, naming the
// site.
func ebayAction(country string) string {
	site, code, currency := "US", "US", "USD"
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case "GB", "UK":
		site, code, currency = "UK", "GB", "GBP"
	case "AU":
		site, code, currency = "Australia", "AU", "AUD"
	case "CA":
		site, code, currency = "Canada", "CA", "CAD"
	case "DE":
		site, code, currency = "Germany", "DE", "EUR"
	case "FR":
		site, code, currency = "France", "FR", "EUR"
	case "IT":
		site, code, currency = "Italy", "IT", "EUR"
	case "ES":
		site, code, currency = "Spain", "ES", "EUR"
	}
	return fmt.Sprintf("Action(SiteID=%s|Country=%s|Currency=%s|Version=1193)", site, code, currency)
}

// carrierNames is one carrier as each platform knows it; empty where the
// platform has no name of its own for it.
type carrierNames struct {
	own     string // as the shop wrote it
	english string // Shopify's, WooCommerce's and Etsy's name; any platform's fallback
	amazon  string // Amazon's carrier-code; empty: Other, with the name
	ebay    string // eBay's ShippingCarrierCodeType
	taobao  string // Taobao's 物流公司
}

// knownCarrier is a carrier OrderDesk recognises in what shops type:
// "SF", "顺丰速运 SF Express", "中国邮政 EMS". words are lower-case
// Latin word sequences, han are Chinese names found anywhere.
type knownCarrier struct {
	words []string
	han   []string
	names carrierNames
}

// knownCarriers in the order they are tried: the more particular name
// first (DHL eCommerce before DHL, EMS before China Post).
var knownCarriers = []knownCarrier{
	{[]string{"dhl ecommerce", "dhl e commerce", "dhl global mail"}, nil,
		carrierNames{english: "DHL eCommerce", amazon: "DHL eCommerce", ebay: "DHL", taobao: "DHL"}},
	{[]string{"dhl"}, []string{"敦豪"}, carrierNames{english: "DHL Express", amazon: "DHL", ebay: "DHL", taobao: "DHL"}},
	{[]string{"fedex", "fed ex", "federal express"}, []string{"联邦快递"},
		carrierNames{english: "FedEx", amazon: "FedEx", ebay: "FedEx", taobao: "联邦快递"}},
	{[]string{"usps", "us postal service"}, nil, carrierNames{english: "USPS", amazon: "USPS", ebay: "USPS"}},
	{[]string{"ups"}, nil, carrierNames{english: "UPS", amazon: "UPS", ebay: "UPS", taobao: "UPS"}},
	{[]string{"royal mail"}, nil, carrierNames{english: "Royal Mail", amazon: "Royal Mail", ebay: "RoyalMail"}},
	{[]string{"parcelforce", "parcel force"}, nil, carrierNames{english: "Parcelforce", amazon: "Parcelforce"}},
	{[]string{"evri", "hermes"}, nil, carrierNames{english: "Evri"}},
	{[]string{"dpd"}, nil, carrierNames{english: "DPD"}},
	{[]string{"gls"}, nil, carrierNames{english: "GLS", amazon: "GLS"}},
	{[]string{"tnt"}, nil, carrierNames{english: "TNT", amazon: "TNT"}},
	{[]string{"canada post"}, nil, carrierNames{english: "Canada Post", amazon: "Canada Post", ebay: "CanadaPost"}},
	{[]string{"australia post", "auspost"}, nil, carrierNames{english: "Australia Post", ebay: "AustraliaPost"}},
	{[]string{"deutsche post"}, nil, carrierNames{english: "Deutsche Post", ebay: "DeutschePost"}},
	{[]string{"japan post"}, nil, carrierNames{english: "Japan Post"}},
	{[]string{"sf", "sf express", "shunfeng"}, []string{"顺丰"},
		carrierNames{english: "SF Express", amazon: "SF Express", taobao: "顺丰速运"}},
	{[]string{"yto", "yto express"}, []string{"圆通"}, carrierNames{english: "YTO Express", taobao: "圆通速递"}},
	{[]string{"zto", "zto express"}, []string{"中通"}, carrierNames{english: "ZTO Express", taobao: "中通快递"}},
	{[]string{"yunda"}, []string{"韵达"}, carrierNames{english: "Yunda Express", taobao: "韵达快递"}},
	{[]string{"sto", "sto express"}, []string{"申通"}, carrierNames{english: "STO Express", taobao: "申通快递"}},
	{[]string{"jd", "jdl", "jd logistics"}, []string{"京东"}, carrierNames{english: "JD Logistics", taobao: "京东物流"}},
	{[]string{"j t", "j t express", "jt express"}, []string{"极兔"}, carrierNames{english: "J&T Express", taobao: "极兔速递"}},
	{[]string{"deppon"}, []string{"德邦"}, carrierNames{english: "Deppon", taobao: "德邦快递"}},
	{[]string{"best express", "best inc"}, []string{"百世"}, carrierNames{english: "Best Express", taobao: "百世快递"}},
	{[]string{"yanwen"}, []string{"燕文"}, carrierNames{english: "Yanwen", amazon: "Yanwen"}},
	{[]string{"yunexpress", "yun express"}, []string{"云途"}, carrierNames{english: "YunExpress"}},
	{[]string{"4px"}, []string{"递四方"}, carrierNames{english: "4PX", amazon: "4PX"}},
	{[]string{"cainiao"}, []string{"菜鸟"}, carrierNames{english: "Cainiao", taobao: "菜鸟"}},
	{[]string{"ems", "china ems", "epacket"}, nil,
		carrierNames{english: "China EMS", amazon: "China Post", ebay: "ChinaPost", taobao: "邮政EMS"}},
	{[]string{"china post", "chinapost"}, []string{"中国邮政", "邮政"},
		carrierNames{english: "China Post", amazon: "China Post", ebay: "ChinaPost", taobao: "邮政快递包裹"}},
}

// carrierOf recognises the carrier a shop typed. One OrderDesk does not
// know keeps the shop's words everywhere (Amazon: Other, with the name).
func carrierOf(typed string) carrierNames {
	own := strings.Join(strings.Fields(oneLine(typed)), " ")
	words := " " + latinWords(own) + " "
	for _, k := range knownCarriers {
		for _, w := range k.words {
			if strings.Contains(words, " "+w+" ") {
				return withOwn(k.names, own)
			}
		}
		for _, h := range k.han {
			if strings.Contains(own, h) {
				return withOwn(k.names, own)
			}
		}
	}
	return carrierNames{own: own, english: own}
}

// orElse is a, or b when a is empty.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func withOwn(n carrierNames, own string) carrierNames {
	n.own = own
	return n
}

// latinWords is s in lower case with everything but Latin letters and
// digits made a single space: "顺丰速运 SF-Express（续）" is "sf express".
func latinWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}), " ")
}
