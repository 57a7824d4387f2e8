package document

// The totals under the line-item table: on the right, net, tax and gross for one-time and monthly charges
// and the contract's value over its term; on the left, the tax by rate (for the qualified-invoice system,
// each rate's taxable amount and tax).

const sumRowH = 6.0

var (
	sumCols = [3]float64{44, 28, 28} // label, one-time, monthly
	taxCols = [4]float64{18, 18, 23, 19}
)

func (s *sheet) totals(t Totals, termMonths int) {
	l := s.l
	rows := [][3]string{
		{l.net, t.OneTimeNet, t.MonthlyNet},
		{l.tax, t.OneTimeTax, t.MonthlyTax},
		{l.gross, t.OneTimeGross, t.MonthlyGross},
	}
	sumH := sumRowH * float64(len(rows)+1)
	if t.ContractValue != "" {
		sumH += sumRowH + 1
	}
	taxH := 0.0
	if len(t.Taxes) > 0 {
		taxH = sumRowH * float64(len(t.Taxes)+1)
	}
	s.room(max(sumH, taxH) + 2)
	y := s.y + 2

	// Net, tax and gross.
	x := right - (sumCols[0] + sumCols[1] + sumCols[2])
	s.fill(x, y, right-x, sumRowH, shadeDark)
	s.gridRow(x, y, sumCols[:], []string{"", l.oneTime, l.monthly}, true, "lcc", ink)
	yy := y + sumRowH
	for i, r := range rows {
		last := i == len(rows)-1
		if last {
			s.fill(x, yy, right-x, sumRowH, shade)
		}
		s.gridRow(x, yy, sumCols[:], r[:], last, "lrr", ink)
		yy += sumRowH
	}
	s.line(x, yy-sumRowH, right, yy-sumRowH, 0.3, rule)
	s.box(x, y, right-x, yy-y, 0.3, rule)
	if t.ContractValue != "" {
		yy++
		s.gridRow(x, yy, []float64{sumCols[0] + sumCols[1], sumCols[2]},
			[]string{l.contractValue(termMonths), t.ContractValue}, false, "lr", ink)
		s.line(x, yy+sumRowH, right, yy+sumRowH, 0.15, hairline)
		yy += sumRowH
	}

	// Tax by rate.
	if len(t.Taxes) > 0 {
		tx := left
		tw := taxCols[0] + taxCols[1] + taxCols[2] + taxCols[3]
		s.fill(tx, y, tw, sumRowH, shadeDark)
		s.gridRow(tx, y, taxCols[:], []string{l.taxRate, l.taxKind, l.taxBase, l.taxAmount}, true, "cccc", ink)
		ty := y + sumRowH
		for _, tl := range t.Taxes {
			s.gridRow(tx, ty, taxCols[:],
				[]string{l.taxBaseLabel(tl.Label), l.chargeKind(tl.Kind), tl.Base, tl.Tax}, false, "llrr", ink)
			ty += sumRowH
		}
		s.box(tx, y, tw, ty-y, 0.3, rule)
		yy = max(yy, ty)
	}
	s.y = yy + 4
}

// gridRow prints one row of a small grid at (x, y): a cell per width, aligned by the letters of align
// ("l", "c", "r"), with hairlines between the cells.
func (s *sheet) gridRow(x, y float64, widths []float64, cells []string, bold bool, align string, c rgb) {
	for i, w := range widths {
		text := clean(cells[i], false)
		size := fitSize(text, w-2*padX, sizeTable)
		base := baseline(y, sumRowH, size)
		var tx float64
		switch align[i] {
		case 'r':
			tx = x + w - padX - textWidth(text, size)
		case 'c':
			tx = x + (w-textWidth(text, size))/2
		default:
			tx = x + padX
		}
		if bold {
			s.bold(tx, base, size, c, text)
		} else {
			s.text(tx, base, size, c, text)
		}
		if i > 0 {
			s.line(x, y, x, y+sumRowH, 0.15, hairline)
		}
		x += w
	}
	s.line(x-sumTotal(widths), y+sumRowH, x, y+sumRowH, 0.15, hairline)
}

func sumTotal(ws []float64) float64 {
	t := 0.0
	for _, w := range ws {
		t += w
	}
	return t
}
