import Foundation

/// Which assumptions move a comparison's answer most: the typed form of `sensitivity.json`.
///
/// For each parameter tested, the scenario and its baseline are run again on the same seeds (common random numbers)
/// with the parameter at its low and its high value (the value × (1 ∓ swing), clamped to what the parameter may
/// be), and the goal (mean net savings in a financial year, and the probability of reaching a target) is recorded.
/// A parameter set in the baseline changes in both runs; one set only by the scenario (a lever) changes in the
/// scenario's run. `drivers` are sorted by how far the mean moves between low and high, largest first: the rows of
/// a tornado chart. The simulation writes it; the report and the workbook read it.
public struct SensitivitySummary: Codable, Sendable, Equatable {
    /// The file name in a comparison or sensitivity directory.
    public static let fileName = "sensitivity.json"
    /// The version of the file's layout; a reader refuses another.
    public static let currentFormat = 1

    /// The goal's value over the replications of one pair of runs.
    public struct Outcome: Codable, Sendable, Equatable {
        /// Mean net savings in the goal's year, nominal pounds.
        public var mean: Double
        /// 5th and 95th percentiles over replications.
        public var p05: Double
        public var p95: Double
        /// Share of replications reaching the target, when there is one.
        public var probabilityOfTarget: Double?

        public init(mean: Double, p05: Double, p95: Double, probabilityOfTarget: Double?) {
            self.mean = mean
            self.p05 = p05
            self.p95 = p95
            self.probabilityOfTarget = probabilityOfTarget
        }

        enum CodingKeys: String, CodingKey {
            case mean, p05, p95, probabilityOfTarget = "probability_of_target"
        }
    }

    /// One parameter tested.
    public struct Driver: Codable, Sendable, Equatable {
        /// Key path, like `interventions.reunification_programme.hazard_multiplier`.
        public var keyPath: String
        /// What it is, from the schema.
        public var description: String
        public var unit: String
        public var source: String
        /// Which runs it changed: `baseline and scenario`, or `scenario`.
        public var changed: String
        /// The value as run, and its low and high values, as written in a scenario file.
        public var value: String
        public var lowValue: String
        public var highValue: String
        /// Which tried value had a number held at the parameter's limit rather than scaled by the full swing (a
        /// probability of 0.9 goes to 1, not 1.125); nil when none was clamped (a whole number's rounding is not
        /// marked). The bar on that side is shorter than the swing would make it, so a reader must not take it for a
        /// parameter that matters less.
        public var heldAtLimit: Held?
        public var low: Outcome
        public var high: Outcome

        /// How far the mean moves between the low and the high value.
        public var range: Double { abs(high.mean - low.mean) }

        /// Whether the value is a table or list of numbers (each scaled alike) rather than one number: read from the
        /// scenario text of the values tried, which `Sensitivity.variants` writes as `{...}` or `[...]`.
        public var isTable: Bool { lowValue.hasPrefix("{") || lowValue.hasPrefix("[") }

        public init(keyPath: String, description: String, unit: String, source: String, changed: String, value: String,
                    lowValue: String, highValue: String, heldAtLimit: Held? = nil, low: Outcome, high: Outcome) {
            self.keyPath = keyPath
            self.description = description
            self.unit = unit
            self.source = source
            self.changed = changed
            self.value = value
            self.lowValue = lowValue
            self.highValue = highValue
            self.heldAtLimit = heldAtLimit
            self.low = low
            self.high = high
        }

        enum CodingKeys: String, CodingKey {
            case keyPath = "key_path", description, unit, source, changed, value, lowValue = "low_value",
                 highValue = "high_value", heldAtLimit = "held_at_limit", low, high
        }
    }

    /// The side or sides on which a parameter's value was held at its limit: `low`, `high` or `both` (the same words
    /// in `sensitivity.json`, `sensitivity.csv` and the workbook).
    public enum Held: String, Codable, Sendable, Equatable {
        case low, high, both

        /// From whether each side was held; nil when neither was.
        public init?(low: Bool, high: Bool) {
            switch (low, high) {
            case (true, true): self = .both
            case (true, false): self = .low
            case (false, true): self = .high
            case (false, false): return nil
            }
        }

        public var low: Bool { self != .high }
        public var high: Bool { self != .low }

        /// The mark put after a held value or a held row's label, in the printed table and the tornado chart.
        public static let mark = "*"
        /// What the mark means, said once under the table, the chart and in the workbook's note.
        public static func note(swing: Double) -> String {
            "held at a limit (a probability cannot go above 1, nor any number outside its allowed range), so on the "
                + "marked side the assumption, or some of its numbers, moved by less than \(Format.plain(100 * swing))%: "
                + "its bar is shorter for that reason, not because the assumption matters less."
        }
    }

    /// A parameter that could not be varied, and why (a table of shares, a list of labels, a date, ...).
    public struct Skipped: Codable, Sendable, Equatable {
        public var keyPath: String
        public var reason: String

        public init(keyPath: String, reason: String) {
            self.keyPath = keyPath
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey { case keyPath = "key_path", reason }
    }

    public var format: Int
    public var baseline: String
    public var scenario: String
    /// `net_savings`.
    public var goal: String
    /// The financial year of the goal, like `2022-23`.
    public var year: String
    public var target: Double?
    /// The relative change of each value, like 0.25 for ±25%.
    public var swing: Double
    public var replications: Int
    public var seed: UInt64
    /// The goal with every parameter as written.
    public var central: Outcome
    /// Largest move first.
    public var drivers: [Driver]
    public var skipped: [Skipped]

    public init(baseline: String, scenario: String, goal: String, year: String, target: Double?, swing: Double,
                replications: Int, seed: UInt64, central: Outcome, drivers: [Driver], skipped: [Skipped]) {
        format = Self.currentFormat
        self.baseline = baseline
        self.scenario = scenario
        self.goal = goal
        self.year = year
        self.target = target
        self.swing = swing
        self.replications = replications
        self.seed = seed
        self.central = central
        self.drivers = drivers.sorted { ($0.range, $1.keyPath) > ($1.range, $0.keyPath) }
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
        case format, baseline, scenario, goal, year, target, swing, replications, seed, central, drivers, skipped
    }

    /// The text of `sensitivity.json`, written as `results.json` is (`RunSummary.encoder`: non-finite numbers as
    /// strings, keys sorted).
    public func encoded() throws -> Data { try RunSummary.encoder.encode(self) }

    public struct FormatError: Error, CustomStringConvertible {
        public let found: Int?
        public var description: String {
            "sensitivity.json has format \(found.map(String.init) ?? "none"); this version reads format \(SensitivitySummary.currentFormat)"
        }
    }

    /// Reads the text of `sensitivity.json`; throws `DecodingError`, or `FormatError` for another layout.
    public static func decode(_ data: Data) throws -> SensitivitySummary {
        struct Header: Decodable { var format: Int? }
        let format = try RunSummary.decoder.decode(Header.self, from: data).format
        guard format == currentFormat else { throw FormatError(found: format) }
        return try RunSummary.decoder.decode(SensitivitySummary.self, from: data)
    }
}
