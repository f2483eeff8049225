package pgtx

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

type valueFunc func(raw []byte) (driver.Value, error)

// valueFuncs make of each column the value pgx's stdlib driver hands to
// database/sql (stdlib's Rows.Next): the same Go type for each type OID.
func valueFuncs(m *pgtype.Map, fds []pgconn.FieldDescription) []valueFunc {
	fs := make([]valueFunc, len(fds))
	for i, fd := range fds {
		oid, format := fd.DataTypeOID, fd.Format
		switch oid {
		case pgtype.BoolOID:
			fs[i] = plain[bool](m, oid, format)
		case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.XMLOID:
			fs[i] = plain[[]byte](m, oid, format)
		case pgtype.CIDOID, pgtype.OIDOID, pgtype.XIDOID:
			fs[i] = valuer[pgtype.Uint32](m, oid, format)
		case pgtype.DateOID:
			fs[i] = valuer[pgtype.Date](m, oid, format)
		case pgtype.Float4OID:
			fs[i] = widened[float32, float64](m, oid, format)
		case pgtype.Float8OID:
			fs[i] = plain[float64](m, oid, format)
		case pgtype.Int2OID:
			fs[i] = widened[int16, int64](m, oid, format)
		case pgtype.Int4OID:
			fs[i] = widened[int32, int64](m, oid, format)
		case pgtype.Int8OID:
			fs[i] = plain[int64](m, oid, format)
		case pgtype.TimestampOID:
			fs[i] = valuer[pgtype.Timestamp](m, oid, format)
		case pgtype.TimestamptzOID:
			fs[i] = valuer[pgtype.Timestamptz](m, oid, format)
		default:
			fs[i] = asText(m, oid, format)
		}
	}
	return fs
}

// asText is the text of a type database/sql gets as text (stdlib asks for
// binary only for the types above). A batch cannot ask: pgx takes binary
// wherever its codec reads it, so a binary value is decoded and written
// again as text. pgx's text is the server's for the types in reencoded
// only (TestScansAsDatabaseSQL); another type in binary is refused rather
// than handed over in a form database/sql would not give.
func asText(m *pgtype.Map, oid uint32, format int16) valueFunc {
	if format == pgtype.TextFormatCode {
		return plain[string](m, oid, format)
	}
	t, ok := m.TypeForOID(oid)
	if !ok || !reencoded[oid] {
		return func([]byte) (driver.Value, error) {
			return nil, fmt.Errorf("pgtx: a column of type OID %d came in binary, and its text is not known to be the server's", oid)
		}
	}
	return func(raw []byte) (driver.Value, error) {
		if text, ok := serversText(oid, raw); ok {
			return text, nil
		}
		if err := plainArray(oid, raw); err != nil {
			return nil, err
		}
		v, err := t.Codec.DecodeValue(m, oid, format, raw)
		if err != nil {
			return nil, err
		}
		b, err := m.Encode(oid, pgtype.TextFormatCode, v, nil)
		return string(b), err
	}
}

// reencoded are the types whose text pgx writes as the server does, with
// the two cases below (TestScansAsDatabaseSQL has a sample of each). For
// interval, tsvector and arrays of instants, among others, it does not.
var reencoded = map[uint32]bool{
	pgtype.NumericOID: true, pgtype.UUIDOID: true, pgtype.TextArrayOID: true, pgtype.VarcharArrayOID: true,
	pgtype.Int4ArrayOID: true, pgtype.Int8ArrayOID: true, pgtype.BoolArrayOID: true,
}

// serversText is the server's text where pgx's differs: a numeric zero
// keeps its scale ("0.000"; pgx writes "0"). The binary numeric starts
// with its digit count, weight, sign and display scale, 16 bits each.
func serversText(oid uint32, raw []byte) (string, bool) {
	if oid != pgtype.NumericOID || len(raw) < 8 {
		return "", false
	}
	digits, sign, scale := binary.BigEndian.Uint16(raw), binary.BigEndian.Uint16(raw[4:]), binary.BigEndian.Uint16(raw[6:])
	if digits != 0 || sign != 0 || scale == 0 {
		return "", false
	}
	return "0." + strings.Repeat("0", int(scale)), true
}

// plainArray refuses an array pgx would write other than the server: of
// more than one dimension (pgx flattens it) or not counted from 1 (the
// server writes the bounds). The binary array starts with its number of
// dimensions, flags and element type, then each dimension's length and
// lower bound, 32 bits each.
func plainArray(oid uint32, raw []byte) error {
	if oid == pgtype.NumericOID || oid == pgtype.UUIDOID || len(raw) < 12 {
		return nil
	}
	dims := binary.BigEndian.Uint32(raw)
	if dims > 1 || dims == 1 && len(raw) >= 20 && int32(binary.BigEndian.Uint32(raw[16:])) != 1 {
		return fmt.Errorf("pgtx: an array of %d dimensions or not counted from 1 came in binary; its text would not be the server's", dims)
	}
	return nil
}

// plain scans into a fresh T: a []byte is never shared between rows.
func plain[T any](m *pgtype.Map, oid uint32, format int16) valueFunc {
	var zero T
	plan := m.PlanScan(oid, format, &zero)
	return func(raw []byte) (driver.Value, error) {
		var d T
		err := plan.Scan(raw, &d)
		return d, err
	}
}

func widened[T int16 | int32 | float32, W int64 | float64](m *pgtype.Map, oid uint32, format int16) valueFunc {
	var zero T
	plan := m.PlanScan(oid, format, &zero)
	return func(raw []byte) (driver.Value, error) {
		var d T
		err := plan.Scan(raw, &d)
		return W(d), err
	}
}

func valuer[T any, P interface {
	*T
	driver.Valuer
}](m *pgtype.Map, oid uint32, format int16) valueFunc {
	var zero T
	plan := m.PlanScan(oid, format, P(&zero))
	return func(raw []byte) (driver.Value, error) {
		var d T
		if err := plan.Scan(raw, P(&d)); err != nil {
			return nil, err
		}
		return P(&d).Value()
	}
}

// assign stores src, a driver value, in dest by database/sql's rules
// (convertAssign), which are reached through sql.Null[T].Scan: a Scanner
// gets src as it is, *any a copy, and the rest a conversion, NULL refused.
func assign(dest any, src driver.Value) error {
	switch d := dest.(type) {
	case sql.Scanner:
		return d.Scan(src)
	case *any:
		if b, ok := src.([]byte); ok {
			src = bytes.Clone(b)
		}
		*d = src
		return nil
	case *[]byte:
		if src == nil {
			*d = nil
			return nil
		}
		return via(d, src)
	case *sql.RawBytes:
		var b []byte
		err := assign(&b, src)
		*d = b
		return err
	case *string:
		return via(d, src)
	case *int:
		return via(d, src)
	case *int64:
		return via(d, src)
	case *int32:
		return via(d, src)
	case *float64:
		return via(d, src)
	case *bool:
		return via(d, src)
	case *time.Time:
		return via(d, src)
	}
	return assignKind(dest, src)
}

func via[T any](d *T, src driver.Value) error {
	if src == nil {
		return fmt.Errorf("converting NULL to %T is unsupported", *d)
	}
	var n sql.Null[T]
	if err := n.Scan(src); err != nil {
		return err
	}
	*d = n.V
	return nil
}

// assignKind is database/sql's reflection path (convertAssignRows): a
// value of an assignable or convertible type, a pointer to allocate, or a
// named number or string type through the value's text.
func assignKind(dest any, src driver.Value) error {
	dpv := reflect.ValueOf(dest)
	if dpv.Kind() != reflect.Pointer {
		return errors.New("destination not a pointer")
	}
	if dpv.IsNil() {
		return errors.New("destination pointer is nil")
	}
	sv, dv := reflect.ValueOf(src), dpv.Elem()
	if sv.IsValid() && sv.Type().AssignableTo(dv.Type()) {
		if b, ok := src.([]byte); ok {
			dv.Set(reflect.ValueOf(bytes.Clone(b)))
		} else {
			dv.Set(sv)
		}
		return nil
	}
	if sv.IsValid() && dv.Kind() == sv.Kind() && sv.Type().ConvertibleTo(dv.Type()) {
		dv.Set(sv.Convert(dv.Type()))
		return nil
	}
	if src == nil && dv.Kind() != reflect.Pointer {
		return fmt.Errorf("converting NULL to %s is unsupported", dv.Kind())
	}
	switch dv.Kind() {
	case reflect.Pointer:
		if src == nil {
			dv.SetZero()
			return nil
		}
		dv.Set(reflect.New(dv.Type().Elem()))
		return assign(dv.Interface(), src)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s := asString(src)
		n, err := strconv.ParseInt(s, 10, dv.Type().Bits())
		if err != nil {
			return fmt.Errorf("converting driver.Value type %T (%q) to a %s: %w", src, s, dv.Kind(), err)
		}
		dv.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s := asString(src)
		n, err := strconv.ParseUint(s, 10, dv.Type().Bits())
		if err != nil {
			return fmt.Errorf("converting driver.Value type %T (%q) to a %s: %w", src, s, dv.Kind(), err)
		}
		dv.SetUint(n)
		return nil
	case reflect.Float32, reflect.Float64:
		s := asString(src)
		f, err := strconv.ParseFloat(s, dv.Type().Bits())
		if err != nil {
			return fmt.Errorf("converting driver.Value type %T (%q) to a %s: %w", src, s, dv.Kind(), err)
		}
		dv.SetFloat(f)
		return nil
	case reflect.String:
		switch v := src.(type) {
		case string:
			dv.SetString(v)
			return nil
		case []byte:
			dv.SetString(string(v))
			return nil
		}
	}
	return fmt.Errorf("unsupported Scan, storing driver.Value type %T into type %T", src, dest)
}

func asString(src any) string {
	switch v := src.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	rv := reflect.ValueOf(src)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	case reflect.Float32:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 32)
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	}
	return fmt.Sprintf("%v", src)
}
