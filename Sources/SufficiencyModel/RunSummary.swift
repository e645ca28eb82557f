import Foundation

/// What a run found, summarised over its replications: the typed form of a run directory's `results.json`.
///
/// The simulation builds it from its results (`RunSummary(result, manifest:)` in `SufficiencySimulation`) and writes
/// it beside the CSV files; the report reads it back, so neither re-parses the other's text. It holds the same
/// figures as `summary.csv`, `monthly.csv`, `requests.csv`, `sufficiency.csv` and `supply.csv`, rounded as those
/// files round them (`Format.rounded`), and no per-replication rows but one: each replication's net cost summed
/// over the years (what a comparison's histogram of cumulative savings needs).
///
/// Numbers that are not finite are written as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`; use
/// `RunSummary.decode(_:)` and `encoded()` (or `RunSummary.decoder` and `encoder`), which know that.
public struct RunSummary: Codable, Sendable, Equatable {
    /// The file name in a run directory.
    public static let fileName = "results.json"
    /// The version of the file's layout; a reader refuses another.
    public static let currentFormat = 1

    public var format: Int
    public var manifest: Manifest
    /// Financial years in the order simulated, like `2017-18`.
    public var years: [String]
    /// Every annual metric (the columns of `annual.csv`, like `children_in_care`), one statistics per year.
    public var annual: [String: [Statistics]]
    /// Month ends (`2017-04`, ...), in order.
    public var months: [String]
    /// Month-end stock of each series (a placement type, `staying_put`, `children_in_care`), one per month.
    public var monthly: [String: [MonthQuantiles]]
    /// Each request counter (the measures of `requests.csv`), one estimate per year.
    public var requests: [String: [Estimate]]
    /// The sufficiency gap: every year × age band × need tier × group size, with every measure.
    public var sufficiency: [Segment]
    /// In-house places approved for and vacant for each age band at 31 March, by year.
    public var supply: [Supply]
    /// Each replication's `net_cost` summed over the years, in pounds (to the penny, as `annual.csv` has it), in
    /// replication order: a comparison pairs replication r of two runs made on common random numbers.
    public var cumulativeNetCost: [Double]

    public init(manifest: Manifest, years: [String], annual: [String: [Statistics]], months: [String],
                monthly: [String: [MonthQuantiles]], requests: [String: [Estimate]], sufficiency: [Segment],
                supply: [Supply], cumulativeNetCost: [Double]) {
        format = Self.currentFormat
        self.manifest = manifest
        self.years = years
        self.annual = annual
        self.months = months
        self.monthly = monthly
        self.requests = requests
        self.sufficiency = sufficiency
        self.supply = supply
        self.cumulativeNetCost = cumulativeNetCost
    }

    enum CodingKeys: String, CodingKey {
        case format, manifest, years, annual, months, monthly, requests, sufficiency, supply
        case cumulativeNetCost = "cumulative_net_cost"
    }

    // MARK: - Parts

    /// What identifies the run: the fields of `manifest.json`.
    public struct Manifest: Codable, Sendable, Equatable {
        public var toolVersion: String
        public var scenario: String
        /// Where the scenario came from: a path, or `embedded:<name>`.
        public var scenarioOrigin: String
        /// SHA-256 of `scenario.resolved.yaml`, in hex.
        public var scenarioSHA256: String
        public var seed: UInt64
        public var replications: Int
        /// Years simulated.
        public var years: Int
        public var threads: Int
        /// When the run started, as ISO 8601 (`2026-01-31T12:00:00Z`).
        public var startTime: String
        public var wallSeconds: Double
        public var childDays: Double
        public var events: Int
        /// How each replication's rates were drawn (`off`, `drawn`, ...).
        public var parameterUncertainty: String

        public init(toolVersion: String, scenario: String, scenarioOrigin: String, scenarioSHA256: String, seed: UInt64,
                    replications: Int, years: Int, threads: Int, startTime: String, wallSeconds: Double,
                    childDays: Double, events: Int, parameterUncertainty: String) {
            self.toolVersion = toolVersion
            self.scenario = scenario
            self.scenarioOrigin = scenarioOrigin
            self.scenarioSHA256 = scenarioSHA256
            self.seed = seed
            self.replications = replications
            self.years = years
            self.threads = threads
            self.startTime = startTime
            self.wallSeconds = wallSeconds
            self.childDays = childDays
            self.events = events
            self.parameterUncertainty = parameterUncertainty
        }

        enum CodingKeys: String, CodingKey {
            case toolVersion = "tool_version", scenario, scenarioOrigin = "scenario_origin",
                 scenarioSHA256 = "scenario_sha256", seed, replications, years, threads, startTime = "start_time",
                 wallSeconds = "wall_seconds", childDays = "child_days", events,
                 parameterUncertainty = "parameter_uncertainty"
        }
    }

    /// Mean, standard deviation and quantiles of one quantity over the replications (a row of `summary.csv`).
    public struct Statistics: Codable, Sendable, Equatable {
        public var mean, sd, p05, p10, p25, p50, p75, p90, p95: Double

        public init(mean: Double, sd: Double, p05: Double, p10: Double, p25: Double, p50: Double, p75: Double,
                    p90: Double, p95: Double) {
            self.mean = mean; self.sd = sd; self.p05 = p05; self.p10 = p10; self.p25 = p25; self.p50 = p50
            self.p75 = p75; self.p90 = p90; self.p95 = p95
        }

        /// A statistic by its column name in `summary.csv` (`mean`, `sd`, `p05`, ... `p95`); NaN for another name.
        public subscript(_ name: String) -> Double {
            switch name {
            case "mean": return mean
            case "sd": return sd
            case "p05": return p05
            case "p10": return p10
            case "p25": return p25
            case "p50": return p50
            case "p75": return p75
            case "p90": return p90
            case "p95": return p95
            default: return .nan
            }
        }
    }

    /// A month end's mean and quantiles (a row of `monthly.csv`).
    public struct MonthQuantiles: Codable, Sendable, Equatable {
        public var mean, p05, p25, p50, p75, p95: Double

        public init(mean: Double, p05: Double, p25: Double, p50: Double, p75: Double, p95: Double) {
            self.mean = mean; self.p05 = p05; self.p25 = p25; self.p50 = p50; self.p75 = p75; self.p95 = p95
        }
    }

    /// A measure over the replications: mean and 5th, 50th and 95th percentiles.
    public struct Estimate: Codable, Sendable, Equatable {
        public var mean, p05, p50, p95: Double

        public init(mean: Double, p05: Double, p50: Double, p95: Double) {
            self.mean = mean; self.p05 = p05; self.p50 = p50; self.p95 = p95
        }

        public static let zero = Estimate(mean: 0, p05: 0, p50: 0, p95: 0)
    }

    /// One financial year of one segment of children (age band × need tier × size of sibling group), every measure.
    public struct Segment: Codable, Sendable, Equatable {
        public var year: String
        public var ageBand: AgeBand
        public var needTier: NeedTier
        public var groupSize: GroupSize
        public var measures: [SufficiencyMeasure: Estimate]

        public init(year: String, ageBand: AgeBand, needTier: NeedTier, groupSize: GroupSize,
                    measures: [SufficiencyMeasure: Estimate]) {
            self.year = year
            self.ageBand = ageBand
            self.needTier = needTier
            self.groupSize = groupSize
            self.measures = measures
        }

        public subscript(_ measure: SufficiencyMeasure) -> Estimate { measures[measure] ?? .zero }

        enum CodingKeys: String, CodingKey { case year, ageBand = "age_band", needTier = "need_tier", groupSize = "group_size", measures }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            year = try c.decode(String.self, forKey: .year)
            ageBand = try RunSummary.label(c, .ageBand)
            needTier = try RunSummary.label(c, .needTier)
            groupSize = try RunSummary.label(c, .groupSize)
            measures = try RunSummary.measures(c, .measures)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(year, forKey: .year)
            try c.encode(ageBand.label, forKey: .ageBand)
            try c.encode(needTier.label, forKey: .needTier)
            try c.encode(groupSize.label, forKey: .groupSize)
            try c.encode(Dictionary(uniqueKeysWithValues: measures.map { ($0.key.label, $0.value) }), forKey: .measures)
        }
    }

    /// In-house places approved for, and vacant for, an age band at the 31 March closing `year`.
    public struct Supply: Codable, Sendable, Equatable {
        public var year: String
        public var ageBand: AgeBand
        public var measures: [SupplyMeasure: Estimate]

        public init(year: String, ageBand: AgeBand, measures: [SupplyMeasure: Estimate]) {
            self.year = year
            self.ageBand = ageBand
            self.measures = measures
        }

        public subscript(_ measure: SupplyMeasure) -> Estimate { measures[measure] ?? .zero }

        enum CodingKeys: String, CodingKey { case year, ageBand = "age_band", measures }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            year = try c.decode(String.self, forKey: .year)
            ageBand = try RunSummary.label(c, .ageBand)
            measures = try RunSummary.measures(c, .measures)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(year, forKey: .year)
            try c.encode(ageBand.label, forKey: .ageBand)
            try c.encode(Dictionary(uniqueKeysWithValues: measures.map { ($0.key.label, $0.value) }), forKey: .measures)
        }
    }

    /// A vocabulary value written as its label (`10-15`, `complex`, `3+`).
    static func label<T: Labelled, K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> T {
        let text = try c.decode(String.self, forKey: key)
        guard let value = T(label: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c,
                                                   debugDescription: "'\(text)' is not one of \(T.labels.joined(separator: ", "))")
        }
        return value
    }

    /// Measures keyed by their labels.
    static func measures<T: Labelled & Hashable, K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> [T: Estimate] {
        let raw = try c.decode([String: Estimate].self, forKey: key)
        var out: [T: Estimate] = [:]
        for (label, estimate) in raw {
            guard let measure = T(label: label) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                                                       debugDescription: "'\(label)' is not one of \(T.labels.joined(separator: ", "))")
            }
            out[measure] = estimate
        }
        return out
    }

    // MARK: - Reading and writing

    /// The encoder for `results.json`: one line (`jq .` indents it), sorted keys, non-finite numbers as strings.
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity",
                                                                nan: "NaN")
        return e
    }

    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity",
                                                                  nan: "NaN")
        return d
    }

    /// The text of `results.json`.
    public func encoded() throws -> Data { try Self.encoder.encode(self) }

    /// Reads the text of `results.json`; throws `DecodingError`, or `RunSummary.FormatError` for another layout.
    public static func decode(_ data: Data) throws -> RunSummary {
        struct Header: Decodable { var format: Int? }
        let format = try decoder.decode(Header.self, from: data).format
        guard format == currentFormat else { throw FormatError(found: format) }
        return try decoder.decode(RunSummary.self, from: data)
    }

    /// A `results.json` of another layout than this version reads.
    public struct FormatError: Error, CustomStringConvertible {
        public let found: Int?
        public var description: String {
            "format \(found.map(String.init) ?? "missing"), but this version of sufficiency reads format \(RunSummary.currentFormat)"
        }
    }

    // MARK: - Looking up

    /// A statistic (`mean`, `sd`, `p05`, ... `p95`) of an annual metric in a year; NaN when the run has neither.
    public func stat(_ metric: String, _ year: String, _ name: String = "mean") -> Double {
        guard let y = years.firstIndex(of: year), let rows = annual[metric], y < rows.count else { return .nan }
        return rows[y][name]
    }

    /// The sufficiency gap's segments of one year, in the order of the file.
    public func segments(in year: String) -> [Segment] { sufficiency.filter { $0.year == year } }

    /// The supply of an age band at the 31 March closing `year`.
    public func supply(_ year: String, _ band: AgeBand) -> Supply? { supply.first { $0.year == year && $0.ageBand == band } }
}
