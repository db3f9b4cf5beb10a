package fleet

import "math/rand/v2"

func nil2rng() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
