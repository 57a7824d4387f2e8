package leads

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"quotewright/backend/cpq"
)

// MaxRows is the most leads one file may hold. The import is checked and saved in one go while the rep waits;
// a bigger list is split into several files.
const MaxRows = 10000

// Import is what a file gave: the leads ready to be saved, and the rows refused with their reasons, each by
// its line so that the rep can find and fix it in the spreadsheet.
type Import struct {
	Leads   []Row
	Refused []Refusal
}

// Row is one lead read from the file. Line is the line of the file the row starts on, the header being line 1:
// the row number Excel shows, unless a value on an earlier row spans lines.
type Row struct {
	Line int
	Lead *cpq.Lead
}

// Refusal is a row that cannot be imported. Problems are message keys with their arguments (cpq.Message
// renders them in either language); Values are the row's cells as read, for showing the row beside them.
type Refusal struct {
	Line     int
	Values   []string
	Problems []cpq.FieldError
}

// ReadCSV reads a file of leads: a header row naming the columns (in English or Japanese, see columnNames),
// then one lead per row, in UTF-8 (with or without a byte-order mark) or Shift_JIS. Values are cleaned as a
// form would clean them; every row is validated as a lead, and a row that fails, repeats an earlier row's
// email or has the wrong number of cells is refused while the others are kept. A problem with the file itself
// (its encoding, its header, broken quoting, too many rows) is an *cpq.Error, and nothing is imported.
func ReadCSV(r io.Reader) (Import, error) {
	text, err := decode(r)
	if err != nil {
		return Import{}, err
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1 // a short or long row is refused on its own, not the end of the file
	cells, err := cr.Read()
	if err == io.EOF {
		return Import{}, cpq.Errorf(cpq.EInvalid, "leadcsv.file.empty")
	}
	if err != nil {
		return Import{}, notCSV(err)
	}
	h, err := readHeader(cells)
	if err != nil {
		return Import{}, err
	}
	var imp Import
	emails := map[string]int{} // lower-cased email → the line it was first seen on
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return imp, nil
		}
		if err != nil {
			return Import{}, notCSV(err)
		}
		if blank(rec) {
			continue
		}
		if rows++; rows > MaxRows {
			return Import{}, cpq.Errorf(cpq.EInvalid, "leadcsv.file.tooManyRows", "max", strconv.Itoa(MaxRows))
		}
		line, _ := cr.FieldPos(0)
		lead, problems := h.lead(rec, line, emails)
		if len(problems) > 0 {
			imp.Refused = append(imp.Refused, Refusal{Line: line, Values: rec, Problems: problems})
			continue
		}
		imp.Leads = append(imp.Leads, Row{Line: line, Lead: lead})
	}
}

// notCSV reports a CSV syntax error with the line it starts on; the usual cause is a quote left open.
func notCSV(err error) error {
	line := 1
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.StartLine
	}
	return cpq.Errorf(cpq.EInvalid, "leadcsv.file.notCSV", "line", strconv.Itoa(line))
}

// lead makes the lead of one row and lists what is wrong with it. emails records each row's email so that a
// later row repeating it is refused: the first row stays, being the one most likely meant.
func (h header) lead(rec []string, line int, emails map[string]int) (*cpq.Lead, problems) {
	var p problems
	if len(rec) != len(h.columns) {
		// With cells missing or extra, which value belongs to which column is a guess; nothing else is checked.
		p.Add("row", "leadcsv.row.fieldCount", "got", strconv.Itoa(len(rec)), "want", strconv.Itoa(len(h.columns)))
		return nil, p
	}
	v := h.values(rec)
	company := cpq.CleanText(v[colCompany])
	l := &cpq.Lead{
		Segment:   segment(v[colSegment], company),
		Company:   company,
		FirstName: cpq.CleanText(v[colFirstName]),
		LastName:  cpq.CleanText(v[colLastName]),
		Email:     cpq.CleanText(v[colEmail]),
		Phone:     cpq.CleanCode(v[colPhone]), // a Japanese input method types "ー" where a hyphen is meant
		Region:    cpq.CanonicalRegion(v[colRegion]),
		Source:    cpq.CleanText(v[colSource]),
		Status:    cpq.LeadNew,
	}
	p.addAll(l.Validate())
	if l.Email != "" {
		key := strings.ToLower(l.Email)
		if first, ok := emails[key]; ok {
			p.Add("email", "leadcsv.email.duplicate", "value", l.Email, "line", strconv.Itoa(first))
		} else {
			emails[key] = line
		}
	}
	return l, p
}

// segment reads the segment cell. Left empty, a row with a company is a business lead and one without is a
// consumer, which is what the rep meant in nearly every case. Any other value is kept as typed so that the
// lead's validation names it.
func segment(cell, company string) cpq.Segment {
	s := strings.ToLower(cpq.CleanText(cell))
	switch s {
	case "":
		if company != "" {
			return cpq.SegmentBusiness
		}
		return cpq.SegmentConsumer
	case "business", "法人":
		return cpq.SegmentBusiness
	case "consumer", "個人":
		return cpq.SegmentConsumer
	}
	return cpq.Segment(cpq.CleanText(cell))
}
