package credit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/credit"
)

var checkedAt = time.Date(2025, 4, 1, 0, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return checkedAt }

// The applicants below have the shapes of the demo accounts (backend/demo/customers.go) and leads.

func globalMedia() credit.Applicant {
	return credit.Applicant{AccountID: "acc-1", Segment: cpq.SegmentBusiness, Name: "グローバルメディア株式会社",
		NameKana: "グローバルメディア", RegistrationNumber: "2010401000001", Employees: 850, Industry: "media",
		Region: "Tokyo", Email: "info@globalmedia.example", Phone: "03-5555-0100"}
}

func hokuto() credit.Applicant {
	return credit.Applicant{Segment: cpq.SegmentBusiness, Name: "北斗エンジニアリング株式会社", NameKana: "ホクトエンジニアリング",
		Employees: 45, Industry: "engineering", Region: "Hokkaido", Email: "office@hokuto-eng.example", Phone: "011-777-0300"}
}

func taroYamada() credit.Applicant {
	return credit.Applicant{Segment: cpq.SegmentConsumer, Name: "山田 太郎", NameKana: "ヤマダ タロウ",
		Email: "taro.yamada@mail.example", Phone: "090-1234-5678", Region: "Tokyo"}
}

func TestLocalOutcomes(t *testing.T) {
	seededGlobalMedia := globalMedia()
	seededGlobalMedia.RegistrationNumber = "1010401000001" // a typo: the check digit is wrong
	emily := credit.Applicant{Segment: cpq.SegmentConsumer, Name: "Emily Carter", Email: "emily.carter@mail.example",
		Phone: "080-2345-6789", Region: "Kanagawa"} // no reading: not scored for a person
	clinic := credit.Applicant{Segment: cpq.SegmentBusiness, Name: "東邦クリニック", Phone: "06-8888-0500", Region: "Osaka"}
	hina := credit.Applicant{Segment: cpq.SegmentConsumer, Name: "加藤 陽菜", Email: "hina.kato@mail.example", Region: "Tokyo"}
	lucas := credit.Applicant{Segment: cpq.SegmentConsumer, Name: "Lucas Martin", Phone: "090-9876-5432"}
	tests := []struct {
		name   string
		in     credit.Applicant
		score  int
		rating string
		status cpq.CreditStatus
		limit  int64
	}{
		{"large business, valid corporate number", globalMedia(), 95, "A", cpq.CreditApproved, 50_000_000},
		{"large business, wrong check digit", seededGlobalMedia, 65, "B", cpq.CreditApproved, 30_000_000},
		{"small business, no corporate number", hokuto(), 50, "C", cpq.CreditReview, 5_000_000},
		{"business lead with a phone only", clinic, 15, "D", cpq.CreditDeclined, 0},
		{"consumer, email and mobile", taroYamada(), 100, "A", cpq.CreditApproved, 300_000},
		{"consumer without a reading", emily, 100, "A", cpq.CreditApproved, 300_000},
		{"consumer, email only", hina, 45, "C", cpq.CreditReview, 100_000},
		{"consumer, mobile only, no region", lucas, 40, "C", cpq.CreditReview, 100_000},
		{"consumer, name only", credit.Applicant{Segment: cpq.SegmentConsumer, Name: "佐藤 一"}, 0, "D", cpq.CreditDeclined, 0},
	}
	local := credit.NewLocal(fixedClock)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := local.Check(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := r.Score, tt.score; got != want {
				t.Errorf("score = %d, want %d (%+v)", got, want, credit.Score(tt.in).Items)
			}
			if got, want := r.Rating, tt.rating; got != want {
				t.Errorf("rating = %q, want %q", got, want)
			}
			if got, want := r.Status, tt.status; got != want {
				t.Errorf("status = %q, want %q", got, want)
			}
			if got, want := r.Limit.IntPart(), tt.limit; got != want || !r.Limit.IsInteger() {
				t.Errorf("limit = %s, want %d", r.Limit, want)
			}
			if got, want := r.Currency, "JPY"; got != want {
				t.Errorf("currency = %q, want %q", got, want)
			}
			if got, want := r.Provider, "local"; got != want {
				t.Errorf("provider = %q, want %q", got, want)
			}
			if got, want := r.CheckedAt, checkedAt; !got.Equal(want) {
				t.Errorf("checkedAt = %v, want %v", got, want)
			}
		})
	}
}

func TestLocalIsDeterministic(t *testing.T) {
	// Two providers with different clocks: only CheckedAt may differ.
	first, err := credit.NewLocal(fixedClock).Check(context.Background(), globalMedia())
	if err != nil {
		t.Fatal(err)
	}
	later := func() time.Time { return checkedAt.Add(72 * time.Hour) }
	second, err := credit.NewLocal(later).Check(context.Background(), globalMedia())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := second.CheckedAt, later(); !got.Equal(want) {
		t.Errorf("checkedAt = %v, want %v", got, want)
	}
	second.CheckedAt = first.CheckedAt
	if got, want := second.Limit.String(), first.Limit.String(); got != want {
		t.Errorf("limit = %s, want %s", got, want)
	}
	second.Limit = first.Limit
	if got, want := second, first; got != want {
		t.Errorf("second check = %+v, want %+v", got, want)
	}
	if got, want := first.Reference == "", false; got != want {
		t.Errorf("reference is empty")
	}

	changed := globalMedia()
	changed.Email = "billing@globalmedia.example"
	third, err := credit.NewLocal(fixedClock).Check(context.Background(), changed)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := third.Reference != first.Reference, true; got != want {
		t.Errorf("reference %q did not change with the email", third.Reference)
	}
}

func TestScoreItemsAddUp(t *testing.T) {
	for _, a := range []credit.Applicant{globalMedia(), hokuto(), taroYamada()} {
		card := credit.Score(a)
		sum, most := 0, 0
		for _, it := range card.Items {
			sum += it.Points
			most += it.Max
		}
		if got, want := sum, card.Total; got != want {
			t.Errorf("%s: items add up to %d, total %d", a.Name, got, want)
		}
		if got, want := most, 100; got != want {
			t.Errorf("%s: most points = %d, want %d", a.Name, got, want)
		}
	}
}

func TestScoreEmployeeBands(t *testing.T) {
	for _, tt := range []struct{ employees, points int }{
		{0, 0}, {1, 8}, {9, 8}, {10, 15}, {49, 15}, {50, 22}, {299, 22}, {300, 30}, {999, 30}, {1000, 35}, {250000, 35},
	} {
		a := credit.Applicant{Segment: cpq.SegmentBusiness, Name: "x", Employees: tt.employees}
		if got, want := points(credit.Score(a), "employees"), tt.points; got != want {
			t.Errorf("%d employees: %d points, want %d", tt.employees, got, want)
		}
	}
}

func TestScorePhoneNumbers(t *testing.T) {
	for _, tt := range []struct {
		number        string
		phone, mobile int
	}{
		{"090-1234-5678", 30, 10},
		{"+81 90 1234 5678", 30, 10},
		{"０８０－２３４５－６７８９", 30, 10}, // full-width, as typed with a Japanese input method
		{"03-5555-0100", 30, 0},
		{"0120-123-456", 30, 0},
		{"0800-123-4567", 30, 0}, // free dial, not a mobile
		{"050-1234-5678", 30, 0},
		{"090-1234-567", 0, 0},    // a digit short
		{"+1 415 555 0100", 0, 0}, // abroad
		{"00-1234-5678", 0, 0},
		{"call me", 0, 0},
	} {
		card := credit.Score(credit.Applicant{Segment: cpq.SegmentConsumer, Name: "x", Phone: tt.number})
		if got, want := points(card, "phone"), tt.phone; got != want {
			t.Errorf("%q: phone %d points, want %d", tt.number, got, want)
		}
		if got, want := points(card, "mobile"), tt.mobile; got != want {
			t.Errorf("%q: mobile %d points, want %d", tt.number, got, want)
		}
	}
}

func TestScoreEmails(t *testing.T) {
	for _, tt := range []struct {
		email  string
		points int
	}{
		{"taro.yamada@mail.example", 30},
		{" taro@mail.example ", 30},
		{"taro@localhost", 0},
		{"taro@@mail.example", 0},
		{"taro yamada@mail.example", 0},
		{"@mail.example", 0},
		{"taro@mail..example", 0},
	} {
		card := credit.Score(credit.Applicant{Segment: cpq.SegmentConsumer, Name: "x", Email: tt.email})
		if got, want := points(card, "email"), tt.points; got != want {
			t.Errorf("%q: %d points, want %d", tt.email, got, want)
		}
	}
}

func TestLocalRejectsApplicantWithoutSegmentOrName(t *testing.T) {
	for _, tt := range []struct {
		in    credit.Applicant
		field string
	}{
		{credit.Applicant{Name: "x"}, "segment"},
		{credit.Applicant{Segment: "partner", Name: "x"}, "segment"},
		{credit.Applicant{Segment: cpq.SegmentBusiness, Name: "  "}, "name"},
		{credit.FromAccount(nil), "segment"},
	} {
		_, err := credit.NewLocal(fixedClock).Check(context.Background(), tt.in)
		var fe *credit.FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("%+v: err = %v, want a *credit.FieldError", tt.in, err)
		}
		if got, want := fe.Field, tt.field; got != want {
			t.Errorf("field = %q, want %q", got, want)
		}
		if got, want := errors.Is(err, credit.ErrRejected), true; got != want {
			t.Errorf("errors.Is(%v, ErrRejected) = %v", err, got)
		}
		if got, want := credit.Retryable(err), false; got != want {
			t.Errorf("Retryable(%v) = %v, want %v", err, got, want)
		}
	}
}

func TestLocalWithDoneContextIsRetryable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := credit.NewLocal(fixedClock).Check(ctx, globalMedia())
	if got, want := credit.Retryable(err), true; got != want {
		t.Errorf("Retryable(%v) = %v, want %v", err, got, want)
	}
}

func TestFromAccount(t *testing.T) {
	created := time.Date(2024, 10, 1, 1, 2, 3, 0, time.UTC)
	a := credit.FromAccount(&cpq.Account{ID: "acc-9", Number: "A-000009", Segment: cpq.SegmentBusiness,
		Name: "みどり物流株式会社", NameKana: "ミドリブツリュウ", AltName: "Midori Logistics Co., Ltd.", Industry: "logistics",
		Employees: 300, Email: "contact@midori-logi.example", Phone: "03-6666-0200", Region: "Tokyo",
		RegistrationNumber: "5010001000002", OwnerID: "u-1", CreatedAt: created})
	want := credit.Applicant{AccountID: "acc-9", Segment: cpq.SegmentBusiness, Name: "みどり物流株式会社",
		NameKana: "ミドリブツリュウ", RegistrationNumber: "5010001000002", Employees: 300, Industry: "logistics",
		Region: "Tokyo", Email: "contact@midori-logi.example", Phone: "03-6666-0200", AccountCreated: created}
	if got := a; got != want {
		t.Errorf("FromAccount = %+v, want %+v", got, want)
	}
}

func points(c credit.Scorecard, factor string) int {
	for _, it := range c.Items {
		if it.Factor == factor {
			return it.Points
		}
	}
	return -1
}
