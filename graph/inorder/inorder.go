// Package inorder marshals a GraphQL list's elements one after another on
// the caller's goroutine, until one of them has to wait.
//
// gqlgen gives every element of a list of objects a goroutine of its own
// (graphql.MarshalSliceConcurrently). That pays when an element waits on
// the store, and only then; for a page whose edges were loaded with it
// (entgql's field collection), each goroutine starts on a small stack and
// grows it through gqlgen's deep field tree: stack copying alone was 15 %
// of the CPU of a page of 50 ideas. So a list runs its elements in order
// while none waits, and the rest of it concurrently, as gqlgen would,
// from the first that did: the generated executor (graph/generator's
// object.gotpl) calls Waits before it hands a field a goroutine of its
// own, which it does for a resolver, or an ent edge that was not loaded.
package inorder

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"golang.org/x/sync/semaphore"
)

type watchKey struct{}

// watch is a list being marshalled in order. A wait inside one of its
// elements is a wait inside every list that holds it: it marks them all.
type watch struct {
	waited atomic.Bool
	parent *watch
}

// Waits marks the lists that hold the field about to resolve on ctx: one
// of their elements waits, so their later elements go concurrently.
func Waits(ctx context.Context) {
	w, _ := ctx.Value(watchKey{}).(*watch)
	for ; w != nil; w = w.parent {
		if w.waited.Swap(true) {
			return // marked before, with its parents
		}
	}
}

// MarshalSlice is graphql.MarshalSliceConcurrently's drop-in, with the same
// field contexts (each element's Index), panic recovery and worker limit.
func MarshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	if length <= 1 {
		// gqlgen marshals a single element in line already.
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshalElement)
	}
	parent, _ := ctx.Value(watchKey{}).(*watch)
	w := &watch{parent: parent}
	ctx = context.WithValue(ctx, watchKey{}, w)
	ret := make(graphql.Array, length)
	for i := range length {
		ret[i] = element(ctx, i, omitPanicHandler, marshalElement)
		if w.waited.Load() && i+1 < length {
			concurrently(ctx, ret, i+1, workerLimit, omitPanicHandler, marshalElement)
			break
		}
	}
	return ret
}

// element marshals element i under its own field context, recovering a
// panic as gqlgen does: reported, and the element null.
func element(ctx context.Context, i int, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) (ret graphql.Marshaler) {
	childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(childCtx, graphql.Recover(childCtx, r))
				ret = graphql.Null
			}
		}()
	}
	return marshalElement(childCtx, i)
}

// concurrently marshals ret[from:] a goroutine an element, at most
// workerLimit at once when it is set, as MarshalSliceConcurrently does.
func concurrently(ctx context.Context, ret graphql.Array, from int, workerLimit int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) {
	var wg sync.WaitGroup
	var sm *semaphore.Weighted
	if workerLimit > 0 {
		sm = semaphore.NewWeighted(workerLimit)
	}
	for i := from; i < len(ret); i++ {
		if sm != nil {
			if err := sm.Acquire(ctx, 1); err != nil {
				graphql.AddError(ctx, ctx.Err())
				for j := i; j < len(ret); j++ {
					ret[j] = graphql.Null
				}
				break
			}
		}
		wg.Go(func() {
			if sm != nil {
				defer sm.Release(1)
			}
			ret[i] = element(ctx, i, omitPanicHandler, marshalElement)
		})
	}
	wg.Wait()
}
