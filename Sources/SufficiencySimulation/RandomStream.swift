import CGSL
import Foundation

/// The processes that draw random numbers in sequence, one GSL generator each (model.md section 7): the arrival
/// of children and their attributes, which no policy changes.
public enum Stream: Int, CaseIterable, Sendable {
    case arrivals = 0, childAttributes
}

/// Draws keyed by what they are about rather than by when they happen (model.md section 7's exits, breakdowns,
/// carers, market and matching streams).
///
/// A GSL generator is reseeded from (seed, replication, draw, subject, counter) for each such draw: a child's exit
/// from its episode number, a placement's end from its placement number, a placement request's decisions from the
/// child's request number, a household's from its serial. A policy that changes what happens to one child then
/// leaves every other child's random numbers untouched, which keeps common random numbers aligned between a
/// scenario and its baseline far longer than sequential streams do (measured: see the README's Savings section).
public enum Draw: UInt64, Sendable {
    case exitTime = 1, exitOutcome, reentry, placementEnd
    case directRoute, kinship, ifaMarket, distance, price, tieBreak
    case householdAttributes, deregistration, hold, recruitment, programmeRecruitment
    case acceptance, ifaGroup
    /// A replication's draw of the estimated rates (`RateDraws`).
    case parameters
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

    /// Whether the generator's state is the three words of GSL's Tausworthe state (`taus_state_t`), so that
    /// `seed(key:)` can set it directly; checked from GSL's own size, with `gsl_rng_set` as the fallback.
    private lazy var stateIsTausworthe: Bool = gsl_rng_size(rng) == 3 * MemoryLayout<UInt>.size

    /// Reseeds from a 64-bit key, for keyed draws (thousands per replication).
    ///
    /// `gsl_rng_set` seeds taus2 through an LCG and six warm-up steps; here the three state words are filled from
    /// SplitMix64 outputs instead (well mixed, so no warm-up is needed) under taus2's constraints (s1 > 1, s2 > 7,
    /// s3 > 15 on the low 32 bits), which cut the cost of keyed draws by about a third of the run time.
    @inline(__always) public func seed(key: UInt64) {
        guard stateIsTausworthe else {
            gsl_rng_set(rng, UInt(truncatingIfNeeded: key))
            return
        }
        let s = rng.pointee.state.assumingMemoryBound(to: UInt.self)
        let a = SplitMix64.mix(key), b = SplitMix64.mix(a), c = SplitMix64.mix(b)
        s[0] = UInt(truncatingIfNeeded: a & 0xFFFF_FFFF) | 2
        s[1] = UInt(truncatingIfNeeded: b & 0xFFFF_FFFF) | 8
        s[2] = UInt(truncatingIfNeeded: c & 0xFFFF_FFFF) | 16
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
    /// A key for (base, draw, subject, counter), each mixed in turn so that nearby subjects and counters give
    /// unrelated keys.
    @inline(__always) static func key(_ base: UInt64, _ draw: UInt64, _ subject: UInt64, _ counter: UInt64) -> UInt64 {
        mix(mix(mix(base ^ draw &* 0xD6E8_FEB8_6659_FD93) ^ subject &* 0x9E37_79B9_7F4A_7C15) ^ counter &* 0xBF58_476D_1CE4_E5B9)
    }

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
