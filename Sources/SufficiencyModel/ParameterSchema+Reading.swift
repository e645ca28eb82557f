import Yams

/// Reads sections by walking their schema: every parameter is checked by its kind and stored in its field, nested
/// groups and sections are read in turn, unknown keys are refused, and then the section's own cross-field rules run.
final class SchemaReader {
    let reader: NodeReader

    init(reader: NodeReader) { self.reader = reader }

    /// The section `S` read from mapping `m`; nil when anything in it is wrong (each problem reported).
    func read<S: SchemaSection>(_ m: MappingReader, schema: [SchemaEntry<S>] = S.schema) -> S? {
        var value = S()
        var failed = Set<String>()
        walk(m, schema, prefix: "", &value, &failed)
        m.finish()
        let checked = S.check(value, SectionContext(reader: reader, mapping: m, failed: failed))
        return failed.isEmpty && checked ? value : nil
    }

    private func walk<S>(_ m: MappingReader, _ entries: [SchemaEntry<S>], prefix: String, _ value: inout S,
                         _ failed: inout Set<String>) {
        for entry in entries {
            switch entry {
            case .parameter(let p):
                let key = p.spec.keyPath
                guard p.spec.required || m.value(key, required: false) != nil else { continue }
                if let v = self.value(m, p.spec) { p.store(&value, v) } else { failed.insert(join(prefix, key)) }
            case .group(let key, let required, let entries):
                guard required || m.value(key, required: false) != nil else { continue }
                guard let group = section(m, key) else { failed.insert(join(prefix, key)); continue }
                walk(group, entries, prefix: join(prefix, key), &value, &failed)
                group.finish()
            case .section(let s):
                guard s.required || m.value(s.key, required: false) != nil else { continue }
                guard let sub = section(m, s.key), s.read(self, sub, &value) else { failed.insert(join(prefix, s.key)); continue }
            }
        }
    }

    /// The section or group under `key` in `m`. A parameter written where the schema has a section (a `value:`
    /// with its unit and source, as a layer may write over its baseline's section) is one problem at its own line:
    /// read as a section it would give a missing key for each of the section's keys and an unknown one for each of
    /// the parameter's, some of them attributed to the baseline that set the section's keys.
    private func section(_ m: MappingReader, _ key: String) -> MappingReader? {
        if let node = m.value(key, required: false), ScenarioLayers.isParameter(node) {
            reader.fail(node, join(m.path, key), "is a section, not a parameter: give the keys inside it, not a value")
            return nil
        }
        return m.section(key)
    }

    /// The checked value of parameter `spec` in `m`, after its unit, source and reference were checked.
    func value(_ m: MappingReader, _ spec: ParameterSpec) -> ParameterValue? {
        guard let (node, path) = m.parameter(spec.keyPath, unit: spec.unit) else { return nil }
        return value(node, path, spec.kind)
    }

    /// `node`, the `value` of a parameter at `path`, read as `kind`.
    func value(_ node: Node, _ path: String, _ kind: ParameterKind) -> ParameterValue? {
        switch kind {
        case .number(let c):
            return reader.number(node, path, c).map { .number($0) }
        case .wholeNumber(let range):
            guard let x = reader.number(node, path, .range(Double(range.lowerBound)...Double(range.upperBound))) else {
                return nil
            }
            guard x == x.rounded() else {
                reader.fail(node, path, "must be a whole number (found \(x))")
                return nil
            }
            return .whole(Int(x))
        case .table(let labels, let c, let shares):
            return reader.table(node, path, labels: labels, c, shares: shares).map { .numbers($0) }
        case .twoWayTable(let rows, let columns, let c, let shares):
            return reader.table2(node, path, rows: rows, columns: columns, c, shares: shares).map { .rows($0) }
        case .namedValues(let names, let c):
            return reader.table(node, path, labels: names, c, shares: false).map { .numbers($0) }
        case .schedule(let c):
            return reader.schedule(node, path, c).map { .schedule($0) }
        case .scheduleTable(let labels, let c):
            return reader.scheduleTable(node, path, labels: labels, c).map { .schedules($0) }
        case .list(let c):
            return reader.numberList(node, path, c).map { .numbers($0) }
        case .rowLists(let rows, let c):
            return reader.rowLists(node, path, rows: rows, c).map { .rows($0) }
        case .labelList(let labels, let distinct):
            return reader.labelList(node, path, labels: labels, distinct: distinct).map { .labels($0) }
        case .ageRangeShares:
            return reader.ageRangeShares(node, path).map { .ageRangeShares($0.ranges, $0.mix) }
        case .date:
            guard case .scalar(let s) = node, let date = CivilDate(iso: s.string) else {
                reader.fail(node, path, "expected a date as yyyy-mm-dd")
                return nil
            }
            // Any council's data and plans lie in these centuries; outside them financial-year labels such as
            // 0-01 or 10000-01 cannot be read back (`gap --year`).
            guard (1900...2199).contains(date.year) else {
                reader.fail(node, path, "must be a date from 1900-01-01 to 2199-12-31 (found \(s.string))")
                return nil
            }
            return .date(date)
        case .financialYear:
            guard case .scalar(let s) = node, let year = FinancialYear(label: s.string) else {
                reader.fail(node, path, "expected a financial year such as 2017-18")
                return nil
            }
            return .year(year)
        case .flag:
            if case .scalar(let s) = node, let b = Bool(s.string) { return .flag(b) }
            reader.fail(node, path, "expected true or false, found \(reader.describe(node))")
            return nil
        }
    }
}

/// What a section's cross-field rules see: the mapping read, which parameters failed, and where to report.
struct SectionContext {
    let reader: NodeReader
    let mapping: MappingReader
    /// Key paths (relative to the section) of parameters and nested sections that did not read.
    let failed: Set<String>

    /// True when the parameter or nested section at `key` (relative, dotted) was given and read without a problem.
    func read(_ key: String) -> Bool { given(key) && !failed.contains(key) }

    /// True when the file gives `key` (relative, dotted).
    func given(_ key: String) -> Bool { node(key) != nil }

    /// The node at `key` (relative, dotted), if the file has it.
    func node(_ key: String) -> Node? {
        var node = mapping.node
        for part in key.split(separator: ".") {
            guard case .mapping(let m) = node, let next = m.value(forPlainKey: String(part)) else { return nil }
            node = next
        }
        return node
    }

    /// Reports a problem with the value of parameter `key`, at its `value` line.
    func failValue(_ key: String, _ message: String) {
        let parameter = node(key)
        var value: Node? = nil
        if case .mapping(let m)? = parameter { value = m.value(forPlainKey: "value") }
        reader.fail(value ?? parameter ?? mapping.node, join(join(mapping.path, key), "value"), message)
    }

    /// Reports a problem with `key` (relative, dotted) as a whole, at its line.
    func fail(_ key: String, _ message: String) {
        reader.fail(node(key) ?? mapping.node, join(mapping.path, key), message)
    }

    /// Reports a missing key that the section needs in this case.
    func missing(_ key: String) {
        reader.fail(mapping.node, join(mapping.path, key), "missing required key")
    }
}
