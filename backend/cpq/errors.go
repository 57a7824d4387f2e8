package cpq

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for the edge that reports it (the UI, the HTTP bridge, the CLI's exit code).
// Codes are mapped to their presentation once, at that edge; the domain only says what kind of failure it is.
type Code string

const (
	EInvalid      Code = "invalid"      // the input is wrong; the message says what to fix
	ENotFound     Code = "not_found"    // the thing asked for does not exist
	EConflict     Code = "conflict"     // the request clashes with the current state (a forbidden transition, a duplicate)
	EUnauthorized Code = "unauthorized" // the signed-in user may not do this
	EInternal     Code = "internal"     // something broke that the user cannot fix; details are logged, not shown
)

// FieldError is one problem with one input field.
type FieldError struct {
	Field string            `json:"field"`
	Key   string            `json:"key"`
	Args  map[string]string `json:"args,omitempty"`
}

// Error is the application error. Key names a message in the message catalog (messages.go) so that the same
// error can be shown in English or Japanese; Args fill the message's {placeholders}.
type Error struct {
	Code   Code
	Key    string
	Args   map[string]string
	Fields []FieldError
	// Err is the underlying cause, kept for logs and errors.Is/As; never shown to the user.
	Err error
}

// Error renders the English message, followed by the underlying cause of an internal error, for logs.
// The UI shows Message instead, which never includes the cause.
func (e *Error) Error() string {
	if e.Code == EInternal && e.Key == "internal" && e.Err != nil {
		return e.Message(LangEN) + " (" + e.Err.Error() + ")"
	}
	return e.Message(LangEN)
}

func (e *Error) Unwrap() error { return e.Err }

// Message renders the error in the given language, field problems included.
func (e *Error) Message(lang Lang) string {
	msg := Message(lang, e.Key, e.Args)
	if len(e.Fields) == 0 {
		return msg
	}
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, Message(lang, f.Key, f.Args))
	}
	sep := " "
	if lang == LangJA {
		sep = ""
	}
	return msg + sep + strings.Join(parts, sep)
}

// Errorf returns an error with the given code and message key. args alternate name, value.
func Errorf(code Code, key string, args ...string) *Error {
	return &Error{Code: code, Key: key, Args: argMap(args)}
}

// Internal wraps an unexpected failure. The user sees a generic message; the cause stays in Err for the log.
func Internal(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EInternal, Key: "internal", Err: err}
}

// ErrorCode returns the code of err, EInternal for an error that is not an *Error and "" for nil.
func ErrorCode(err error) Code {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// Validation collects field problems; Err returns nil when there are none.
type Validation struct {
	Key    string // the summary message key, e.g. "account.invalid"
	fields []FieldError
}

// Add records a problem with field, using the message key and its arguments (name, value pairs).
func (v *Validation) Add(field, key string, args ...string) {
	v.fields = append(v.fields, FieldError{Field: field, Key: key, Args: argMap(args)})
}

// Require records "key" for field when value is blank.
func (v *Validation) Require(field, value, key string) {
	if strings.TrimSpace(value) == "" {
		v.Add(field, key)
	}
}

// Err returns the collected problems as one EInvalid error, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	key := v.Key
	if key == "" {
		key = "invalid"
	}
	return &Error{Code: EInvalid, Key: key, Fields: v.fields}
}

func argMap(args []string) map[string]string {
	if len(args) == 0 {
		return nil
	}
	if len(args)%2 != 0 {
		panic(fmt.Sprintf("cpq: odd number of message arguments %q", args))
	}
	m := make(map[string]string, len(args)/2)
	for i := 0; i < len(args); i += 2 {
		m[args[i]] = args[i+1]
	}
	return m
}
