package leads

import (
	"slices"
	"strings"

	"quotewright/backend/cpq"
)

// column is the lead field a column of the file holds.
type column int

const (
	colIgnored column = iota - 1 // a column whose header cell is blank
	colSegment
	colCompany
	colFirstName
	colLastName
	colEmail
	colPhone
	colRegion
	colSource
	numColumns
)

// columnNames maps a header cell, as headerKey writes it, to its column: the names of the English template
// and the Japanese ones sales teams in Japan already use in their spreadsheets, so a list exported from
// another tool can be imported after renaming few or no columns.
var columnNames = map[string]column{
	"segment": colSegment, "区分": colSegment, "顧客区分": colSegment,
	"company": colCompany, "会社名": colCompany, "会社": colCompany, "法人名": colCompany,
	"firstname": colFirstName, "名": colFirstName,
	"lastname": colLastName, "姓": colLastName,
	"email": colEmail, "メール": colEmail, "メールアドレス": colEmail,
	"phone": colPhone, "電話": colPhone, "電話番号": colPhone,
	"region": colRegion, "地域": colRegion, "都道府県": colRegion,
	"source": colSource, "流入元": colSource,
}

// headerKey writes a header cell the way columnNames holds it. Case, spaces, underscores and hyphens are
// dropped because people type "First Name", "first_name" and "E-mail" for the same column; NFKC makes
// full-width "ＥＭＡＩＬ" plain.
func headerKey(cell string) string {
	return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(cpq.CleanText(cell)))
}

// header is what the first row says: the field each column of the file holds.
type header struct {
	columns []column
}

// readHeader reads the first row. Every problem with it is the whole file's problem — a misnamed column
// would put values in the wrong fields of every lead — so it is an error, not a refused row.
func readHeader(cells []string) (header, error) {
	h := header{columns: make([]column, len(cells))}
	var has [numColumns]bool
	var unknown []string
	for i, cell := range cells {
		name := cpq.CleanText(cell)
		if name == "" {
			// Excel writes empty header cells for columns that were once formatted and left empty.
			h.columns[i] = colIgnored
			continue
		}
		c, ok := columnNames[headerKey(name)]
		switch {
		case !ok:
			unknown = append(unknown, name)
		case has[c]:
			return header{}, cpq.Errorf(cpq.EInvalid, "leadcsv.column.duplicate", "column", name)
		default:
			has[c] = true
			h.columns[i] = c
		}
	}
	switch {
	case len(unknown) == 1:
		return header{}, cpq.Errorf(cpq.EInvalid, "leadcsv.column.unknown", "column", unknown[0])
	case len(unknown) > 1:
		return header{}, cpq.Errorf(cpq.EInvalid, "leadcsv.column.unknownMany", "columns", strings.Join(unknown, ", "))
	}
	// Only the columns every lead needs are required: a file of consumers has no company column, and a
	// missing segment, region or source column is the same as those cells left empty.
	if !has[colLastName] {
		return header{}, cpq.Errorf(cpq.EInvalid, "leadcsv.column.lastNameMissing")
	}
	if !has[colEmail] && !has[colPhone] {
		return header{}, cpq.Errorf(cpq.EInvalid, "leadcsv.column.contactMissing")
	}
	return h, nil
}

// values spreads a row over the lead fields; a field with no column is empty.
func (h header) values(rec []string) [numColumns]string {
	var v [numColumns]string
	for i, c := range h.columns {
		if c != colIgnored {
			v[c] = rec[i]
		}
	}
	return v
}

// blank reports whether every cell of the row is empty: Excel leaves such rows (",,,,") at the end of a
// sheet, and they are not leads.
func blank(rec []string) bool {
	return !slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" })
}
