import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencyReport
import SufficiencySimulation
import SufficiencyWorkbook

/// `--xlsx`: the workbook finance opens, written into a run or comparison directory beside the CSV files.
struct WorkbookOption: ParsableArguments {
    @Flag(name: .long, help: "Also write workbook.xlsx: the same results as an Excel workbook (numbers with £ and % formats, the assumptions and their sources, the run's metadata).")
    var xlsx = false

    static let fileName = "workbook.xlsx"
}

extension WorkbookAssumption {
    /// The scenario's parameters as the briefing's appendix lists them.
    static func all(_ loaded: LoadedScenario) -> [WorkbookAssumption] {
        Assumptions.all(loaded).map {
            WorkbookAssumption(keyPath: $0.keyPath, value: $0.value, unit: $0.unit, source: $0.source, layer: $0.layer)
        }
    }
}
