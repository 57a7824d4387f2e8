package credit

import (
	"errors"
	"strconv"
)

// The three kinds of failure, told apart because the caller does different things: retry later, fix the
// data or configuration, or take the provider's answer up with the provider.
var (
	// ErrUnavailable: no answer was had (network error, timeout, HTTP 408, 429 or 5xx). Retry later.
	ErrUnavailable = errors.New("credit provider unavailable")
	// ErrRejected: the check cannot be made as asked (an applicant no provider can judge, an HTTP 4xx such as a
	// wrong token, a redirect). Retrying the same request gives the same answer.
	ErrRejected = errors.New("credit check rejected")
	// ErrInvalidAnswer: the provider answered, but not in the agreed format. Nothing of it is used.
	ErrInvalidAnswer = errors.New("credit provider answered in an invalid format")
)

// Retryable reports whether err means the check should simply be made again later.
func Retryable(err error) bool { return errors.Is(err, ErrUnavailable) }

// FieldError names the field of an applicant or of an answer that is wrong. Err is ErrRejected or
// ErrInvalidAnswer, so errors.Is works on it as on any other error of the package.
type FieldError struct {
	Err     error
	Field   string // the JSON name of the field, e.g. "limit"
	Problem string
}

func (e *FieldError) Error() string { return e.Err.Error() + ": " + e.Field + ": " + e.Problem }

func (e *FieldError) Unwrap() error { return e.Err }

// quote writes a value into a message so that an empty or odd value is still visible.
func quote(s string) string { return strconv.Quote(s) }
