import Foundation

/// A fast, seedable random number generator (xoshiro256**, seeded through splitmix64), used by
/// `sample`, `randomSplit` and `repartition` so that a seed gives the same result every run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var s = seed
        func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// A uniform double in [0, 1).
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw (Box–Muller, one draw per two uniforms).
    public mutating func nextGaussian() -> Double {
        let u1 = Swift.max(nextDouble(), .leastNonzeroMagnitude), u2 = nextDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// A Poisson-distributed count with the given mean (Knuth's method for small means, a
    /// normal approximation above 30).
    public mutating func nextPoisson(mean: Double) -> Int {
        if mean > 30 {
            return Swift.max(0, Int((mean + nextGaussian() * mean.squareRoot()).rounded()))
        }
        let limit = exp(-mean)
        var product = nextDouble()
        var count = 0
        while product > limit {
            product *= nextDouble()
            count += 1
        }
        return count
    }
}

