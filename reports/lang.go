package reports

import "orderdesk/app"

// LangFor is the language a customer's document prints in: the shop's
// document language when set, else Chinese for deliveries to Chinese-
// speaking places and English elsewhere. With no order (the warehouse's
// own papers) the shop's country decides.
func LangFor(shop app.Shop, o *app.Order) Lang {
	switch shop.DocumentLanguage {
	case "zh":
		return LangChinese
	case "en":
		return LangEnglish
	}
	country := ""
	if o != nil {
		country = o.Address.Country
	}
	if country == "" {
		country = shop.Country
	}
	switch country {
	case "CN", "TW", "HK", "MO":
		return LangChinese
	}
	return LangEnglish
}
