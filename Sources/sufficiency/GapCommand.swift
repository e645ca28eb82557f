import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencyReport

/// `sufficiency gap`: which children the in-house service was short of places for, in plain English.
///
/// Parsing and printing only; the reading, ranking and wording are `SufficiencyGap` and `GapWording`'s, which the
/// briefing's "Sufficiency gap" section uses too.
struct GapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Say where in-house fostering fell short: the largest shortfalls of places by age, needs and sibling group.",
        discussion: """
            Reads the sufficiency gap from results.json in a run directory, or in a comparison directory the first \
            scenario's run. Prints, for --year (default: the last whole financial year of the run), the year's total \
            and a sentence for each of the --top largest shortfalls of in-house places, then one line for each other \
            year, and a note on any part year (a start date other than 1 April).
            """
    )

    @Argument(help: "A run directory (from `run`) or a comparison directory (from `compare`).")
    var directory: String

    @Option(name: .long, help: "Financial year, like 2019-20 (default: the last whole year of the run).")
    var year: String?

    @Option(name: .long, parsing: .unconditional, help: "How many shortfalls to describe (1–1,000).",
            transform: FlagValue.integer(1...1_000))
    var top: Int = 5

    func run() throws {
        guard top >= 0 else { throw InputError("--top must be 0 or more (got \(top))") }
        let dir = try existingDirectory(directory)
        let gap: SufficiencyGap
        let scenario: String?
        let run: RunData
        do {
            let located = try SufficiencyGap.runDirectory(for: dir)
            scenario = located.scenario
            run = try RunData(directory: located.run)
            gap = SufficiencyGap(run.results)
        } catch let error as ReportError {
            throw InputError(error.lines)
        } catch {
            throw InputError("\(directory): cannot read the run: \(FileFailure.reason(reading: error))")
        }
        let years = gap.years
        // By default the last whole year, as the briefing's: a part year's few days are not a year's shortfall.
        guard let chosen = year ?? run.headlineYears?.last ?? years.last else {
            throw InputError("\(directory): results.json holds no years")
        }
        let parts = run.simulatedYears?.filter { !$0.isWhole } ?? []
        guard years.contains(chosen) else {
            throw InputError("--year \(chosen) is not in the run (\(years.joined(separator: ", ")))")
        }
        if let scenario { print("Scenario \(scenario) (the first of the comparison)") }
        print(GapWording.total(gap.total(year: chosen)))
        let sentences = gap.sentences(year: chosen, top: top)
        if sentences.isEmpty && top > 0 { print("No group of children is expected to be short of in-house places in \(chosen).") }
        for (i, sentence) in sentences.enumerated() { print("\(i + 1). \(sentence)") }
        if let line = GapWording.vacancies(gap, year: chosen, stockDay: run.partYearEnd(chosen)) { print(line) }
        let others = years.filter { $0 != chosen }
        if !others.isEmpty {
            print("\nOther years:")
            for y in others { print(GapWording.total(gap.total(year: y))) }
        }
        if !parts.isEmpty { print("") }
        for note in SimulatedYear.notes(parts) { print(note) }
    }
}
