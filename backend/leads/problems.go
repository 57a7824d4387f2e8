package leads

import (
	"errors"

	"quotewright/backend/cpq"
)

// problems are the reasons one row is refused, in the form the lead's own validation gives them, so that the
// app shows both kinds alike.
type problems []cpq.FieldError

// Add records a problem; args alternate name, value. It has the shape of cpq.Validation.Add so that the
// catalog test (backend/cpq/messages_test.go) finds the message keys passed to it.
func (p *problems) Add(field, key string, args ...string) {
	var m map[string]string
	if len(args) > 0 {
		m = make(map[string]string, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			m[args[i]] = args[i+1]
		}
	}
	*p = append(*p, cpq.FieldError{Field: field, Key: key, Args: m})
}

// addAll records the field problems of a validation error. Validate returns nothing else, but should that
// change, the error is still shown rather than the row passing.
func (p *problems) addAll(err error) {
	if err == nil {
		return
	}
	var e *cpq.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		*p = append(*p, e.Fields...)
		return
	}
	if errors.As(err, &e) {
		*p = append(*p, cpq.FieldError{Key: e.Key, Args: e.Args})
		return
	}
	*p = append(*p, cpq.FieldError{Key: "internal"})
}
