package leads_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"quotewright/backend/cpq"
	"quotewright/backend/leads"
)

func read(t *testing.T, text string) leads.Import {
	t.Helper()
	imp, err := leads.ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return imp
}

// fileError reads text expecting the whole file refused, and returns the error's message key and arguments.
func fileError(t *testing.T, text string) (string, map[string]string) {
	t.Helper()
	imp, err := leads.ReadCSV(strings.NewReader(text))
	if err == nil {
		t.Fatalf("ReadCSV accepted the file: %+v", imp)
	}
	var e *cpq.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is not a *cpq.Error", err, err)
	}
	if got, want := e.Code, cpq.EInvalid; got != want {
		t.Errorf("code = %q, want %q", got, want)
	}
	if len(imp.Leads)+len(imp.Refused) != 0 {
		t.Errorf("a refused file still gave rows: %+v", imp)
	}
	return e.Key, e.Args
}

// keys lists a refusal's message keys, to compare in one go.
func keys(r leads.Refusal) string {
	var k []string
	for _, p := range r.Problems {
		k = append(k, p.Key)
	}
	return strings.Join(k, ",")
}

const english = "segment,company,first_name,last_name,email,phone,region,source\n"

func TestEnglishHeaderAndCleaning(t *testing.T) {
	imp := read(t, english+
		"business,ＡＢＣ商事,Taro,Yamada,taro@abc.example,03ー1234ー5678,東京都,web\n"+
		",,Hanako,Suzuki,,090-1111-2222,osaka,referral\r\n")
	if got, want := len(imp.Leads), 2; got != want {
		t.Fatalf("leads = %d, want %d (refused %+v)", got, want, imp.Refused)
	}
	a, b := imp.Leads[0], imp.Leads[1]
	if got, want := a.Line, 2; got != want {
		t.Errorf("first line = %d, want %d", got, want)
	}
	if got, want := b.Line, 3; got != want {
		t.Errorf("second line = %d, want %d", got, want)
	}
	if got, want := a.Lead.Company, "ABC商事"; got != want {
		t.Errorf("company = %q, want %q (full-width letters made plain)", got, want)
	}
	if got, want := a.Lead.Phone, "03-1234-5678"; got != want {
		t.Errorf("phone = %q, want %q (long-vowel marks typed for hyphens)", got, want)
	}
	if got, want := a.Lead.Region, "Tokyo"; got != want {
		t.Errorf("region = %q, want %q", got, want)
	}
	if got, want := b.Lead.Region, "Osaka"; got != want {
		t.Errorf("region = %q, want %q", got, want)
	}
	if got, want := a.Lead.Status, cpq.LeadNew; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	// An empty segment without a company is a consumer.
	if got, want := b.Lead.Segment, cpq.SegmentConsumer; got != want {
		t.Errorf("segment = %q, want %q", got, want)
	}
	if got, want := a.Lead.Source, "web"; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
}

func TestHeaderIgnoresCaseSpacingAndOrder(t *testing.T) {
	imp := read(t, "Last Name,E-MAIL,Company\nYamada,y@abc.example,ABC\n")
	if got, want := len(imp.Leads), 1; got != want {
		t.Fatalf("leads = %d, want %d (refused %+v)", got, want, imp.Refused)
	}
	l := imp.Leads[0].Lead
	if got, want := l.LastName+"|"+l.Email+"|"+l.Company, "Yamada|y@abc.example|ABC"; got != want {
		t.Errorf("lead = %q, want %q", got, want)
	}
	// An empty segment with a company is a business.
	if got, want := l.Segment, cpq.SegmentBusiness; got != want {
		t.Errorf("segment = %q, want %q", got, want)
	}
}

const japaneseCSV = "区分,会社名,姓,名,メール,電話,地域,流入元\n" +
	"法人,株式会社グローバル通信,佐藤,健,sato@global.example,,神奈川,展示会\n" +
	"個人,,ｽｽﾞｷ,花子,,080-1234-5678,福岡県,紹介\n"

func checkJapanese(t *testing.T, imp leads.Import) {
	t.Helper()
	if got, want := len(imp.Leads), 2; got != want {
		t.Fatalf("leads = %d, want %d (refused %+v)", got, want, imp.Refused)
	}
	a, b := imp.Leads[0].Lead, imp.Leads[1].Lead
	if got, want := a.Segment, cpq.SegmentBusiness; got != want {
		t.Errorf("法人 = %q, want %q", got, want)
	}
	if got, want := a.Company+"|"+a.LastName+"|"+a.FirstName+"|"+a.Region+"|"+a.Source, "株式会社グローバル通信|佐藤|健|Kanagawa|展示会"; got != want {
		t.Errorf("lead = %q, want %q", got, want)
	}
	if got, want := b.Segment, cpq.SegmentConsumer; got != want {
		t.Errorf("個人 = %q, want %q", got, want)
	}
	// Half-width katakana is stored full width.
	if got, want := b.LastName, "スズキ"; got != want {
		t.Errorf("last name = %q, want %q", got, want)
	}
	if got, want := b.Region, "Fukuoka"; got != want {
		t.Errorf("region = %q, want %q", got, want)
	}
}

func TestJapaneseHeader(t *testing.T) { checkJapanese(t, read(t, japaneseCSV)) }

// Excel's "CSV UTF-8" starts the file with a byte-order mark, which must not become part of the first column's
// name.
func TestByteOrderMark(t *testing.T) { checkJapanese(t, read(t, "\uFEFF"+japaneseCSV)) }

// Excel in Japan saves plain "CSV" in Shift_JIS.
func TestShiftJIS(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().String(japaneseCSV)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.ValidString(sjis) {
		t.Fatal("the sample encoded to valid UTF-8; it does not test Shift_JIS detection")
	}
	checkJapanese(t, read(t, sjis))
}

func TestRefusedRowsKeepTheGoodOnes(t *testing.T) {
	imp := read(t, english+
		"business,ABC,Taro,Yamada,taro@abc.example,,Tokyo,web\n"+
		"business,,Jiro,,not-an-email,,Tokyo,web\n"+
		"vip,XYZ,Saburo,Kato,kato@xyz.example,,Tokyo,web\n"+
		"consumer,,Shiro,Ito,shiro@example.com,,Tokyo,web\n")
	if got, want := len(imp.Leads), 2; got != want {
		t.Fatalf("leads = %d, want %d", got, want)
	}
	if got, want := imp.Leads[1].Line, 5; got != want {
		t.Errorf("good row after refused ones: line %d, want %d", got, want)
	}
	if got, want := len(imp.Refused), 2; got != want {
		t.Fatalf("refused = %d, want %d", got, want)
	}
	r := imp.Refused[0]
	if got, want := r.Line, 3; got != want {
		t.Errorf("refused line = %d, want %d", got, want)
	}
	if got, want := keys(r), "lead.company.required,lead.lastName.required,email.invalid"; got != want {
		t.Errorf("problems = %s, want %s", got, want)
	}
	if got, want := strings.Join(r.Values, ","), "business,,Jiro,,not-an-email,,Tokyo,web"; got != want {
		t.Errorf("values = %q, want %q", got, want)
	}
	// A segment that is neither form is named by the lead's own validation.
	if got, want := keys(imp.Refused[1]), "segment.invalid"; got != want {
		t.Errorf("problems = %s, want %s", got, want)
	}
	if got, want := imp.Refused[1].Problems[0].Args["value"], "vip"; got != want {
		t.Errorf("segment named = %q, want %q", got, want)
	}
}

func TestDuplicateEmailInFile(t *testing.T) {
	imp := read(t, english+
		"consumer,,Taro,Yamada,taro@example.com,,,\n"+
		"consumer,,Hanako,Suzuki,hanako@example.com,,,\n"+
		"consumer,,Taro,Yamada,Taro@Example.com,,,\n")
	if got, want := len(imp.Leads), 2; got != want {
		t.Fatalf("leads = %d, want %d", got, want)
	}
	if got, want := len(imp.Refused), 1; got != want {
		t.Fatalf("refused = %d, want %d", got, want)
	}
	r := imp.Refused[0]
	if got, want := keys(r), "leadcsv.email.duplicate"; got != want {
		t.Fatalf("problems = %s, want %s", got, want)
	}
	if got, want := r.Line, 4; got != want {
		t.Errorf("refused line = %d, want %d", got, want)
	}
	if got, want := r.Problems[0].Args["line"], "2"; got != want {
		t.Errorf("first seen on line %s, want %s", got, want)
	}
}

func TestWrongFieldCount(t *testing.T) {
	imp := read(t, english+
		"business,ABC, Inc.,Taro,Yamada,taro@abc.example,,Tokyo,web\n"+
		"consumer,,Hanako,Suzuki,hanako@example.com,,,\n")
	if got, want := len(imp.Leads), 1; got != want {
		t.Fatalf("leads = %d, want %d", got, want)
	}
	if got, want := len(imp.Refused), 1; got != want {
		t.Fatalf("refused = %d, want %d", got, want)
	}
	p := imp.Refused[0].Problems
	if got, want := keys(imp.Refused[0]), "leadcsv.row.fieldCount"; got != want {
		t.Fatalf("problems = %s, want %s", got, want)
	}
	if got, want := p[0].Args["got"]+"/"+p[0].Args["want"], "9/8"; got != want {
		t.Errorf("got/want = %s, want %s", got, want)
	}
}

func TestBlankRowsAreSkipped(t *testing.T) {
	imp := read(t, english+",,,,,,,\n\nconsumer,,Taro,Yamada,taro@example.com,,,\n,,,,,,,\n")
	if got, want := len(imp.Leads)+len(imp.Refused), 1; got != want {
		t.Fatalf("rows = %d, want %d: %+v", got, want, imp)
	}
	if got, want := imp.Leads[0].Line, 4; got != want {
		t.Errorf("line = %d, want %d", got, want)
	}
}

func TestUnknownColumns(t *testing.T) {
	key, args := fileError(t, "last_name,email,fax\nYamada,y@example.com,03-0000-0000\n")
	if got, want := key, "leadcsv.column.unknown"; got != want {
		t.Errorf("key = %q, want %q", got, want)
	}
	if got, want := args["column"], "fax"; got != want {
		t.Errorf("column = %q, want %q", got, want)
	}
	key, args = fileError(t, "last_name,email,fax,メモ\n")
	if got, want := key, "leadcsv.column.unknownMany"; got != want {
		t.Errorf("key = %q, want %q", got, want)
	}
	if got, want := args["columns"], "fax, メモ"; got != want {
		t.Errorf("columns = %q, want %q", got, want)
	}
}

func TestFileErrors(t *testing.T) {
	many := english + strings.Repeat("consumer,,Taro,Yamada,,090-0000-0000,,\n", leads.MaxRows+1)
	for _, c := range []struct{ name, text, key string }{
		{"empty", "", "leadcsv.file.empty"},
		{"no last name column", "company,email\nABC,a@abc.example\n", "leadcsv.column.lastNameMissing"},
		{"no way to reach", "last_name,company\nYamada,ABC\n", "leadcsv.column.contactMissing"},
		{"same field twice", "last_name,email,メール\n", "leadcsv.column.duplicate"},
		{"open quote", english + "consumer,,\"Taro,Yamada,,,,\n", "leadcsv.file.notCSV"},
		{"too many rows", many, "leadcsv.file.tooManyRows"},
		{"workbook", "PK\x03\x04\x14\x00\x06\x00", "leadcsv.file.workbook"},
		{"neither encoding", "last_name,email\n\x80\xfd\xfe,\n", "leadcsv.file.encoding"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := fileError(t, c.text); got != c.key {
				t.Errorf("key = %q, want %q", got, c.key)
			}
		})
	}
}

// Exactly MaxRows leads is allowed: the cap refuses more, not that many.
func TestMaxRowsAccepted(t *testing.T) {
	var b strings.Builder
	b.WriteString(english)
	for i := range leads.MaxRows {
		fmt.Fprintf(&b, "consumer,,Taro,Yamada,t%d@example.com,,,\n", i)
	}
	if got, want := len(read(t, b.String()).Leads), leads.MaxRows; got != want {
		t.Errorf("leads = %d, want %d", got, want)
	}
}

func TestNotCSVNamesTheLine(t *testing.T) {
	_, args := fileError(t, english+"consumer,,Taro,Yamada,t@example.com,,,\nconsumer,,\"Jiro,Ito,,,,\n")
	if got, want := args["line"], "3"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
}
