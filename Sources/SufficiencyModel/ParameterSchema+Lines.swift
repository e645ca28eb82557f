/// The schema lines sections declare their parameters with: one call per parameter, naming the key, the unit,
/// what the value may be, the field that stores it and a one-line description.
///
/// Values in months are stored in days where the struct says so (`scale: daysPerMonth`): the file is written in
/// the unit people think in, the engine reads the unit it counts in.
extension SchemaEntry {
    static func line(_ key: String, _ unit: String, _ kind: ParameterKind, _ description: String, required: Bool,
                     example: ParameterValue?, _ store: @escaping (inout Root, ParameterValue) -> Void) -> SchemaEntry {
        .parameter(Parameter(ParameterSpec(keyPath: key, unit: unit, kind: kind, description: description,
                                           required: required, example: example), store: store))
    }

    static func number(_ key: String, _ unit: String, _ c: Constraint, _ field: WritableKeyPath<Root, Double>,
                              scale: Double = 1, _ description: String, required: Bool = true,
                              example: Double? = nil) -> SchemaEntry {
        line(key, unit, .number(c), description, required: required, example: example.map { .number($0) }) {
            if case .number(let x) = $1 { $0[keyPath: field] = x * scale }
        }
    }

    static func whole(_ key: String, _ unit: String, _ range: ClosedRange<Int>, _ field: WritableKeyPath<Root, Int>,
                             _ description: String, required: Bool = true, example: Int? = nil) -> SchemaEntry {
        line(key, unit, .wholeNumber(range), description, required: required, example: example.map { .whole($0) }) {
            if case .whole(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    /// A table over a category's labels.
    static func table<L: Labelled>(_ key: String, _ unit: String, by: L.Type, _ c: Constraint, shares: Bool = false,
                                          _ field: WritableKeyPath<Root, [Double]>, _ description: String,
                                          required: Bool = true, example: [Double]? = nil) -> SchemaEntry {
        table(key, unit, labels: L.labels, c, shares: shares, description, required: required, example: example) {
            $0[keyPath: field] = $1
        }
    }

    /// A table over fixed labels, stored by `store` (for tables that are not one field as written).
    static func table(_ key: String, _ unit: String, labels: [String], _ c: Constraint, shares: Bool = false,
                             _ description: String, required: Bool = true, example: [Double]? = nil,
                             store: @escaping (inout Root, [Double]) -> Void) -> SchemaEntry {
        line(key, unit, .table(labels: labels, c, shares: shares), description, required: required,
             example: example.map { .numbers($0) }) {
            if case .numbers(let x) = $1 { store(&$0, x) }
        }
    }

    static func table2<R: Labelled, C: Labelled>(_ key: String, _ unit: String, rows: R.Type, columns: C.Type,
                                                        _ c: Constraint, shares: Bool = false,
                                                        _ field: WritableKeyPath<Root, [[Double]]>, _ description: String,
                                                        required: Bool = true) -> SchemaEntry {
        line(key, unit, .twoWayTable(rows: R.labels, columns: C.labels, c, shares: shares), description,
             required: required, example: nil) {
            if case .rows(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    /// Named numbers stored in one field each, in `names` order.
    static func named(_ key: String, _ unit: String, _ names: [String], _ c: Constraint,
                             _ fields: [WritableKeyPath<Root, Double>], scale: Double = 1, _ description: String,
                             required: Bool = true, example: [Double]? = nil) -> SchemaEntry {
        precondition(names.count == fields.count, "one field per name")
        return line(key, unit, .namedValues(names, c), description, required: required, example: example.map { .numbers($0) }) {
            if case .numbers(let x) = $1 { for (field, v) in zip(fields, x) { $0[keyPath: field] = v * scale } }
        }
    }

    static func schedule(_ key: String, _ unit: String, _ c: Constraint, _ field: WritableKeyPath<Root, Schedule>,
                                _ description: String, required: Bool = true, example: Double? = nil) -> SchemaEntry {
        line(key, unit, .schedule(c), description, required: required, example: example.map { .schedule(Schedule($0)) }) {
            if case .schedule(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    static func scheduleTable<L: Labelled>(_ key: String, _ unit: String, by: L.Type, _ c: Constraint,
                                                  _ field: WritableKeyPath<Root, [Schedule]>, _ description: String,
                                                  required: Bool = true, example: Double? = nil) -> SchemaEntry {
        line(key, unit, .scheduleTable(labels: L.labels, c), description, required: required,
             example: example.map { x in .schedules(L.labels.map { _ in Schedule(x) }) }) {
            if case .schedules(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    static func list(_ key: String, _ unit: String, _ c: Constraint, _ description: String, required: Bool = true,
                            store: @escaping (inout Root, [Double]) -> Void) -> SchemaEntry {
        line(key, unit, .list(c), description, required: required, example: nil) {
            if case .numbers(let x) = $1 { store(&$0, x) }
        }
    }

    static func rowLists(_ key: String, _ unit: String, rows: [String], _ c: Constraint,
                                _ field: WritableKeyPath<Root, [[Double]]>, _ description: String) -> SchemaEntry {
        line(key, unit, .rowLists(rows: rows, c), description, required: true, example: nil) {
            if case .rows(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    static func labels<L: Labelled>(_ key: String, _ unit: String, of: L.Type, distinct: Bool = false,
                                           _ field: WritableKeyPath<Root, [L]>, _ description: String,
                                           example: [L]? = nil) -> SchemaEntry {
        line(key, unit, .labelList(labels: L.labels, distinct: distinct), description, required: true,
             example: example.map { .labels($0.map(\.label)) }) {
            if case .labels(let x) = $1 { $0[keyPath: field] = x.compactMap(L.init(label:)) }
        }
    }

    static func ageRangeShares(_ key: String, _ unit: String, ranges: WritableKeyPath<Root, [ApprovalRange]>,
                                      mix: WritableKeyPath<Root, [Double]>, _ description: String,
                                      example: [(ApprovalRange, Double)]? = nil) -> SchemaEntry {
        line(key, unit, .ageRangeShares, description, required: true,
             example: example.map { .ageRangeShares($0.map(\.0), $0.map(\.1)) }) {
            if case .ageRangeShares(let r, let m) = $1 { $0[keyPath: ranges] = r; $0[keyPath: mix] = m }
        }
    }

    static func date(_ key: String, _ unit: String, _ field: WritableKeyPath<Root, CivilDate>,
                            _ description: String) -> SchemaEntry {
        line(key, unit, .date, description, required: true, example: nil) {
            if case .date(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    static func year(_ key: String, _ unit: String, _ field: WritableKeyPath<Root, FinancialYear>,
                     _ description: String) -> SchemaEntry {
        line(key, unit, .financialYear, description, required: true, example: nil) {
            if case .year(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    static func optionalYear(_ key: String, _ unit: String, _ field: WritableKeyPath<Root, FinancialYear?>,
                             _ description: String) -> SchemaEntry {
        line(key, unit, .financialYear, description, required: false, example: nil) {
            if case .year(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    static func flag(_ key: String, _ unit: String, _ field: WritableKeyPath<Root, Bool>,
                            _ description: String) -> SchemaEntry {
        line(key, unit, .flag, description, required: true, example: nil) {
            if case .flag(let x) = $1 { $0[keyPath: field] = x }
        }
    }

    /// A nested section of its own type; `schema` when the section's rows depend on where it is (event tables).
    static func section<S: SchemaSection>(_ key: String, _ field: WritableKeyPath<Root, S>, required: Bool = true,
                                                 _ description: String, schema: [SchemaEntry<S>] = S.schema) -> SchemaEntry {
        .section(NestedSection(key: key, required: required, description: description, listSpecs: { schema.specs() }) { reader, m, root in
            guard let value: S = reader.read(m, schema: schema) else { return false }
            root[keyPath: field] = value
            return true
        })
    }

    /// A nested section that is nil unless the file gives it.
    static func optionalSection<S: SchemaSection>(_ key: String, _ field: WritableKeyPath<Root, S?>,
                                                         _ description: String,
                                                         schema: [SchemaEntry<S>] = S.schema) -> SchemaEntry {
        .section(NestedSection(key: key, required: false, description: description, listSpecs: { schema.specs() }) { reader, m, root in
            guard let value: S = reader.read(m, schema: schema) else { return false }
            root[keyPath: field] = value
            return true
        })
    }
}
