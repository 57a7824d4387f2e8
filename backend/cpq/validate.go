package cpq

import (
	"regexp"
	"strings"
	"time"
)

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func looksLikeEmail(s string) bool { return emailPattern.MatchString(strings.TrimSpace(s)) }

// phonePattern accepts international and Japanese domestic forms: digits with spaces, dashes, dots,
// parentheses and an optional leading +.
var phonePattern = regexp.MustCompile(`^\+?[0-9()\-.\s]{6,20}$`)

func looksLikePhone(s string) bool { return phonePattern.MatchString(strings.TrimSpace(s)) }

// DateLayout is how calendar dates (close dates, validity, start dates) are written: they carry no time of
// day and no zone, because a quote valid until 31 March is valid until 31 March wherever the reader is.
const DateLayout = "2006-01-02"

// ParseDate parses a calendar date; the empty string is the zero time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, Errorf(EInvalid, "date.invalid", "value", s)
	}
	return t, nil
}

// FormatDate writes a calendar date, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}
