import SufficiencyModel

/// The text `sufficiency init` writes: a scenario that extends a baseline and changes nothing until a lever is
/// uncommented. The levers, every key with its unit and a placeholder that loads, come from the scenario schema
/// (`ScenarioWriter.leverTemplate`), so a new lever or key appears here without an edit.
enum ScenarioTemplate {
    /// The name, title and baseline are written as the scenario writer writes texts (`ScenarioWriter.inlineText`:
    /// quoted unless plainly safe), so a file name such as `plan #2.yaml` or `a: b.yaml` is the scenario's name, not
    /// a comment or a mapping.
    static func text(name: String, baseline: String) -> String {
        // Placeholder years are the baseline's first; a baseline that does not load is reported by `init` itself.
        let firstYear = (try? ScenarioLoader.load(path: baseline))?.scenario.startDate.financialYear
            ?? FinancialYear(startYear: 2017)
        let header = """
            # Scenario: \(name)
            # Question: (the question this scenario answers, in one sentence)
            # Varies: (which levers it switches on, and from when)
            # Sources: (where its numbers come from; every value needs a unit and a source)
            #
            # This file extends \(baseline): it holds only what changes. Uncomment a lever below to switch it on; a
            # lever is in force from start_year to end_year (optional) inclusive. Any baseline value can also be
            # overridden by writing it here under the same keys, with its value, unit and source. A source that is
            # an assumption says so and gives its reasoning ("assumption: ..." and a sentence).
            # Check it with: sufficiency validate \(name).yaml

            extends: \(ScenarioWriter.inlineText(baseline))
            name: \(ScenarioWriter.inlineText(name))
            title: \(ScenarioWriter.inlineText(name))
            question: (the question this scenario answers)


            """
        return header + ScenarioWriter.leverTemplate(firstYear: firstYear).joined(separator: "\n") + "\n"
    }
}
