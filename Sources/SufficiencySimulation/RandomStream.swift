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
/// A keyed draw is a pure function of (seed, replication, draw, subject, counter, n): a child's exit from its
/// episode number, a placement's end from its placement number, a placement request's decisions from the child's
/// request number, a household's from its serial; n counts the numbers drawn for it. A policy that changes what
/// happens to one child then leaves every other child's random numbers untouched, which keeps common random numbers
/// aligned between a scenario and its baseline far longer than sequential streams do (measured: see the README's
/// Savings section).
public enum Draw: UInt64, Sendable {
    case exitTime = 1, exitOutcome, reentry, placementEnd
    case directRoute, kinship, ifaMarket, distance, price, tieBreak
    case householdAttributes, deregistration, hold, recruitment, programmeRecruitment
    case acceptance, ifaGroup
    /// A replication's draw of the estimated rates (`RateDraws`).
    case parameters
    /// Whether a year's other income arrives.
    case income
    /// The carers' answers to a sibling group proposed together: a stream of its own, so that when the group is
    /// declined and its children are proposed one by one, the first child's answers are not the group's again.
    case groupAcceptance
    /// The children who went home in the year before the start date (`InitialPopulation.setUpRecentReturnsHome`).
    case recentReturnsHome
}

/// The state of the counter-based generator: a stream key and how many numbers have been drawn from it.
struct CounterState {
    var key: UInt64
    var counter: UInt64
}

/// A counter-based generator (model.md section 7) exposed to GSL as its own `gsl_rng_type`, so that every
/// distribution is still GSL's.
///
/// Number n of the stream with key k is SplitMix64's output function applied to k + n·γ (Steele, Lea & Flood
/// 2014): a pure function of (k, n), so reseeding is two stores and a keyed draw costs no warm-up. Keys are
/// themselves mixed from (seed, replication, stream or draw, subject, counter), so every stream of a run is
/// independent of the order in which replications, threads or other streams draw. `get` gives the top 32 bits;
/// `get_double` 53 bits on [0, 1).
enum CounterGenerator {
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always) static func next(_ s: UnsafeMutablePointer<CounterState>) -> UInt64 {
        s.pointee.counter &+= 1
        return SplitMix64.finalise(s.pointee.key &+ s.pointee.counter &* gamma)
    }

    /// The GSL type: allocated once, never freed (GSL keeps a pointer to it in every generator).
    nonisolated(unsafe) static let type: UnsafePointer<gsl_rng_type> = {
        let t = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
        t.initialize(to: gsl_rng_type(
            name: UnsafePointer(strdup("sufficiency_counter")),
            max: 0xFFFF_FFFF, min: 0, size: MemoryLayout<CounterState>.size,
            set: { state, seed in
                let s = state!.assumingMemoryBound(to: CounterState.self)
                s.pointee = CounterState(key: SplitMix64.mix(UInt64(seed)), counter: 0)
            },
            get: { state in
                UInt(truncatingIfNeeded: CounterGenerator.next(state!.assumingMemoryBound(to: CounterState.self)) >> 32)
            },
            get_double: { state in
                Double(CounterGenerator.next(state!.assumingMemoryBound(to: CounterState.self)) >> 11) * 0x1p-53
            }))
        return UnsafePointer(t)
    }()
}

/// A handle on one counter-based GSL generator and the distributions the model uses: a plain value (two pointers),
/// so that the engine's hot path draws with no reference counting. Owned by a `RandomStream`, which frees it.
struct Generator {
    let rng: UnsafeMutablePointer<gsl_rng>
    let state: UnsafeMutablePointer<CounterState>

    init(_ rng: UnsafeMutablePointer<gsl_rng>) {
        self.rng = rng
        state = rng.pointee.state.assumingMemoryBound(to: CounterState.self)
    }

    /// Restarts the stream with key `key`.
    @inline(__always) func seed(key: UInt64) {
        state.pointee = CounterState(key: key, counter: 0)
    }

    /// Uniform on [0, 1) (53 bits), drawn here rather than through GSL's function pointer: the same number GSL's
    /// `gsl_rng_uniform` would give.
    @inline(__always) func uniform() -> Double { Double(CounterGenerator.next(state) >> 11) * 0x1p-53 }

    /// Uniform on (0, 1), never 0.
    @inline(__always) func uniformPositive() -> Double {
        while true {
            let u = uniform()
            if u > 0 { return u }
        }
    }

    @inline(__always) func bernoulli(_ p: Double) -> Bool { p > 0 && uniform() < p }
    @inline(__always) func unitExponential() -> Double { -log(uniformPositive()) }
    @inline(__always) func exponential(mean: Double) -> Double { mean * unitExponential() }
    @inline(__always) func poisson(mean mu: Double) -> Int { mu > 0 ? Int(gsl_ran_poisson(rng, mu)) : 0 }
    @inline(__always) func binomial(p: Double, n: Int) -> Int { Int(gsl_ran_binomial(rng, p, UInt32(n))) }
    @inline(__always) func gamma(shape k: Double, scale theta: Double) -> Double { gsl_ran_gamma(rng, k, theta) }
    @inline(__always) func gamma(mean: Double, shape: Double) -> Double { gsl_ran_gamma(rng, shape, mean / shape) }
    @inline(__always) func lognormal(mean: Double, cv: Double) -> Double {
        guard cv > 0 else { return mean }
        let s2 = log1p(cv * cv)
        return gsl_ran_lognormal(rng, log(mean) - s2 / 2, s2.squareRoot())
    }
    @inline(__always) func weibull(scale a: Double, shape b: Double) -> Double { gsl_ran_weibull(rng, a, b) }
    /// An index from a preprocessed discrete distribution: GSL's `gsl_ran_discrete` (Walker's alias method) step
    /// for step, over GSL's own tables, with the uniform drawn inline, so that the index is the one GSL gives
    /// (`RandomStreamTests` checks this draw for draw) at a third of the cost of the call through GSL, which reaches
    /// the generator through a function pointer.
    @inline(__always) func discrete(_ table: DiscreteDistribution) -> Int {
        if table.isDegenerate { return table.degenerateIndex }
        let u = uniform()
        let c = Int(u * table.bins)
        let f = table.cutoffs[c]
        return f == 1 || u < f ? c : table.aliases[c]
    }
}

/// One counter-based generator (`CounterGenerator`) and the distributions the model uses.
///
/// Not thread-safe: a replication owns its streams. The generator is allocated once per worker and reseeded for
/// each replication, so seeding costs no allocation.
public final class RandomStream {
    let generator: Generator
    var rng: UnsafeMutablePointer<gsl_rng> { generator.rng }

    public init() {
        gsl_set_error_handler_off()
        generator = Generator(gsl_rng_alloc(CounterGenerator.type))
    }

    deinit { gsl_rng_free(generator.rng) }

    /// Restarts as stream `stream` of replication `replication` under `master`: number n of it is a pure function of
    /// (master, replication, stream, n).
    public func seed(master: UInt64, replication: Int, stream: Stream) {
        var x = SplitMix64.mix(master)
        x = SplitMix64.mix(x ^ UInt64(truncatingIfNeeded: replication) &* 0x9E37_79B9_7F4A_7C15)
        x = SplitMix64.mix(x ^ UInt64(stream.rawValue + 1) &* 0xBF58_476D_1CE4_E5B9)
        generator.seed(key: x)
    }

    /// Restarts the stream with a 64-bit key, for keyed draws (thousands per replication).
    @inline(__always) public func seed(key: UInt64) { generator.seed(key: key) }

    /// Uniform on [0, 1).
    @inline(__always) public func uniform() -> Double { generator.uniform() }
    /// Uniform on (0, 1), never 0.
    @inline(__always) public func uniformPositive() -> Double { generator.uniformPositive() }
    /// True with probability `p`.
    @inline(__always) public func bernoulli(_ p: Double) -> Bool { generator.bernoulli(p) }
    /// A unit exponential, −ln U with U in (0, 1): always strictly positive, for inverting hazards.
    @inline(__always) public func unitExponential() -> Double { generator.unitExponential() }
    /// Exponential with the given mean.
    @inline(__always) public func exponential(mean: Double) -> Double { generator.exponential(mean: mean) }
    /// Poisson count with mean `mu`.
    @inline(__always) public func poisson(mean mu: Double) -> Int { generator.poisson(mean: mu) }
    /// Binomial count of successes in `n` trials with probability `p`.
    @inline(__always) public func binomial(p: Double, n: Int) -> Int { generator.binomial(p: p, n: n) }
    /// Gamma with shape `k` and scale `theta` (mean kθ).
    @inline(__always) public func gamma(shape k: Double, scale theta: Double) -> Double { generator.gamma(shape: k, scale: theta) }
    /// Gamma with the given mean and shape.
    @inline(__always) public func gamma(mean: Double, shape: Double) -> Double { generator.gamma(mean: mean, shape: shape) }
    /// Lognormal with the given mean and coefficient of variation: σ² = ln(1 + cv²), ζ = ln(mean) − σ²/2.
    @inline(__always) public func lognormal(mean: Double, cv: Double) -> Double { generator.lognormal(mean: mean, cv: cv) }
    /// Weibull with scale `a` and shape `b`.
    @inline(__always) public func weibull(scale a: Double, shape b: Double) -> Double { generator.weibull(scale: a, shape: b) }
    /// An index drawn from a preprocessed discrete distribution.
    @inline(__always) public func discrete(_ table: DiscreteDistribution) -> Int { generator.discrete(table) }

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

/// SplitMix64 (Steele, Lea & Flood 2014): its output function, for the counter-based generator and to mix keys.
enum SplitMix64 {
    /// A key for (base, draw, subject, counter), each mixed in turn so that nearby subjects and counters give
    /// unrelated keys.
    @inline(__always) static func key(_ base: UInt64, _ draw: UInt64, _ subject: UInt64, _ counter: UInt64) -> UInt64 {
        mix(mix(mix(base ^ draw &* 0xD6E8_FEB8_6659_FD93) ^ subject &* 0x9E37_79B9_7F4A_7C15) ^ counter &* 0xBF58_476D_1CE4_E5B9)
    }

    /// The key of a keyed draw (`Draw`) in the replication whose key is `base`: the draw, the subject's low 32 bits
    /// and the counter's low 24 bits packed into one word (distinct for every draw a replication makes: subjects are
    /// indices and serials, counters are numbers of episodes, placements, requests or holds), mixed once. Mixing is
    /// a bijection, so two keyed draws of a replication never share a stream.
    @inline(__always) static func keyedDraw(_ base: UInt64, _ draw: Draw, _ subject: Int, _ counter: Int) -> UInt64 {
        assert(counter >= 0 && counter < 1 << 24, "a keyed draw's counter fits in 24 bits")
        let packed = draw.rawValue << 56 | UInt64(UInt32(truncatingIfNeeded: subject)) << 24
            | UInt64(truncatingIfNeeded: counter) & 0xFF_FFFF
        return mix(base ^ packed)
    }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 { finalise(value &+ 0x9E37_79B9_7F4A_7C15) }

    /// SplitMix64's output function: a bijection of 64-bit words with good avalanche.
    @inline(__always) static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
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
    /// GSL's table, read where `Generator.discrete` draws: the number of bins (K), each bin's cut-off (F) and alias (A).
    let bins: Double
    let cutoffs: UnsafePointer<Double>
    let aliases: UnsafePointer<Int>
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
        bins = Double(table.pointee.K)
        cutoffs = UnsafePointer(table.pointee.F)
        aliases = UnsafeRawPointer(table.pointee.A).assumingMemoryBound(to: Int.self)
    }

    deinit { gsl_ran_discrete_free(table) }
}
