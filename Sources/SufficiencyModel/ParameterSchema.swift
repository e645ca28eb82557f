/// The scenario schema: one declaration per parameter, from which the loader, the calibration writers, the `init`
/// template and the briefing's appendix of assumptions are all derived.
///
/// Each section struct of `Scenario` (`InitialPopulation`, `Exits`, ...) declares its parameters beside its fields
/// (`SchemaSection.schema`): the key, unit, kind, a one-line description and where the value is stored. Adding a
/// parameter is then one struct field, one schema line and the engine code that reads it. Rules that tie fields
/// together (an approval range inside 0–17, one multiplier per time-in-care band) stay as code, per section
/// (`SchemaSection.check`).

/// What a parameter's value is, and what it may be.
public enum ParameterKind: Sendable, Equatable {
    /// One number.
    case number(Constraint)
    /// One whole number within a range.
    case wholeNumber(ClosedRange<Int>)
    /// A number for every label of a category (`{standard: 0.7, complex: 0.2, very_complex: 0.1}`); with `shares`
    /// every number is a probability and together they sum to 1.
    case table(labels: [String], Constraint, shares: Bool)
    /// A table for every row label, each over the column labels; with `shares` every row sums to 1.
    case twoWayTable(rows: [String], columns: [String], Constraint, shares: Bool)
    /// A few named numbers of one distribution or window (`{mean: 2.5, shape: 1.2}`, `{min: 1, max: 24}`).
    case namedValues([String], Constraint)
    /// A number, or steps by financial year (`{2017-18: 10, 2019-20: 15}`).
    case schedule(Constraint)
    /// A schedule for every label of a category.
    case scheduleTable(labels: [String], Constraint)
    /// A list of numbers.
    case list(Constraint)
    /// A list of numbers for every row label, the same length in every row.
    case rowLists(rows: [String], Constraint)
    /// A list of category labels; with `distinct` none may appear twice.
    case labelList(labels: [String], distinct: Bool)
    /// Shares of foster households by approval age range, keyed `youngest-oldest` (`{"0-17": 0.6, "10-17": 0.4}`).
    case ageRangeShares
    /// A calendar date, `yyyy-mm-dd`.
    case date
    /// A financial year, `2017-18`.
    case financialYear
    /// `true` or `false`.
    case flag

    /// The kind's name, for the schema's documentation (`table by need tier`, ...).
    public var name: String {
        switch self {
        case .number: return "number"
        case .wholeNumber: return "whole number"
        case .table(_, _, let shares): return shares ? "table of shares" : "table"
        case .twoWayTable(_, _, _, let shares): return shares ? "two-way table of shares" : "two-way table"
        case .namedValues(let names, _): return "named values (" + names.joined(separator: ", ") + ")"
        case .schedule: return "schedule by financial year"
        case .scheduleTable: return "table of schedules"
        case .list: return "list of numbers"
        case .rowLists: return "lists by row"
        case .labelList: return "list of labels"
        case .ageRangeShares: return "shares by approval age range"
        case .date: return "date"
        case .financialYear: return "financial year"
        case .flag: return "flag"
        }
    }
}

/// A parameter's value, typed by its kind, in the units the scenario file is written in (months, not days).
public enum ParameterValue: Sendable, Equatable {
    case number(Double)
    case whole(Int)
    /// A table over labels, a list, or named values, in the kind's order.
    case numbers([Double])
    /// A two-way table or lists by row, rows in the kind's order.
    case rows([[Double]])
    case schedule(Schedule)
    case schedules([Schedule])
    case labels([String])
    case ageRangeShares([ApprovalRange], [Double])
    case date(CivilDate)
    case year(FinancialYear)
    case flag(Bool)
}

/// What the schema says about one parameter, apart from where it is stored.
public struct ParameterSpec: Sendable {
    /// Dotted key path; relative to its section in a section's schema, from the scenario's root in `Scenario.parameterSpecs`.
    public var keyPath: String
    /// The unit the file must give (`unit:`); the loader refuses any other.
    public var unit: String
    public var kind: ParameterKind
    /// What the parameter is, in one line.
    public var description: String
    /// False: the key may be left out and the struct's default stands.
    public var required: Bool
    /// A typical value, for the `init` template; nil: one is made from the kind.
    public var example: ParameterValue?

    public init(keyPath: String, unit: String, kind: ParameterKind, description: String, required: Bool = true,
                example: ParameterValue? = nil) {
        self.keyPath = keyPath
        self.unit = unit
        self.kind = kind
        self.description = description
        self.required = required
        self.example = example
    }
}

/// A parameter of section `Root`: its spec, and how a checked value is stored in the section.
struct Parameter<Root> {
    var spec: ParameterSpec
    let store: (inout Root, ParameterValue) -> Void

    init(_ spec: ParameterSpec, store: @escaping (inout Root, ParameterValue) -> Void) {
        self.spec = spec
        self.store = store
    }
}

/// One line of a section's schema: a parameter, a group of keys nested under one key of the same section
/// (`exits.adoption.*`), or a section of its own type (`recruitment.funnel`).
enum SchemaEntry<Root> {
    case parameter(Parameter<Root>)
    case group(key: String, required: Bool, [SchemaEntry<Root>])
    case section(NestedSection<Root>)
}

/// A section of another struct stored in `Root`, its type erased so that one schema can list sections of any type.
struct NestedSection<Root> {
    var key: String
    var required: Bool
    var description: String
    /// The nested section's own parameters, key paths relative to it: listed when asked for (the template, the
    /// schema's documentation), never while a scenario loads.
    let listSpecs: () -> [ParameterSpec]
    let read: (SchemaReader, MappingReader, inout Root) -> Bool

    var specs: [ParameterSpec] { listSpecs() }
}

/// A struct of `Scenario` read from one mapping of the file by walking its schema.
protocol SchemaSection {
    /// Every field at its default: what an optional parameter left out of the file keeps.
    init()
    /// The section's parameters and nested sections, in the order the file lists them.
    static var schema: [SchemaEntry<Self>] { get }
    /// Rules between fields, run after every parameter was read; false (with problems reported) refuses the section.
    static func check(_ value: Self, _ context: SectionContext) -> Bool
}

extension SchemaSection {
    static func check(_ value: Self, _ context: SectionContext) -> Bool { true }
}

extension Array {
    /// Every parameter spec of a schema, nested ones included, key paths relative to the schema's section.
    func specs<Root>(prefix: String = "") -> [ParameterSpec] where Element == SchemaEntry<Root> {
        flatMap { entry -> [ParameterSpec] in
            switch entry {
            case .parameter(let p):
                var spec = p.spec
                spec.keyPath = join(prefix, spec.keyPath)
                return [spec]
            case .group(let key, _, let entries):
                return entries.specs(prefix: join(prefix, key))
            case .section(let s):
                return s.specs.map { var spec = $0; spec.keyPath = join(join(prefix, s.key), spec.keyPath); return spec }
            }
        }
    }
}
