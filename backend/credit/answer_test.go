package credit_test

import (
	"crypto/tls"
	"errors"
	"net/http"
	"testing"

	"quotewright/backend/cpq"
	"quotewright/backend/credit"
)

func TestHTTPAnswerVariants(t *testing.T) {
	for _, tt := range []struct {
		body   string
		status cpq.CreditStatus
		limit  string
		score  int
	}{
		{`{"status":"review","rating":"C","limit":"5000000","currency":"JPY","reference":"r-1"}`, cpq.CreditReview, "5000000", 0},
		{`{"status":"declined","rating":"D","limit":"0","currency":"JPY","reference":"r-2","score":null}`, cpq.CreditDeclined, "0", 0},
		{` {"status":"approved","rating":"B+","limit":"1200.50","currency":"USD","reference":"r-3","score":0} ` + "\n", cpq.CreditApproved, "1200.5", 0},
	} {
		r, err := check(t, http.StatusOK, tt.body)
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if got, want := r.Status, tt.status; got != want {
			t.Errorf("%s: status = %q, want %q", tt.body, got, want)
		}
		if got, want := r.Limit.String(), tt.limit; got != want {
			t.Errorf("%s: limit = %s, want %s", tt.body, got, want)
		}
		if got, want := r.Score, tt.score; got != want {
			t.Errorf("%s: score = %d, want %d", tt.body, got, want)
		}
	}
}

func TestHTTPInvalidAnswerNamesTheField(t *testing.T) {
	for _, tt := range []struct {
		body, field string
	}{
		{`{"status":"maybe","rating":"A","limit":"1","currency":"JPY","reference":"r"}`, "status"},
		{`{"status":"pending","rating":"A","limit":"1","currency":"JPY","reference":"r"}`, "status"},
		{`{"status":"APPROVED","rating":"A","limit":"1","currency":"JPY","reference":"r"}`, "status"},
		{`{"rating":"A","limit":"1","currency":"JPY","reference":"r"}`, "status"},
		{`{"status":"approved","limit":"1","currency":"JPY","reference":"r"}`, "rating"},
		{`{"status":"approved","rating":"","limit":"1","currency":"JPY","reference":"r"}`, "rating"},
		{`{"status":"approved","rating":null,"limit":"1","currency":"JPY","reference":"r"}`, "rating"},
		{`{"status":"approved","rating":7,"limit":"1","currency":"JPY","reference":"r"}`, "rating"},
		{`{"status":"approved","rating":"A","currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"approved","rating":"A","limit":50000000,"currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"approved","rating":"A","limit":"12abc","currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"approved","rating":"A","limit":"-5","currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"approved","rating":"A","limit":"1e6","currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"approved","rating":"A","limit":"1000.5","currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"declined","rating":"D","limit":"100","currency":"JPY","reference":"r"}`, "limit"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"yen","reference":"r"}`, "currency"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"jpy","reference":"r"}`, "currency"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"XXX","reference":"r"}`, "currency"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"JPY"}`, "reference"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"JPY","reference":"r","score":101}`, "score"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"JPY","reference":"r","score":"80"}`, "score"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"JPY","reference":"r","score":80.5}`, "score"},
		{`{"status":"approved","rating":"A","limit":"1","currency":"JPY","reference":"r","conditions":"prepay"}`, "conditions"},
		{`{"status":"approved","status":"declined","rating":"A","limit":"1","currency":"JPY","reference":"r"}`, "status"},
		{`{"status":"approved","rating":}`, "rating"},
		{`{"status":"approved" "rating":"A"}`, "status"},
	} {
		_, err := check(t, http.StatusOK, tt.body)
		var fe *credit.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: err = %v, want a *credit.FieldError", tt.body, err)
			continue
		}
		if got, want := fe.Field, tt.field; got != want {
			t.Errorf("%s: field = %q, want %q (%v)", tt.body, got, want, err)
		}
		if got, want := errors.Is(err, credit.ErrInvalidAnswer), true; got != want {
			t.Errorf("%s: errors.Is(%v, ErrInvalidAnswer) = %v, want %v", tt.body, err, got, want)
		}
		if got, want := credit.Retryable(err), false; got != want {
			t.Errorf("%s: Retryable = %v, want %v", tt.body, got, want)
		}
	}
}

func TestHTTPMalformedAnswer(t *testing.T) {
	for _, body := range []string{
		``,
		`not json`,
		`[` + approvedAnswer + `]`,
		`{"status":"approved","rating":"A","limit":"1","currency":"JPY","reference":"r"`,
		approvedAnswer + approvedAnswer,
		`<html>Service maintenance</html>`,
	} {
		_, err := check(t, http.StatusOK, body)
		if got, want := errors.Is(err, credit.ErrInvalidAnswer), true; got != want {
			t.Errorf("%q: errors.Is(%v, ErrInvalidAnswer) = %v, want %v", body, err, got, want)
		}
		if got, want := credit.Retryable(err), false; got != want {
			t.Errorf("%q: Retryable = %v, want %v", body, got, want)
		}
	}
}

func insecureTLS() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true} // only to show NewHTTP refuses it
}
