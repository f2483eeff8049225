package etl

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"time"
)

// DigestVersion names how rows are digested. It enters every source
// signature and every digest, so that digests made another way never
// match: the first run after a change of it reloads every year once.
const DigestVersion = "rows-v2"

// fingerprint digests rows exactly as they are loaded, so that a year whose
// rows have not changed is recognised without touching the warehouse.
//
// It is order-free: each row is hashed on its own (SHA-256 of the row's
// encoding, prefixed with a key) and the hashes are added modulo 2^256,
// with the rows' count beside them. Rows may then be digested in any
// order, by several goroutines whose fingerprints are merged, and a query
// need not sort for the digest's sake. Addition, not XOR: a row that
// appears twice must not cancel out. By accident two different years
// collide with probability about 2^-256. On purpose, a sum of unkeyed
// hashes can be forged by a generalised-birthday search over rows an
// attacker writes; keyed with a secret of the run (Pseudonymizer.DigestKey),
// the row hashes cannot be computed outside it, and a forged year is no
// easier than guessing the key. A collision would only leave one year of
// the warehouse stale until its next change or a --full run.
type fingerprint struct {
	key []byte
	buf []byte
	acc [4]uint64 // little-endian limbs of the sum
	n   uint64
}

func newFingerprint(key []byte) *fingerprint {
	return &fingerprint{key: key, buf: append([]byte(nil), key...)}
}

func (f *fingerprint) add(row []any) {
	b := f.buf[:len(f.key)]
	for _, v := range row {
		b = appendValue(b, v)
	}
	f.buf = b
	h := sha256.Sum256(b)
	var c uint64
	for i := range f.acc {
		f.acc[i], c = bits.Add64(f.acc[i], binary.LittleEndian.Uint64(h[8*i:]), c)
	}
	f.n++
}

// merge adds another fingerprint's rows (made with the same key).
func (f *fingerprint) merge(g *fingerprint) {
	var c uint64
	for i := range f.acc {
		f.acc[i], c = bits.Add64(f.acc[i], g.acc[i], c)
	}
	f.n += g.n
}

func (f *fingerprint) sum() string {
	b := make([]byte, 0, len(DigestVersion)+40)
	b = append(b, DigestVersion...)
	for _, x := range f.acc {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	b = binary.LittleEndian.AppendUint64(b, f.n)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 0)
	case string:
		b = binary.AppendUvarint(append(b, 1), uint64(len(x)))
		return append(b, x...)
	case uint8:
		return append(b, 2, x)
	case uint16:
		return binary.AppendUvarint(append(b, 3), uint64(x))
	case uint32:
		return binary.AppendUvarint(append(b, 4), uint64(x))
	case uint64:
		return binary.AppendUvarint(append(b, 5), x)
	case time.Time:
		return binary.AppendVarint(append(b, 6), x.Unix())
	case *time.Time:
		if x == nil {
			return append(b, 0)
		}
		return appendValue(b, *x)
	case *uint8:
		if x == nil {
			return append(b, 0)
		}
		return append(b, 7, *x)
	case []string:
		b = binary.AppendUvarint(append(b, 8), uint64(len(x)))
		for _, s := range x {
			b = appendValue(b, s)
		}
		return b
	case []uint64:
		b = binary.AppendUvarint(append(b, 9), uint64(len(x)))
		for _, u := range x {
			b = binary.AppendUvarint(b, u)
		}
		return b
	}
	panic(fmt.Sprintf("fingerprint: unexpected %T", v))
}
