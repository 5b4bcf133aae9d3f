package sample

import "orderdesk/app"

// product is a sample product line: prices in fen.
type product struct {
	sku, name, alt, spec, unit string
	price, cost                int64
	grams                      int64
	barcode                    string
}

// products are a tea shop's range: teas, teaware and gifts, named in
// Chinese with an English name for bilingual documents.
var products = []product{
	{"TEA-LJ-250", "西湖龙井", "West Lake Longjing", "250g 罐装", "罐", 16800, 8200, 320, "6921234500017"},
	{"TEA-LJ-100", "西湖龙井", "West Lake Longjing", "100g 袋装", "袋", 7200, 3500, 130, "6921234500024"},
	{"TEA-BLC-250", "洞庭碧螺春", "Biluochun green tea", "250g 罐装", "罐", 13800, 6600, 320, "6921234500031"},
	{"TEA-TGY-500", "安溪铁观音", "Anxi Tieguanyin oolong", "500g 礼盒", "盒", 26800, 12000, 680, "6921234500048"},
	{"TEA-TGY-250", "安溪铁观音", "Anxi Tieguanyin oolong", "250g 罐装", "罐", 13800, 6200, 320, "6921234500055"},
	{"TEA-DHP-200", "武夷大红袍", "Wuyi Da Hong Pao", "200g 罐装", "罐", 22800, 10500, 280, "6921234500062"},
	{"TEA-PE-357", "云南普洱生饼", "Raw Pu'er cake", "357g 饼", "饼", 19800, 8800, 400, "6921234500079"},
	{"TEA-PE-SHU", "云南普洱熟饼", "Ripe Pu'er cake", "357g 饼", "饼", 16800, 7200, 400, "6921234500086"},
	{"TEA-JSM-250", "福州茉莉花茶", "Jasmine green tea", "250g 袋装", "袋", 6800, 2900, 270, "6921234500093"},
	{"TEA-BHYZ-100", "白毫银针", "Silver Needle white tea", "100g 罐装", "罐", 32800, 16000, 180, "6921234500109"},
	{"TEA-SMD-300", "福鼎寿眉饼", "Shou Mei white tea cake", "300g 饼", "饼", 12800, 5400, 340, "6921234500116"},
	{"TEA-QM-250", "祁门红茶", "Keemun black tea", "250g 罐装", "罐", 11800, 5000, 320, "6921234500123"},
	{"TEA-DHG-100", "滇红金芽", "Yunnan golden tips", "100g 袋装", "袋", 9800, 4200, 120, "6921234500130"},
	{"TEA-HMJ-50", "黄山毛峰", "Huangshan Maofeng", "50g 小罐", "罐", 5800, 2500, 90, "6921234500147"},
	{"TEA-GIFT-4", "四大名茶礼盒", "Four famous teas gift box", "4 × 50g", "盒", 39800, 18000, 900, "6921234500154"},
	{"CUP-BC-6", "德化白瓷品茗杯", "Dehua porcelain cups", "6 只装", "套", 8800, 3200, 600, "6921234500161"},
	{"CUP-QH-2", "景德镇青花对杯", "Jingdezhen blue-and-white pair", "2 只装", "套", 12800, 4800, 400, "6921234500178"},
	{"CUP-GLS-4", "双层玻璃杯", "Double-wall glass cups", "4 只装 200ml", "套", 9600, 3600, 700, "6921234500185"},
	{"POT-ZS-300", "宜兴紫砂壶 西施", "Yixing clay teapot Xishi", "300ml", "把", 58000, 26000, 450, "6921234500192"},
	{"POT-ZS-180", "宜兴紫砂壶 石瓢", "Yixing clay teapot Shipiao", "180ml", "把", 76000, 35000, 380, "6921234500208"},
	{"POT-GW-150", "白瓷盖碗", "Porcelain gaiwan", "150ml", "只", 6800, 2400, 260, "6921234500215"},
	{"POT-GLS-600", "耐热玻璃茶壶", "Heat-proof glass teapot", "600ml", "把", 8800, 3300, 650, "6921234500222"},
	{"POT-IRON-1L", "南部铸铁壶", "Cast-iron kettle", "1.2L", "把", 69800, 32000, 2400, "6921234500239"},
	{"SET-KF-1", "功夫茶具套装", "Gongfu tea set", "壶 + 盖碗 + 6 杯", "套", 45800, 19800, 2600, "6921234500246"},
	{"SET-TRV-1", "便携旅行茶具", "Travel tea set", "1 壶 3 杯", "套", 16800, 6600, 800, "6921234500253"},
	{"TRAY-BMB-L", "竹制茶盘 大号", "Bamboo tea tray, large", "60 × 40cm", "个", 26800, 11000, 3200, "6921234500260"},
	{"TRAY-BMB-S", "竹制茶盘 小号", "Bamboo tea tray, small", "40 × 28cm", "个", 15800, 6400, 1800, "6921234500277"},
	{"ACC-SCOOP", "茶道六君子", "Tea ceremony tool set", "6 件", "套", 6800, 2200, 350, "6921234500284"},
	{"ACC-STRN", "不锈钢茶漏", "Stainless tea strainer", "", "个", 2800, 800, 80, "6921234500291"},
	{"ACC-PET", "紫砂茶宠 金蟾", "Clay tea pet, golden toad", "", "只", 9800, 3000, 150, "6921234500307"},
	{"ACC-CADDY", "锡制茶叶罐", "Pewter tea caddy", "250g", "个", 18800, 8000, 500, "6921234500314"},
	{"ACC-KETTLE", "电陶炉煮水套装", "Electric ceramic kettle set", "800W", "套", 32800, 15000, 3800, "6921234500321"},
	{"ACC-TOWEL", "吸水茶巾", "Tea towel", "2 条装", "包", 1800, 500, 100, "6921234500338"},
	{"ACC-NEEDLE", "普洱茶针", "Pu'er tea knife", "", "把", 2600, 700, 60, "6921234500345"},
	{"GIFT-BAG", "礼品手提袋", "Gift bag", "大号", "个", 500, 150, 60, ""},
	{"GIFT-CARD", "手写贺卡", "Handwritten greeting card", "", "张", 300, 80, 20, ""},
	{"BOOK-TEA", "中国茶经 (中英双语)", "The Classic of Tea (bilingual)", "平装", "本", 8800, 4000, 700, "9787101003048"},
	{"TEA-SAMPLER", "品鉴装 12 种", "Tasting sampler, 12 teas", "12 × 8g", "盒", 12800, 5200, 300, "6921234500352"},
	{"TEA-MATCHA", "宇治抹茶粉", "Uji matcha powder", "30g", "罐", 8800, 4100, 60, "4901234500369"},
	{"TEA-EARL", "伯爵红茶", "Earl Grey black tea", "125g", "罐", 7800, 3100, 180, "5012345000376"},
}

// customer is a sample customer.
type customer struct {
	name    string
	kind    app.CustomerKind
	contact string
	phone   string
	email   string
	addr    app.Address
	credit  int64 // fen
	terms   int
	licence string
}

var customers = []customer{
	{"张伟", app.CustomerRetail, "", "13800138000", "", app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号 3 幢 502", Postcode: "310012", Country: "CN"}, 0, 0, ""},
	{"王芳", app.CustomerRetail, "", "13912345678", "wangfang@example.cn", app.Address{Province: "江苏省", City: "南京市", District: "鼓楼区", Street: "中山北路 28 号", Postcode: "210008", Country: "CN"}, 0, 0, ""},
	{"李娜", app.CustomerRetail, "", "15000112233", "", app.Address{Province: "上海市", City: "上海市", District: "徐汇区", Street: "漕溪北路 88 号 1201 室", Postcode: "200030", Country: "CN"}, 0, 0, ""},
	{"刘洋", app.CustomerRetail, "", "18612345670", "", app.Address{Province: "北京市", City: "北京市", District: "朝阳区", Street: "建国路 93 号万达广场 8 号楼 1606", Postcode: "100022", Country: "CN"}, 0, 0, ""},
	{"陈静", app.CustomerRetail, "", "13760001234", "", app.Address{Province: "广东省", City: "深圳市", District: "南山区", Street: "科技园南区高新南一道 9 号", Postcode: "518057", Country: "CN"}, 0, 0, ""},
	{"杨磊", app.CustomerRetail, "", "13312349876", "", app.Address{Province: "四川省", City: "成都市", District: "武侯区", Street: "人民南路四段 12 号", Postcode: "610041", Country: "CN"}, 0, 0, ""},
	{"赵敏", app.CustomerRetail, "", "13587654321", "", app.Address{Province: "福建省", City: "厦门市", District: "思明区", Street: "鹭江道 2 号", Postcode: "361001", Country: "CN"}, 0, 0, ""},
	{"黄晓明", app.CustomerRetail, "", "13699998888", "", app.Address{Province: "湖北省", City: "武汉市", District: "武昌区", Street: "中南路 7 号", Postcode: "430071", Country: "CN"}, 0, 0, ""},
	{"周杰", app.CustomerRetail, "", "15811112222", "", app.Address{Province: "陕西省", City: "西安市", District: "雁塔区", Street: "小寨西路 26 号", Postcode: "710061", Country: "CN"}, 0, 0, ""},
	{"吴倩", app.CustomerRetail, "", "17722223333", "", app.Address{Province: "新疆维吾尔自治区", City: "乌鲁木齐市", District: "天山区", Street: "解放南路 30 号", Postcode: "830002", Country: "CN"}, 0, 0, ""},
	{"徐丽华", app.CustomerRetail, "", "13055556666", "", app.Address{Province: "山东省", City: "青岛市", District: "市南区", Street: "香港中路 40 号", Postcode: "266071", Country: "CN"}, 0, 0, ""},
	{"孙浩然", app.CustomerRetail, "", "18933334444", "", app.Address{Province: "湖南省", City: "长沙市", District: "岳麓区", Street: "麓山南路 932 号", Postcode: "410083", Country: "CN"}, 0, 0, ""},
	{"林美玲", app.CustomerRetail, "", "+886 912 345 678", "", app.Address{Province: "臺北市", City: "臺北市", District: "大安區", Street: "忠孝東路四段 100 號", Postcode: "106", Country: "TW"}, 0, 0, ""},
	{"陳家豪", app.CustomerRetail, "", "+852 9123 4567", "", app.Address{Province: "香港", City: "香港", District: "九龍城區", Street: "太子道西 200 號 12 樓 B 室", Country: "HK"}, 0, 0, ""},
	{"Emily Watson", app.CustomerRetail, "", "+44 20 7946 0958", "emily.watson@example.co.uk", app.Address{Province: "Greater London", City: "London", Street: "221 Baker Street, Flat 3", Postcode: "NW1 6XE", Country: "GB"}, 0, 0, ""},
	{"James O'Brien", app.CustomerRetail, "", "+353 1 555 0142", "jobrien@example.ie", app.Address{Province: "Dublin", City: "Dublin", Street: "14 Grafton Street", Postcode: "D02 VF65", Country: "IE"}, 0, 0, ""},
	{"Sophie Müller", app.CustomerRetail, "", "+49 30 901820", "", app.Address{Province: "Berlin", City: "Berlin", Street: "Friedrichstraße 43", Postcode: "10117", Country: "DE"}, 0, 0, ""},
	{"Michael Chen", app.CustomerRetail, "", "+1 415 555 0199", "mchen@example.com", app.Address{Province: "CA", City: "San Francisco", Street: "750 Kearny Street, Apt 12", Postcode: "94108", Country: "US"}, 0, 0, ""},
	{"Olivia Brown", app.CustomerRetail, "", "+61 2 9374 4000", "", app.Address{Province: "NSW", City: "Sydney", Street: "12 George Street", Postcode: "2000", Country: "AU"}, 0, 0, ""},
	{"Lucas Martin", app.CustomerRetail, "", "+33 1 42 68 53 00", "", app.Address{Province: "Île-de-France", City: "Paris", Street: "18 Rue de Rivoli", Postcode: "75004", Country: "FR"}, 0, 0, ""},
	{"门市散客", app.CustomerRetail, "", "", "", app.Address{Country: "CN"}, 0, 0, ""},
	{"杭州茗香茶行有限公司", app.CustomerDealer, "沈国强", "0571-87654321", "order@mingxiang.example.cn", app.Address{Province: "浙江省", City: "杭州市", District: "上城区", Street: "河坊街 188 号", Postcode: "310002", Country: "CN"}, 5000000, 30, "91330102MA2H3K4L5X"},
	{"上海静心茶文化发展有限公司", app.CustomerDealer, "顾玉兰", "021-64381234", "", app.Address{Province: "上海市", City: "上海市", District: "静安区", Street: "南京西路 1266 号恒隆广场 2 座 3001", Postcode: "200040", Country: "CN"}, 8000000, 45, "91310106MA1FY8Q21K"},
	{"广州岭南茶艺连锁", app.CustomerDealer, "梁志明", "020-83335566", "", app.Address{Province: "广东省", City: "广州市", District: "越秀区", Street: "北京路 268 号", Postcode: "510030", Country: "CN"}, 6000000, 30, "91440104MA5D9KXX3P"},
	{"成都蜀韵茶馆", app.CustomerDealer, "何静", "028-86661234", "", app.Address{Province: "四川省", City: "成都市", District: "青羊区", Street: "宽窄巷子 36 号", Postcode: "610031", Country: "CN"}, 3000000, 15, "92510105MA6CGX2T7B"},
	{"北京和茗商贸有限公司", app.CustomerDealer, "高建国", "010-65129876", "", app.Address{Province: "北京市", City: "北京市", District: "东城区", Street: "王府井大街 255 号", Postcode: "100006", Country: "CN"}, 10000000, 60, "91110101MA01ABCD9E"},
	{"香港茶韻貿易有限公司", app.CustomerDealer, "Mary Chan", "+852 2345 6789", "mary@chayun.example.hk", app.Address{Province: "香港", City: "香港", District: "中西區", Street: "皇后大道中 8 號 15 樓", Country: "HK"}, 6000000, 30, "HK-BR-61234578"},
	{"Leaf & Kettle Ltd", app.CustomerDealer, "Oliver Hughes", "+44 161 496 0321", "orders@leafandkettle.example.co.uk", app.Address{Province: "Greater Manchester", City: "Manchester", Street: "52 Oldham Street", Postcode: "M4 1LE", Country: "GB"}, 4000000, 30, "GB-CRN-09876543"},
	{"Pacific Tea Importers Inc.", app.CustomerDealer, "Sarah Kim", "+1 206 555 0147", "buying@pacifictea.example.com", app.Address{Province: "WA", City: "Seattle", Street: "1420 Fifth Avenue, Suite 2200", Postcode: "98101", Country: "US"}, 8000000, 45, "US-EIN-91-1234567"},
	{"苏州雅集文化", app.CustomerDealer, "钱雅", "0512-65201234", "", app.Address{Province: "江苏省", City: "苏州市", District: "姑苏区", Street: "平江路 99 号", Postcode: "215005", Country: "CN"}, 2000000, 15, "92320508MA1XY2Z3W4"},
}

// warehouses are the shop's two stores of goods; bins are laid out
// aisle-shelf-position.
var warehouses = []struct {
	w      app.Warehouse
	aisles []string
}{
	{app.Warehouse{Code: "HZ", Name: "杭州主仓 Hangzhou main", Phone: "0571-88001234", ShippingRank: 1, Active: true,
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "余杭区", Street: "仓前街道文一西路 1500 号 6 号库", Postcode: "311121", Country: "CN"}},
		[]string{"A", "B", "C"}},
	{app.Warehouse{Code: "SZ", Name: "深圳前置仓 Shenzhen", Phone: "0755-26001234", ShippingRank: 2, Active: true,
		Address: app.Address{Province: "广东省", City: "深圳市", District: "宝安区", Street: "福永街道物流园 3 栋", Postcode: "518103", Country: "CN"}},
		[]string{"A", "B"}},
}
