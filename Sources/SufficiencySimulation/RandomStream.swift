import CGSL
import Foundation

/// The processes that draw random numbers, one GSL generator each (model.md section 7).
///
/// Giving each process its own stream keeps common random numbers aligned between a baseline and a scenario:
/// a policy that changes matching does not shift the arrivals of children.
public enum Stream: Int, CaseIterable, Sendable {
    case arrivals = 0, childAttributes, exits, breakdowns, carers, market, matching
}

/// One GSL generator (Tausworthe `taus2`: fast, small state, period about 2^88) and the distributions the model uses.
///
/// Not thread-safe: a replication owns its streams. The generator is allocated once per worker and reseeded for
/// each replication, so seeding costs no allocation.
public final class RandomStream {
    let rng: UnsafeMutablePointer<gsl_rng>

    public init() {
        gsl_set_error_handler_off()
        rng = gsl_rng_alloc(gsl_rng_taus2)
    }

    deinit { gsl_rng_free(rng) }

    /// Reseeds for (master seed, replication, stream), mixed by SplitMix64 so neighbouring replications get
    /// unrelated seeds. GSL's `taus2` seeds from an unsigned long; zero is avoided by GSL itself.
    public func seed(master: UInt64, replication: Int, stream: Stream) {
        var x = SplitMix64.mix(master)
        x = SplitMix64.mix(x ^ UInt64(truncatingIfNeeded: replication) &* 0x9E37_79B9_7F4A_7C15)
        x = SplitMix64.mix(x ^ UInt64(stream.rawValue + 1) &* 0xBF58_476D_1CE4_E5B9)
        gsl_rng_set(rng, UInt(truncatingIfNeeded: x))
    }

    /// Uniform on [0, 1).
    @inline(__always) public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1), never 0.
    @inline(__always) public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// True with probability `p`.
    @inline(__always) public func bernoulli(_ p: Double) -> Bool { p > 0 && gsl_rng_uniform(rng) < p }

    /// A unit exponential, −ln U with U in (0, 1): always strictly positive, for inverting hazards (GSL's
    /// `gsl_ran_exponential` can return −0 when its uniform is exactly 0).
    @inline(__always) public func unitExponential() -> Double { -log(gsl_rng_uniform_pos(rng)) }

    /// Exponential with the given mean.
    @inline(__always) public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

    /// Poisson count with mean `mu`.
    @inline(__always) public func poisson(mean mu: Double) -> Int { mu > 0 ? Int(gsl_ran_poisson(rng, mu)) : 0 }

    /// Binomial count of successes in `n` trials with probability `p`.
    @inline(__always) public func binomial(p: Double, n: Int) -> Int { Int(gsl_ran_binomial(rng, p, UInt32(n))) }

    /// Gamma with shape `k` and scale `theta` (mean kθ).
    @inline(__always) public func gamma(shape k: Double, scale theta: Double) -> Double { gsl_ran_gamma(rng, k, theta) }

    /// Gamma with the given mean and shape.
    @inline(__always) public func gamma(mean: Double, shape: Double) -> Double { gsl_ran_gamma(rng, shape, mean / shape) }

    /// Lognormal with the given mean and coefficient of variation: σ² = ln(1 + cv²), ζ = ln(mean) − σ²/2.
    @inline(__always) public func lognormal(mean: Double, cv: Double) -> Double {
        guard cv > 0 else { return mean }
        let s2 = log1p(cv * cv)
        return gsl_ran_lognormal(rng, log(mean) - s2 / 2, s2.squareRoot())
    }

    /// Weibull with scale `a` and shape `b`.
    @inline(__always) public func weibull(scale a: Double, shape b: Double) -> Double { gsl_ran_weibull(rng, a, b) }

    /// An index drawn from a preprocessed discrete distribution.
    @inline(__always) public func discrete(_ table: DiscreteDistribution) -> Int {
        table.isDegenerate ? table.degenerateIndex : Int(gsl_ran_discrete(rng, table.table))
    }

    /// Counts in each category for `n` draws from probabilities `p` (GSL multinomial).
    public func multinomial(n: Int, p: [Double]) -> [Int] {
        var counts = [UInt32](repeating: 0, count: p.count)
        p.withUnsafeBufferPointer { pp in
            counts.withUnsafeMutableBufferPointer { cc in
                gsl_ran_multinomial(rng, p.count, UInt32(n), pp.baseAddress, cc.baseAddress)
            }
        }
        return counts.map { Int($0) }
    }
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014), used only to derive stream seeds.
enum SplitMix64 {
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A discrete distribution preprocessed by GSL (Walker's alias method) for O(1) draws.
///
/// Built once per scenario and shared read-only by all replications; `gsl_ran_discrete` does not modify it.
public final class DiscreteDistribution: @unchecked Sendable {
    let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    let isDegenerate: Bool
    let degenerateIndex: Int
    /// The normalised probabilities.
    public let probabilities: [Double]

    /// - Precondition: weights are non-negative with a positive sum.
    public init(weights: [Double]) {
        let sum = weights.reduce(0, +)
        precondition(!weights.isEmpty && sum > 0 && weights.allSatisfy { $0 >= 0 }, "weights must be non-negative with a positive sum")
        probabilities = weights.map { $0 / sum }
        let positive = weights.indices.filter { weights[$0] > 0 }
        isDegenerate = positive.count == 1
        degenerateIndex = positive.first ?? 0
        table = weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc(weights.count, $0.baseAddress) }
    }

    deinit { gsl_ran_discrete_free(table) }
}
