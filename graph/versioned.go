package graph

import (
	"context"
	"reflect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// versioned finishes an update that was made conditional on the version
// its client saw: an update that matched no row is a CONFLICT when the
// record is there for the viewer (someone changed it since), NOT_FOUND
// otherwise. extensions.field points at the version argument.
func versioned[T any](ctx context.Context, id, version int, updated T, err error) (T, error) {
	if err == nil || !ent.IsNotFound(err) {
		return updated, err
	}
	var zero T
	n, nerr := ent.FromContext(ctx).Noder(ctx, id)
	if nerr != nil {
		if ent.IsNotFound(nerr) {
			return zero, problem.New(problem.NotFound, "Không tìm thấy dữ liệu yêu cầu.").At("id")
		}
		return zero, nerr
	}
	current := -1
	if f := reflect.Indirect(reflect.ValueOf(n)).FieldByName("Version"); f.IsValid() && f.CanInt() {
		current = int(f.Int())
	}
	return zero, staleVersion(version, current)
}

// staleVersion is the CONFLICT of an update made against an old version.
func staleVersion(sent, current int) *problem.Error {
	return problem.New(problem.Conflict,
		"Dữ liệu vừa được người khác cập nhật (phiên bản hiện tại %d, bạn gửi %d); hãy tải lại rồi sửa lại.", current, sent).At("version")
}
