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

// Today is the calendar date it is now where the user is, as a date: midnight UTC of that day, the form every
// calendar date is kept in. The rep in Tokyo at 08:00 on 1 April is on 1 April, though it is 31 March in UTC.
func Today(now time.Time) time.Time {
	y, m, d := now.In(time.Local).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

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
