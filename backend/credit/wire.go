package credit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// request is the JSON body sent to a bureau (docs/credit.md, "Request"). Every key is always present, empty
// or 0 when unknown, so that a bureau never has to tell a missing key from an empty one.
type request struct {
	AccountID          string `json:"accountId"`
	Segment            string `json:"segment"`
	Name               string `json:"name"`
	NameKana           string `json:"nameKana"`
	RegistrationNumber string `json:"registrationNumber"`
	Employees          int    `json:"employees"`
	Industry           string `json:"industry"`
	Region             string `json:"region"`
	Email              string `json:"email"`
	Phone              string `json:"phone"`
	AccountCreatedAt   string `json:"accountCreatedAt"` // RFC 3339, UTC
}

func newRequest(a Applicant) request {
	created := ""
	if !a.AccountCreated.IsZero() {
		created = a.AccountCreated.UTC().Format(time.RFC3339)
	}
	return request{
		AccountID:          a.AccountID,
		Segment:            string(a.Segment),
		Name:               cpq.CleanText(a.Name),
		NameKana:           cpq.CleanText(a.NameKana),
		RegistrationNumber: normalCorporateNumber(a.RegistrationNumber),
		Employees:          a.Employees,
		Industry:           cpq.CleanText(a.Industry),
		Region:             cpq.CanonicalRegion(a.Region),
		Email:              strings.TrimSpace(a.Email),
		Phone:              cpq.CleanCode(a.Phone),
		AccountCreatedAt:   created,
	}
}

// answerFields are the keys an answer may have. Any other key is refused rather than ignored: a bureau that
// adds, say, a condition to its approval must not have it silently dropped.
var answerFields = map[string]bool{"status": true, "rating": true, "limit": true, "currency": true, "reference": true, "score": true}

var providerStatuses = map[string]cpq.CreditStatus{
	"approved": cpq.CreditApproved,
	"review":   cpq.CreditReview,
	"declined": cpq.CreditDeclined,
}

// plainDecimal is how a limit is written: digits, an optional fraction, no sign, exponent or leading zeros,
// so that it reads the same to every parser and never passes through a float.
var plainDecimal = regexp.MustCompile(`^(0|[1-9][0-9]{0,17})(\.[0-9]+)?$`)

// parseAnswer reads a bureau's answer (docs/credit.md, "Answer"). Every error names the field at fault.
func parseAnswer(body []byte) (Result, error) {
	fields, err := answerObject(body)
	if err != nil {
		return Result{}, err
	}
	var r Result
	status, err := requiredString(fields, "status", 16)
	if err != nil {
		return Result{}, err
	}
	var known bool
	if r.Status, known = providerStatuses[status]; !known {
		return Result{}, invalid("status", "must be approved, review or declined, not "+quote(status))
	}
	if r.Rating, err = requiredString(fields, "rating", 16); err != nil {
		return Result{}, err
	}
	if r.Reference, err = requiredString(fields, "reference", 128); err != nil {
		return Result{}, err
	}
	code, err := requiredString(fields, "currency", 3)
	if err != nil {
		return Result{}, err
	}
	currency, err := cpq.LookupCurrency(code)
	if err != nil || currency.Code != code {
		return Result{}, invalid("currency", "must be an ISO 4217 code Quotewright knows, in capitals, not "+quote(code))
	}
	r.Currency = code
	if r.Limit, err = answerLimit(fields, currency, r.Status); err != nil {
		return Result{}, err
	}
	if r.Score, err = answerScore(fields); err != nil {
		return Result{}, err
	}
	return r, nil
}

// answerObject splits the answer into its keys, refusing anything but one JSON object with known keys, each
// once. It reads token by token so that a syntax error can still be blamed on the key it occurred in.
func answerObject(body []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("%w: the answer is not a JSON object", ErrInvalidAnswer)
	}
	fields := map[string]json.RawMessage{}
	last := ""
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			if last == "" {
				return nil, fmt.Errorf("%w: malformed JSON: %v", ErrInvalidAnswer, err)
			}
			return nil, invalid(last, "malformed JSON after it: "+err.Error())
		}
		key, _ := tok.(string)
		last = key
		if !answerFields[key] {
			return nil, invalid(key, "is not a field of the answer")
		}
		if _, twice := fields[key]; twice {
			return nil, invalid(key, "appears twice")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, invalid(key, "malformed JSON: "+err.Error())
		}
		fields[key] = raw
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%w: malformed JSON: %v", ErrInvalidAnswer, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: data after the answer object", ErrInvalidAnswer)
	}
	return fields, nil
}

// requiredString reads a non-empty JSON string of at most max characters without control characters.
func requiredString(fields map[string]json.RawMessage, key string, max int) (string, error) {
	raw, ok := fields[key]
	if !ok || string(raw) == "null" {
		return "", invalid(key, "is required")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", invalid(key, "must be a string")
	}
	switch {
	case strings.TrimSpace(s) == "":
		return "", invalid(key, "is required")
	case utf8.RuneCountInString(s) > max:
		return "", invalid(key, fmt.Sprintf("is longer than %d characters", max))
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "", invalid(key, "contains control characters")
	}
	return s, nil
}

func answerLimit(fields map[string]json.RawMessage, c cpq.Currency, status cpq.CreditStatus) (decimal.Decimal, error) {
	raw, ok := fields["limit"]
	if !ok || string(raw) == "null" {
		return decimal.Decimal{}, invalid("limit", "is required")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return decimal.Decimal{}, invalid("limit", "must be a decimal string such as \"50000000\", not "+string(raw))
	}
	if !plainDecimal.MatchString(s) {
		return decimal.Decimal{}, invalid("limit", "must be a non-negative decimal string such as \"50000000\", not "+quote(s))
	}
	if _, fraction, _ := strings.Cut(s, "."); int32(len(fraction)) > c.MinorUnits {
		return decimal.Decimal{}, invalid("limit", fmt.Sprintf("has more decimal places than %s has (%d)", c.Code, c.MinorUnits))
	}
	limit := decimal.RequireFromString(s)
	if status == cpq.CreditDeclined && !limit.IsZero() {
		return decimal.Decimal{}, invalid("limit", "must be 0 when declined, not "+s)
	}
	return limit, nil
}

// answerScore reads the optional score, an integer 0–100; 0 when absent.
func answerScore(fields map[string]json.RawMessage) (int, error) {
	raw, ok := fields["score"]
	if !ok || string(raw) == "null" {
		return 0, nil
	}
	var n int
	if raw[0] == '"' || json.Unmarshal(raw, &n) != nil || n < 0 || n > 100 {
		return 0, invalid("score", "must be an integer 0–100, not "+string(raw))
	}
	return n, nil
}

func invalid(field, problem string) error {
	return &FieldError{Err: ErrInvalidAnswer, Field: field, Problem: problem}
}
