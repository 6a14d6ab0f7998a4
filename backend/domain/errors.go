package domain

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Kind is the small set of error kinds. The UI picks a message per
// kind and code; anything not classified is Internal.
type Kind string

const (
	KindInternal    Kind = "Internal"
	KindInvalid     Kind = "Invalid"
	KindNotFound    Kind = "NotFound"
	KindNotEligible Kind = "NotEligible"
	KindConflict    Kind = "Conflict"
	KindPermission  Kind = "Permission"
	KindUnavailable Kind = "Unavailable"
)

// FieldError is one problem with one input field, with a stable code and the
// message in both UI languages.
type FieldError struct {
	Field     string `json:"field"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"messageEn"`
}

// Error is an application error: a kind, a stable code, messages in Bahasa
// Indonesia and English, optional field errors and the wrapped cause (never
// shown to a user).
type Error struct {
	Kind      Kind
	Code      string
	Message   string
	MessageEN string
	Fields    []FieldError
	Err       error
}

// E makes an Error.
func E(kind Kind, code, msgID, msgEN string) *Error {
	return &Error{Kind: kind, Code: code, Message: msgID, MessageEN: msgEN}
}

// Wrap makes an Error that keeps cause for logs.
func Wrap(cause error, kind Kind, code, msgID, msgEN string) *Error {
	return &Error{Kind: kind, Code: code, Message: msgID, MessageEN: msgEN, Err: cause}
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Code, e.MessageEN)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.MessageEN)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err, Internal for errors that carry none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// CodeOf returns the stable code of err, "internal" for errors that carry none.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "internal"
}

// Mask is the one way an error reaches a person: a coded error of any kind
// but Internal is shown as it is; anything else (an unclassified SQLite or
// file error, a bug) is logged with op, its full text and a short reference,
// and replaced by one Internal message that carries only that reference, so
// a user can quote it and an admin can find the log line. log nil is
// slog.Default().
func Mask(log *slog.Logger, op string, err error) *Error {
	var e *Error
	if errors.As(err, &e) && e.Kind != KindInternal {
		return e
	}
	if log == nil {
		log = slog.Default()
	}
	ref := newRef()
	log.Error("internal error", "op", op, "ref", ref, "err", err)
	return &Error{Kind: KindInternal, Code: "internal",
		Message:   "Terjadi kesalahan internal (rujukan " + ref + "). Coba lagi; bila berulang, hubungi admin BKPSDM dan sebutkan rujukan ini.",
		MessageEN: "Internal error (reference " + ref + "). Try again; if it persists, contact the BKPSDM admin quoting this reference."}
}

// newRef is a short reference a person can read out: 8 characters of
// Crockford's base32 (no I, L, O or U).
func newRef() string {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	b := make([]byte, 8)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[b[i]%32]
	}
	return string(b)
}

// Validation collects field errors of one input and turns them into one
// Invalid error.
type Validation struct {
	fields []FieldError
}

// Add records a field error.
func (v *Validation) Add(field, code, msgID, msgEN string) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Message: msgID, MessageEN: msgEN})
}

// AddErr records err against field; an *Error keeps its code and messages.
func (v *Validation) AddErr(field string, err error) {
	if err == nil {
		return
	}
	var e *Error
	if errors.As(err, &e) {
		if len(e.Fields) > 0 {
			for _, f := range e.Fields {
				if f.Field == "" {
					f.Field = field
				}
				v.fields = append(v.fields, f)
			}
			return
		}
		v.Add(field, e.Code, e.Message, e.MessageEN)
		return
	}
	v.Add(field, "invalid", "Isian tidak valid.", "Invalid value.")
}

// Err returns nil when nothing was recorded, otherwise an Invalid error whose
// message names the first problem.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	first := v.fields[0]
	msg, msgEN := first.Message, first.MessageEN
	if len(v.fields) > 1 {
		msg = fmt.Sprintf("%s (dan %d masalah lain)", msg, len(v.fields)-1)
		msgEN = fmt.Sprintf("%s (and %d more)", msgEN, len(v.fields)-1)
	}
	return &Error{Kind: KindInvalid, Code: "validation", Message: msg, MessageEN: msgEN, Fields: v.fields}
}
