package inorder

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

func newCtx() context.Context {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(context.Context, any) error { return errors.New("internal") })
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{}})
}

// text is what m writes.
func text(m graphql.Marshaler) string {
	var b strings.Builder
	m.MarshalGQL(&b)
	return b.String()
}

// indexOf is the list index of the element marshalled on ctx.
func indexOf(ctx context.Context) int { return *graphql.GetFieldContext(ctx).Index }

// While no element waits, the elements are marshalled in order on the
// caller's goroutine, one at a time, each under its own index.
func TestInOrderWhileNoneWaits(t *testing.T) {
	var inFlight, most atomic.Int32
	var order []int
	ret := MarshalSlice(newCtx(), 6, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		most.Store(max(most.Load(), inFlight.Add(1)))
		defer inFlight.Add(-1)
		if indexOf(ctx) != i {
			t.Errorf("element %d under index %d", i, indexOf(ctx))
		}
		order = append(order, i) // no lock: a second goroutine would be a race (-race)
		return graphql.MarshalInt(i)
	})
	if fmt.Sprint(order) != "[0 1 2 3 4 5]" || most.Load() != 1 {
		t.Fatalf("order %v, at most %d at once: want in order, one at a time", order, most.Load())
	}
	if len(ret) != 6 || text(ret) != "[0,1,2,3,4,5]" {
		t.Fatalf("answer %v", ret)
	}
}

// From the first element that waits, the rest go concurrently: here
// elements 2…5 each wait until all four are in flight, which in order
// would never happen.
func TestConcurrentFromTheFirstWait(t *testing.T) {
	var rest sync.WaitGroup
	rest.Add(4)
	allIn := make(chan struct{})
	go func() { rest.Wait(); close(allIn) }()
	ret := MarshalSlice(newCtx(), 6, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if indexOf(ctx) != i {
			t.Errorf("element %d under index %d", i, indexOf(ctx))
		}
		switch {
		case i == 1:
			Waits(ctx)
		case i >= 2:
			rest.Done()
			select {
			case <-allIn:
			case <-time.After(10 * time.Second):
				t.Errorf("element %d: the elements after the wait did not run together", i)
			}
		}
		return graphql.MarshalInt(i)
	})
	if text(ret) != "[0,1,2,3,4,5]" {
		t.Fatalf("answer %s", text(ret))
	}
}

// A wait in an element of a nested list is a wait in the outer list's
// element too: the outer list's later elements go concurrently.
func TestNestedWaitMarksTheOuterList(t *testing.T) {
	var outerAfter sync.WaitGroup
	outerAfter.Add(2)
	together := make(chan struct{})
	go func() { outerAfter.Wait(); close(together) }()
	MarshalSlice(newCtx(), 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 0 {
			return MarshalSlice(ctx, 2, 0, false, func(ctx context.Context, j int) graphql.Marshaler {
				if j == 1 {
					Waits(ctx)
				}
				return graphql.MarshalInt(j)
			})
		}
		outerAfter.Done()
		select {
		case <-together:
		case <-time.After(10 * time.Second):
			t.Errorf("outer element %d ran alone", i)
		}
		return graphql.MarshalInt(i)
	})
}

// A panicking element is null with an error on its path, as gqlgen's
// MarshalSliceConcurrently answers it; the others are kept.
func TestPanicIsNullWithAnError(t *testing.T) {
	ctx := newCtx()
	ret := MarshalSlice(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if text(ret) != "[0,null,2]" {
		t.Fatalf("answer %s", text(ret))
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 || errs[0].Message != "internal" || fmt.Sprint(errs[0].Path) != "[1]" {
		t.Fatalf("errors %v", errs)
	}
}
