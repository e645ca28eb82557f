import SufficiencyModel

extension Sensitivity.Plan {
    /// Why the comparison whose runs are `baseline` and `scenario` (their manifests) and whose financial years are
    /// `years` is not the comparison this plan analyses: one line for each thing that differs, none when they match.
    ///
    /// A sensitivity analysis written into a comparison directory is set beside that comparison's savings in its
    /// briefing, as "the same simulated futures". That holds only when the comparison ran these very scenarios (the
    /// same resolved text, so the same SHA-256), on the same seed (common random numbers: a comparison with
    /// `--independent-seeds` ran its scenario on another), with as many replications, drawing rates the same way,
    /// and simulated the goal's year. Names alone are not enough: a scenario that extends another keeps its name.
    public func mismatches(baseline: RunSummary.Manifest, scenario: RunSummary.Manifest, years: [String]) -> [String] {
        var out: [String] = []
        for (run, loaded) in [(baseline, self.baseline), (scenario, self.scenario)] {
            let name = "its \(run.scenario) run"
            let sha = SHA256.hex(Array(loaded.resolvedYAML.utf8))
            if run.scenarioSHA256 != sha {
                out.append("\(name) is of another \(run.scenario) (scenario SHA-256 \(run.scenarioSHA256.prefix(12))…, "
                    + "this analysis \(sha.prefix(12))…: \(loaded.origin) differs from what the comparison ran)")
            }
            if run.seed != seed { out.append("\(name) has seed \(run.seed), this analysis \(seed)") }
            if run.replications != replications {
                out.append("\(name) has \(run.replications) replications, this analysis \(replications)")
            }
            let draws = Sensitivity.compiled(loaded, self).parameterUncertainty
            if run.parameterUncertainty != draws {
                func word(_ s: String) -> Substring { s.prefix { $0 != ":" } }
                out.append("\(name) drew its rates otherwise (parameter uncertainty \(word(run.parameterUncertainty)), "
                    + "this analysis \(word(draws)))")
            }
        }
        if !years.contains(year.label) {
            out.append("it simulated \(years.first ?? "no year")\(years.count > 1 ? " to \(years.last!)" : ""), not --year \(year.label)")
        }
        return out
    }
}
