package pricing

import (
	"strconv"

	"quotewright/backend/cpq"
)

// Label says in both languages what produced a step: "List price ¥5,720 × 3", "24-month term price ¥5,170",
// "Volume tier from 50 units: ¥94,800 each", "Speed: 10 Gbps", "Promotion 光スタート割 (first 12 months)".
func (s Step) Label(p *cpq.Product, cur cpq.Currency, quantity int) cpq.Text {
	money := func(e *cpq.PriceEntry) string {
		if e == nil {
			return cpq.FormatMoney(zero, cur)
		}
		return cpq.FormatMoney(e.Amount, cur)
	}
	msg := func(key string, args ...string) cpq.Text {
		m := map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			m[args[i]] = args[i+1]
		}
		return cpq.Text{EN: cpq.Message(cpq.LangEN, key, m), JA: cpq.Message(cpq.LangJA, key, m)}
	}
	switch s.Kind {
	case StepList:
		return msg("step.list", "unit", money(s.Entry), "quantity", strconv.Itoa(quantity))
	case StepTerm:
		return msg("step.term", "months", strconv.Itoa(s.Entry.TermMonths), "unit", money(s.Entry))
	case StepTier:
		if s.From > 0 {
			return msg("step.slab", "from", strconv.Itoa(s.From), "to", strconv.Itoa(s.To), "unit", money(s.Entry), "min", strconv.Itoa(s.Entry.MinQuantity))
		}
		return msg("step.tier", "min", strconv.Itoa(s.Entry.MinQuantity), "unit", money(s.Entry))
	case StepAttribute:
		name, value := attributeText(p, s.Entry.Attribute, s.Entry.AttributeValue)
		return cpq.Text{EN: name.EN + ": " + value.EN, JA: name.JA + "：" + value.JA}
	case StepPromotion:
		t := msg("step.promotion", "name", s.Promotion.Name.In(cpq.LangEN))
		t.JA = cpq.Message(cpq.LangJA, "step.promotion", map[string]string{"name": s.Promotion.Name.In(cpq.LangJA)})
		if s.Months > 0 {
			m := msg("step.months", "months", strconv.Itoa(s.Months))
			t.EN += " " + m.EN
			t.JA += m.JA
		}
		return t
	case StepLineDiscount:
		if s.Percent.IsPositive() {
			return msg("step.linePercent", "percent", s.Percent.String())
		}
		return msg("step.lineAmount", "amount", cpq.FormatMoney(s.PerUnit, cur))
	case StepQuoteDiscount:
		return msg("step.quotePercent", "percent", s.Percent.String())
	case StepRounding:
		return msg("step.rounding")
	}
	return cpq.Text{EN: string(s.Kind), JA: string(s.Kind)}
}

// attributeText names an attribute and one of its values in both languages.
func attributeText(p *cpq.Product, code, value string) (name, val cpq.Text) {
	name, val = cpq.Text{EN: code, JA: code}, cpq.Text{EN: value, JA: value}
	if p == nil {
		return name, val
	}
	for _, a := range p.Attributes {
		if a.Code != code {
			continue
		}
		name = a.Name
		if a.Type == cpq.AttrBoolean {
			val = map[string]cpq.Text{"true": {EN: "yes", JA: "あり"}, "false": {EN: "no", JA: "なし"}}[value]
		}
		for _, v := range a.Values {
			if v.Code == value && !v.Name.IsZero() {
				val = v.Name
			}
		}
	}
	return name, val
}
