/// A value that can change by financial year: a constant, or steps such as `{2017-18: 10, 2019-20: 15}`.
///
/// A step applies from its year until the next step; years before the first step take the first step's value.
public struct Schedule: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var from: FinancialYear
        public var value: Double
    }

    /// Steps in year order; empty for a constant.
    public var steps: [Step]
    /// The value of a constant schedule.
    public var constant: Double

    public init(_ constant: Double) {
        self.constant = constant
        steps = []
    }

    public init(steps: [Step]) {
        self.steps = steps.sorted { $0.from < $1.from }
        constant = self.steps.first?.value ?? 0
    }

    public func value(in year: FinancialYear) -> Double {
        guard !steps.isEmpty else { return constant }
        var v = steps[0].value
        for step in steps where step.from <= year { v = step.value }
        return v
    }

    /// Every value the schedule can take.
    public var values: [Double] { steps.isEmpty ? [constant] : steps.map(\.value) }
}

/// The financial years in which an intervention is in force: from `start` to `end` inclusive (no end: to the horizon).
public struct YearSpan: Sendable, Equatable {
    public var start: FinancialYear
    public var end: FinancialYear?

    public init(start: FinancialYear, end: FinancialYear? = nil) {
        self.start = start
        self.end = end
    }

    public func contains(_ year: FinancialYear) -> Bool { year >= start && (end.map { year <= $0 } ?? true) }
}
