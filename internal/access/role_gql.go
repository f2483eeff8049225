package access

import (
	"fmt"
	"io"
	"strconv"
)

// MarshalGQL writes the role as the GraphQL enum Role.
func (r Role) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(r))) }

// UnmarshalGQL reads the GraphQL enum Role.
func (r *Role) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("vai trò phải là chuỗi, nhận %T", v)
	}
	role, err := ParseRole(s)
	if err != nil {
		return err
	}
	*r = role
	return nil
}
