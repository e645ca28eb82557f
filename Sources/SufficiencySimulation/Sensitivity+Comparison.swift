import SufficiencyModel

extension Sensitivity.Plan {
    /// A comparison's run as this check reads it: its manifest and its `scenario.resolved.yaml`.
    public typealias ComparedRun = (manifest: RunSummary.Manifest, resolvedYAML: String)

    /// Why the comparison whose runs are `baseline` and `scenario` and whose financial years are `years` is not the
    /// comparison this plan analyses: one line for each thing that differs, none when they match.
    ///
    /// A sensitivity analysis written into a comparison directory is set beside that comparison's savings in its
    /// briefing, as "the same simulated futures". That holds only when the comparison ran these very scenarios (the
    /// same resolved parameters, `contentDigest`), on the same seed (common random numbers: a comparison with
    /// `--independent-seeds` ran its scenario on another), with as many replications, drawing rates the same way,
    /// and simulated the goal's year. Names alone are not enough: a scenario that extends another keeps its name.
    public func mismatches(baseline: ComparedRun, scenario: ComparedRun, years: [String]) -> [String] {
        var out: [String] = []
        for (run, loaded) in [(baseline, self.baseline), (scenario, self.scenario)] {
            let m = run.manifest
            let name = "its \(m.scenario) run"
            if Self.contentDigest(run.resolvedYAML) != Self.contentDigest(loaded.resolvedYAML) {
                // A comparison made with `--set` cannot be matched by any sensitivity command line: say so, or the
                // advice to give the comparison's scenarios again could not be followed.
                let set = run.resolvedYAML.contains("layer: \(ScenarioOverride.layer)\n")
                    ? "; it was made with --set, which sensitivity does not take" : ""
                out.append("\(name) is of another \(m.scenario) (its resolved parameters differ from \(loaded.origin)'s\(set))")
            }
            if m.seed != seed { out.append("\(name) has seed \(m.seed), this analysis \(seed)") }
            if m.replications != replications {
                out.append("\(name) has \(Format.counted(m.replications, "replication")), this analysis \(Format.grouped(replications))")
            }
            let draws = Sensitivity.compiled(loaded, self).parameterUncertainty
            if m.parameterUncertainty != draws {
                func word(_ s: String) -> Substring { s.prefix { $0 != ":" } }
                out.append("\(name) drew its rates otherwise (parameter uncertainty \(word(m.parameterUncertainty)), "
                    + "this analysis \(word(draws)))")
            }
        }
        if !years.contains(year.label) {
            out.append("it simulated \(years.first ?? "no year")\(years.count > 1 ? " to \(years.last!)" : ""), not --year \(year.label)")
        }
        return out
    }

    /// SHA-256 of a resolved scenario without what says where it came from: the header naming its origin and each
    /// parameter's `layer:` (the file that set it, as its path was typed), so that the same scenario given by
    /// another path, or as a file rather than an embedded name, is the same scenario.
    public static func contentDigest(_ resolvedYAML: String) -> String {
        let kept = resolvedYAML.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !line.hasPrefix("# Resolved scenario") && !line.drop { $0 == " " }.hasPrefix("layer:")
        }
        return SHA256.hex(Array(kept.joined(separator: "\n").utf8))
    }
}
