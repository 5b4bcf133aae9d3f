package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// CarrierRule says which carrier takes a shipment: the first rule,
// by position, whose weight limit, destinations and urgency the shipment
// meets. An empty limit matches everything.
type CarrierRule struct {
	ID             int64
	Position       int
	Carrier        string // "SF Express"
	Service        string // "next day"
	MaxWeightGrams int64  // 0: any weight
	// Destinations are provinces, cities or country codes; empty: anywhere.
	Destinations []string
	Urgency      Urgency // empty: any
}

// Matches reports whether a shipment of that weight to that address with
// that urgency may go by this rule.
func (r CarrierRule) Matches(weightGrams int64, to Address, urgency Urgency) bool {
	if r.MaxWeightGrams > 0 && weightGrams > r.MaxWeightGrams {
		return false
	}
	if r.Urgency != "" && r.Urgency != urgency {
		return false
	}
	if len(r.Destinations) == 0 {
		return true
	}
	for _, d := range r.Destinations {
		if d == "" {
			continue
		}
		// "广东" matches "广东省"; a country is matched by its code.
		if strings.EqualFold(d, to.Country) || strings.Contains(to.Province, d) || strings.Contains(to.City, d) {
			return true
		}
	}
	return false
}

// SuggestCarrier picks the first rule a shipment meets; false when none.
func SuggestCarrier(rules []CarrierRule, weightGrams int64, to Address, urgency Urgency) (CarrierRule, bool) {
	for _, r := range rules {
		if r.Matches(weightGrams, to, urgency) {
			return r, true
		}
	}
	return CarrierRule{}, false
}

// validateCarrierRules cleans the rules and reports every problem.
func validateCarrierRules(rules []CarrierRule) error {
	var p problems
	for i := range rules {
		r := &rules[i]
		f := fmt.Sprintf("rules[%d]", i)
		r.Position = i + 1
		r.Carrier, r.Service = cleanText(r.Carrier), cleanText(r.Service)
		requireText(&p, f+".carrier", r.Carrier, 1, 40)
		optionalText(&p, f+".service", r.Service, 40)
		if r.MaxWeightGrams < 0 || r.MaxWeightGrams > 1_000_000 {
			p.add(f+".max_weight", CodeInvalid, "the weight limit is between 0 and 1,000 kg")
		}
		if r.Urgency != "" && r.Urgency != UrgencyStandard && r.Urgency != UrgencyUrgent {
			p.add(f+".urgency", CodeInvalid, "choose standard, urgent or any")
		}
		var dest []string
		for _, d := range r.Destinations {
			if d = cleanText(d); d != "" {
				dest = append(dest, d)
			}
		}
		r.Destinations = dest
	}
	return p.err()
}

// CarrierRules lists the shop's carrier rules in order.
func (s *Service) CarrierRules(ctx context.Context) ([]CarrierRule, error) {
	var rules []CarrierRule
	err := s.read(ctx, func(tx Tx) error {
		var err error
		rules, err = tx.CarrierRules(ctx)
		return err
	})
	return rules, err
}

// SaveCarrierRules replaces the carrier rules with these, in this order.
func (s *Service) SaveCarrierRules(ctx context.Context, rules []CarrierRule) error {
	rules = append([]CarrierRule(nil), rules...)
	if err := validateCarrierRules(rules); err != nil {
		return err
	}
	return s.write(ctx, PermSettings, func(tx Tx, who Actor, now time.Time) error {
		before, err := tx.CarrierRules(ctx)
		if err != nil {
			return err
		}
		if err := tx.SaveCarrierRules(ctx, rules); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectShop, 1, "shop.carrier_rules",
			fmt.Sprintf("carrier rules: %d → %d", len(before), len(rules)), before, rules)
	})
}

// SuggestCarrierFor picks the carrier for a shipment from the shop's
// rules, judging urgency by its first order.
func (s *Service) SuggestCarrierFor(ctx context.Context, shipmentID int64) (CarrierRule, bool, error) {
	var rule CarrierRule
	var ok bool
	err := s.read(ctx, func(tx Tx) error {
		sh, err := tx.Shipment(ctx, shipmentID)
		if err != nil {
			return err
		}
		o, err := tx.Order(ctx, sh.OrderIDs[0])
		if err != nil {
			return err
		}
		rules, err := tx.CarrierRules(ctx)
		if err != nil {
			return err
		}
		rule, ok = SuggestCarrier(rules, sh.WeightGrams(), sh.Address, o.Delivery.Urgency)
		return nil
	})
	return rule, ok, err
}
