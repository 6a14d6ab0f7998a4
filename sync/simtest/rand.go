package simtest

import (
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// streams derives one PCG generator per component from the master seed, so
// adding draws to one component does not shift the others.
func stream(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// byteReader feeds uuid.SetRand deterministically.
type byteReader struct{ r *rand.Rand }

func (b byteReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b.r.Uint32())
	}
	return len(p), nil
}

func chance(r *rand.Rand, p float64) bool { return p > 0 && r.Float64() < p }

func between(r *rand.Rand, lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(r.Int64N(int64(hi-lo)))
}
