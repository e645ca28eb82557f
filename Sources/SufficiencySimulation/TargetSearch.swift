import SufficiencyModel

/// The smallest value of a lever for which a goal is met with at least a given probability: the search behind
/// `sufficiency target`.
///
/// The search does not know how a value is evaluated: `run(_:)` takes a closure that gives the probability of meeting
/// the goal at a lever value (for `target`, the share of replications that meet it, every value run on the same seeds
/// so that the probability changes only with the lever). It assumes that probability does not fall as the lever
/// rises, and checks that first on a coarse grid (`monotonicityGrid`), allowing for sampling noise; then refuses when
/// even the top of the range falls short; then bisects over the values `lower + k · resolution`, the last capped at
/// `upper`. Each value is evaluated once, however often the search needs it.
public struct TargetSearch: Sendable {
    /// The lever's key path, as the refusals name it.
    public let lever: String
    public let lower: Double
    public let upper: Double
    /// The answer's resolution: the values searched are `lower + k · resolution`, the last capped at `upper`.
    public let resolution: Double
    /// Probability with which the goal must be met (0 to 1).
    public let confidence: Double
    /// Replications behind each probability, which set how far it may fall, as sampling noise, before the goal is
    /// called not monotone (`noise`).
    public let replications: Int

    /// The most steps a range may hold: bisection needs only about 30 evaluations for these, but more would not
    /// fit the step counter (a resolution of 1e-300 would give 1e301 steps).
    public static let maximumSteps = 1_000_000_000

    /// The finest resolution: a lever value is set in the scenario as `Format.plain` writes it, to six decimals, so
    /// finer steps would run the same value twice.
    public static let finestResolution = 1e-6

    /// A lever value as the scenario is given it and the command prints it: at most six decimals, no trailing zeros.
    public static func label(_ v: Double) -> String { Format.plain(v) }

    /// Whether `resolution` cuts `range` into at most `maximumSteps` steps.
    public static func fits(range: ClosedRange<Double>, resolution: Double) -> Bool {
        (range.upperBound - range.lowerBound) / resolution <= Double(maximumSteps)
    }

    /// A search of `range` (`lower < upper`) at `resolution` (above 0, and `fits` the range).
    public init(lever: String, range: ClosedRange<Double>, resolution: Double, confidence: Double, replications: Int) {
        precondition(range.lowerBound < range.upperBound, "a target's range is LO < HI")
        precondition(resolution > 0 && resolution.isFinite, "a target's resolution is above 0")
        precondition(Self.fits(range: range, resolution: resolution), "a target's range holds at most maximumSteps steps")
        precondition(replications > 0, "a probability rests on at least one replication")
        self.lever = lever
        lower = range.lowerBound
        upper = range.upperBound
        self.resolution = resolution
        self.confidence = confidence
        self.replications = replications
    }

    /// The range searched when none is given: 0 to twice the lever's current value (to 1 when that is 0 or less).
    public static func defaultRange(current: Double) -> ClosedRange<Double> {
        0...max(2 * current, 1)
    }

    /// The resolution when none is given: 1 when the range's ends and the current value are whole numbers (a count
    /// such as approvals a year), else a hundredth of the range (at least `finestResolution`).
    public static func defaultResolution(range: ClosedRange<Double>, current: Double) -> Double {
        let whole = [range.lowerBound, range.upperBound, current].allSatisfy { $0 == $0.rounded() }
        return whole ? 1 : max((range.upperBound - range.lowerBound) / 100, finestResolution)
    }

    /// How many steps of `resolution` cover the range (the last may be shorter).
    public var steps: Int { Int(((upper - lower) / resolution).rounded(.up)) }

    /// The `k`th value searched: `lower + k · resolution`, capped at `upper`.
    public func value(_ k: Int) -> Double { min(lower + Double(k) * resolution, upper) }

    /// The values at which monotonicity is checked, in increasing order: the quarters of the range, each brought down
    /// to a value searched, and `upper`.
    public var monotonicityGrid: [Double] {
        func snap(_ v: Double) -> Double { lower + ((v - lower) / resolution).rounded(.down) * resolution }
        let grid = (0...4).map { snap(lower + Double($0) * (upper - lower) / 4) } + [upper]
        return Array(Set(grid)).sorted()
    }

    /// How far the probability may fall from one grid value to the next before the goal is called not monotone: two
    /// standard errors of a share at its widest (p = ½) over `replications`, plus one replication's share.
    public var noise: Double {
        2 * (0.25 / Double(replications)).squareRoot() + 1 / Double(replications)
    }

    /// The most values a search evaluates: the monotonicity grid, the bottom of the range, a bisection of the steps
    /// and the value one step below the answer (fewer when they coincide).
    public var maximumEvaluations: Int {
        var bisection = 0
        while 1 << bisection < steps { bisection += 1 }
        return monotonicityGrid.count + 2 + bisection
    }

    /// Searches, evaluating `probability` at most once per value.
    /// - Returns: the smallest value searched whose probability is at least `confidence`, and the value one step below.
    /// - Throws: `TargetRefusal` when the probability falls along the monotonicity grid, or is below `confidence` at
    ///   `upper`; whatever `probability` throws.
    public func run(_ probability: (Double) throws -> Double) throws -> TargetAnswer {
        var cache: [Double: Double] = [:]
        func p(_ v: Double) throws -> Double {
            if let known = cache[v] { return known }
            let p = try probability(v)
            cache[v] = p
            return p
        }
        var previous: (value: Double, probability: Double)? = nil
        for v in monotonicityGrid {
            let pv = try p(v)
            if let previous, pv < previous.probability - noise {
                throw TargetRefusal("the chance of meeting the goal does not rise with \(lever) over the range: P = "
                    + "\(Format.fixed(previous.probability, 3)) at \(Self.label(previous.value)) but "
                    + "\(Format.fixed(pv, 3)) at \(Self.label(v)), so there is no smallest value to find")
            }
            previous = (v, pv)
        }
        let top = try p(upper)
        guard top >= confidence else {
            // A value below the top that met the goal, within the sampling noise the grid allows: the chance hovers at
            // the confidence asked for, and "not reachable" would be untrue.
            if let met = cache.filter({ $0.value >= confidence }).min(by: { $0.key < $1.key }) {
                throw TargetRefusal("the goal is met by chance at some values and not at others: P = "
                    + "\(Format.fixed(met.value, 3)) at \(lever) = \(Self.label(met.key)) but \(Format.fixed(top, 3)) at "
                    + "\(Self.label(upper)), the top of the range, below \(confidence); the chance is within sampling noise "
                    + "of \(confidence) over the range, so use more --replications or another --confidence")
            }
            throw TargetRefusal("the goal is not reachable in the range: P = \(Format.fixed(top, 3)) at "
                + "\(lever) = \(Self.label(upper)), below \(confidence); widen --range or lower --confidence")
        }
        // The smallest k that meets the goal, k − 1 being "one step below" on the same grid of values.
        var lowK = 0, highK = steps
        if try p(value(0)) >= confidence {
            highK = 0
        } else {
            while highK - lowK > 1 {
                let mid = (lowK + highK) / 2
                if try p(value(mid)) >= confidence { highK = mid } else { lowK = mid }
            }
        }
        let answer = value(highK)
        guard highK > 0 else { return TargetAnswer(value: answer, probability: try p(answer)) }
        let below = value(highK - 1)
        return TargetAnswer(value: answer, probability: try p(answer), below: below, belowProbability: try p(below))
    }
}

/// What a target search found: the value, the probability of meeting the goal there, and the same one step below
/// (nil when the value is the bottom of the range).
public struct TargetAnswer: Sendable, Equatable {
    public var value: Double
    public var probability: Double
    public var below: Double?
    public var belowProbability: Double?

    public init(value: Double, probability: Double, below: Double? = nil, belowProbability: Double? = nil) {
        self.value = value
        self.probability = probability
        self.below = below
        self.belowProbability = belowProbability
    }
}

/// A target search that has no answer: the chance of meeting the goal does not rise with the lever, or the goal is
/// not reachable in the range.
/// `sufficiency` prints it as a refusal, exit status 3.
public struct TargetRefusal: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
