import Foundation
import SufficiencyModel

/// Where the in-house fostering service fell short, by segment of children: a run's `sufficiency.csv` and
/// `supply.csv`.
///
/// The engine records, for each financial year and each segment (age band × need tier × size of the sibling group),
/// the placement requests of children who walked the preference list, where they were placed, why the in-house
/// option fell through, and `shortfall_place_years`: the years children of the segment spent in agency or
/// residential placements they entered after in-house fell through, which is in effect the average number of
/// in-house places the council was short of for them. `supply.csv` says how many in-house places were approved for,
/// and vacant for, each age band at 31 March: places can stand empty while children go elsewhere.
///
/// The reader is strict, as for any file the tool writes itself: the header must be exactly the documented one,
/// every value one of the documented labels, numbers finite and not negative, no segment twice and every segment
/// with all its measures. A problem names the file, the line and the column.
public struct SufficiencyGap: Sendable {
    // The vocabulary is the model's, so the reader and the engine that writes the files cannot drift apart.
    public typealias AgeBand = SufficiencyModel.AgeBand
    public typealias NeedTier = SufficiencyModel.NeedTier
    public typealias GroupSize = SufficiencyModel.GroupSize
    /// The measures of `sufficiency.csv`, per financial year.
    public typealias Measure = SufficiencyMeasure
    /// The measures of `supply.csv`, at 31 March.
    public typealias SupplyMeasure = SufficiencyModel.SupplyMeasure

    /// A measure over the Monte Carlo replications: mean and 5th, 50th and 95th percentiles.
    public struct Estimate: Sendable, Equatable {
        public var mean, p05, p50, p95: Double
        public init(mean: Double, p05: Double, p50: Double, p95: Double) {
            self.mean = mean; self.p05 = p05; self.p50 = p50; self.p95 = p95
        }
        public static let zero = Estimate(mean: 0, p05: 0, p50: 0, p95: 0)
    }

    /// One financial year of one segment of children, with every measure.
    public struct Segment: Sendable {
        public let year: String
        public let ageBand: AgeBand
        public let needTier: NeedTier
        public let groupSize: GroupSize
        public let measures: [Measure: Estimate]

        public subscript(_ measure: Measure) -> Estimate { measures[measure] ?? .zero }
    }

    /// In-house places approved for, and vacant for, an age band at the 31 March closing `year`.
    public struct Supply: Sendable {
        public let year: String
        public let ageBand: AgeBand
        public let measures: [SupplyMeasure: Estimate]

        public subscript(_ measure: SupplyMeasure) -> Estimate { measures[measure] ?? .zero }
    }

    public static let fileName = "sufficiency.csv", supplyFileName = "supply.csv"
    static let header = ["year", "age_band", "need_tier", "group_size", "measure", "mean", "p05", "p50", "p95"]
    static let supplyHeader = ["year", "age_band", "measure", "mean", "p05", "p50", "p95"]

    /// Segments in the order of the file.
    public let segments: [Segment]
    /// Supply by year and age band; nil when the run has no `supply.csv`.
    public let supply: [Supply]?

    /// Financial years in the order of the file.
    public var years: [String] {
        var seen: [String] = []
        for s in segments where !seen.contains(s.year) { seen.append(s.year) }
        return seen
    }

    public func segments(in year: String) -> [Segment] { segments.filter { $0.year == year } }

    public func supply(_ year: String, _ band: AgeBand) -> Supply? { supply?.first { $0.year == year && $0.ageBand == band } }

    /// Whether `directory` holds a `sufficiency.csv` (runs from before the engine wrote one do not).
    public static func exists(in directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(fileName).path)
    }

    /// Reads `sufficiency.csv` and, if present, `supply.csv` from a run directory.
    public init(directory: URL) throws {
        let url = directory.appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ReportError("\(directory.path): no \(Self.fileName) (a run from before the sufficiency gap was recorded)")
        }
        let supplyURL = directory.appendingPathComponent(Self.supplyFileName)
        let supplyText = FileManager.default.fileExists(atPath: supplyURL.path)
            ? try String(contentsOf: supplyURL, encoding: .utf8) : nil
        try self.init(sufficiency: try String(contentsOf: url, encoding: .utf8), supply: supplyText,
                      names: (url.path, supplyURL.path))
    }

    /// Parses the two files' text; `names` are used in error messages.
    public init(sufficiency: String, supply: String?, names: (String, String) = (SufficiencyGap.fileName, SufficiencyGap.supplyFileName)) throws {
        struct Key: Hashable { let year: String, band: AgeBand, tier: NeedTier, group: GroupSize }
        var cells: [Key: [Measure: Estimate]] = [:]
        var order: [Key] = []
        try Self.parse(sufficiency, name: names.0, header: Self.header) { row in
            let key = Key(year: try row.year(), band: try row.label(1, AgeBand.self), tier: try row.label(2, NeedTier.self),
                          group: try row.label(3, GroupSize.self))
            let measure = try row.label(4, Measure.self)
            if cells[key] == nil { order.append(key) }
            guard cells[key]?[measure] == nil else { throw row.problem(4, "a second row for this segment and measure") }
            cells[key, default: [:]][measure] = try row.estimate(from: 5)
        }
        segments = try order.map { key in
            let measures = cells[key] ?? [:]
            if let missing = Measure.allCases.first(where: { measures[$0] == nil }) {
                throw ReportError("\(names.0): no row for measure \(missing.label) of \(key.year), age band \(key.band.label), "
                    + "need tier \(key.tier.label), group size \(key.group.label)")
            }
            return Segment(year: key.year, ageBand: key.band, needTier: key.tier, groupSize: key.group, measures: measures)
        }
        guard let supplyText = supply else { self.supply = nil; return }
        var rows: [Supply] = []
        try Self.parse(supplyText, name: names.1, header: Self.supplyHeader) { row in
            let year = try row.year(), band = try row.label(1, AgeBand.self), measure = try row.label(2, SupplyMeasure.self)
            let estimate = try row.estimate(from: 3)
            guard let i = rows.firstIndex(where: { $0.year == year && $0.ageBand == band }) else {
                rows.append(Supply(year: year, ageBand: band, measures: [measure: estimate]))
                return
            }
            guard rows[i].measures[measure] == nil else { throw row.problem(2, "a second row for this age band and measure") }
            var measures = rows[i].measures
            measures[measure] = estimate
            rows[i] = Supply(year: year, ageBand: band, measures: measures)
        }
        self.supply = rows
    }

    /// Checks the header and calls `body` for each non-empty row; line numbers count the header as line 1.
    static func parse(_ text: String, name: String, header: [String], _ body: (Row) throws -> Void) throws {
        let table = CSVTable(text: text)
        guard table.header == header else {
            let got = table.header.joined(separator: ",")
            throw ReportError("\(name): line 1: the header should be \(header.joined(separator: ",")), not \(got.isEmpty ? "empty" : got)")
        }
        for (i, cells) in table.rows.enumerated() where cells != [""] {
            let row = Row(cells: cells, name: name, line: i + 2, header: header)
            guard cells.count == header.count else {
                throw ReportError("\(name): line \(i + 2): \(cells.count) columns, expected \(header.count)")
            }
            try body(row)
        }
    }

    /// One row of a file, for parsing its cells with errors that name the file, line and column.
    struct Row {
        let cells: [String]
        let name: String
        let line: Int
        let header: [String]

        subscript(_ i: Int) -> String { cells[i] }

        func problem(_ column: Int, _ text: String) -> ReportError {
            ReportError("\(name): line \(line): column \(header[column]): \(text)")
        }

        func label<T: Labelled>(_ column: Int, _: T.Type) throws -> T {
            guard let value = T(label: cells[column]) else {
                throw problem(column, "'\(cells[column])' is not one of \(T.labels.joined(separator: ", "))")
            }
            return value
        }

        /// A financial year label such as `2019-20` in the first column.
        func year() throws -> String {
            guard cells[0].range(of: #"^[0-9]{4}-[0-9]{2}$"#, options: .regularExpression) != nil else {
                throw problem(0, "'\(cells[0])' is not a financial year like 2019-20")
            }
            return cells[0]
        }

        func number(_ column: Int) throws -> Double {
            guard let x = Double(cells[column].trimmingCharacters(in: .whitespaces)), x.isFinite else {
                throw problem(column, "'\(cells[column])' is not a number")
            }
            guard x >= 0 else { throw problem(column, "\(cells[column]) is negative") }
            return x
        }

        /// mean, p05, p50, p95 in the four columns from `column`.
        func estimate(from column: Int) throws -> Estimate {
            Estimate(mean: try number(column), p05: try number(column + 1), p50: try number(column + 2), p95: try number(column + 3))
        }
    }
}
