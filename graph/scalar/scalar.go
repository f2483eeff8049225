// Package scalar marshals thidua's GraphQL scalars: ID (ent's global int
// ids), Date (a civil date, "2025-07-01") and Time (an instant, shown in
// Asia/Ho_Chi_Minh). A malformed value is a VALIDATION problem with a
// Vietnamese message, never an internal error.
package scalar

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Zone is the movement's time zone (domain.Zone).
var Zone = domain.Zone

// MarshalID writes an id as a string, as Relay clients expect.
func MarshalID(id int) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(strconv.Itoa(id))) })
}

// UnmarshalID reads an id given as a string or a number.
func UnmarshalID(v any) (int, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case int:
		return v, nil
	case int64:
		return int(v), nil
	case json.Number:
		s = v.String()
	default:
		return 0, problem.New(problem.Validation, "Mã định danh (ID) không hợp lệ: %v.", v)
	}
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0, problem.New(problem.Validation, "Mã định danh (ID) không hợp lệ: %q.", s)
	}
	return id, nil
}

const dateLayout = "2006-01-02"

// MarshalDate writes a civil date.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(t.Format(dateLayout))) })
}

// UnmarshalDate reads "YYYY-MM-DD" into midnight UTC, the store's
// representation of a civil date on both dialects.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, problem.New(problem.Validation, "Ngày phải là chuỗi dạng YYYY-MM-DD.")
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, problem.New(problem.Validation, "Ngày %q không hợp lệ (cần dạng YYYY-MM-DD).", s)
	}
	return t, nil
}

// MarshalTime writes an instant in RFC 3339 in Asia/Ho_Chi_Minh, with its
// fraction of a second: a client filtering by a returned time (updatedAtGT
// when polling) must name exactly the instant stored.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.In(Zone).Format(time.RFC3339Nano)))
	})
}

// UnmarshalTime reads an RFC 3339 instant.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, problem.New(problem.Validation, "Thời điểm phải là chuỗi RFC 3339.")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, problem.New(problem.Validation, "Thời điểm %q không hợp lệ (cần RFC 3339).", s)
	}
	return t, nil
}
