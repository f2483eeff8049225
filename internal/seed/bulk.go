package seed

import "context"

// maxParams keeps a batch under SQLite's 32,766 bound parameters (and
// PostgreSQL's 65,535).
const maxParams = 30000

// bulk collects create builders and saves them in batches as large as the
// drivers allow: one INSERT per batch.
type bulk[B any] struct {
	size  int
	items []B
	save  func(context.Context, []B) error
	n     int
}

// newBulk batches rows of cols columns.
func newBulk[B any](cols int, save func(context.Context, []B) error) *bulk[B] {
	size := max(1, min(5000, maxParams/cols))
	return &bulk[B]{size: size, save: save, items: make([]B, 0, size)}
}

func (b *bulk[B]) add(ctx context.Context, item B) error {
	b.items = append(b.items, item)
	if len(b.items) >= b.size {
		return b.flush(ctx)
	}
	return nil
}

func (b *bulk[B]) flush(ctx context.Context) error {
	if len(b.items) == 0 {
		return nil
	}
	if err := b.save(ctx, b.items); err != nil {
		return err
	}
	b.n += len(b.items)
	b.items = b.items[:0]
	return nil
}
