import ArgumentParser
import Foundation
import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation

/// Options shared by `calibrate` and `backtest` for reading an SSDA903 return.
struct DataOptions: ParsableArguments {
    @Argument(help: "SSDA903 files or folders (episodes, header and UASC files; per-year or multi-year layouts).")
    var data: [String] = []

    @Option(name: .long, help: "Select one council from files with an LA column.")
    var la: String?

    @Option(name: .customLong("extends"), help: "The baseline for what the return does not hold (default: peterborough-2017).")
    var baseline: String = EmbeddedScenarios.defaultName

    @Option(name: .customLong("collection-end"), help: "The last day of the return's latest collection year (yyyy-mm-dd, normally 31 March); a DECOM, DEC or DOB after it is rejected (default: inferred from the episode dates).")
    var collectionEnd: String?

    /// Each command says whether it needs data: `calibrate --fostering` works without.
    func requireData() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one SSDA903 file or folder") }
    }

    /// Loads the baseline (`--extends`), so that a problem with it is reported as the file's (one line per problem,
    /// as `calibrate` does) before the data are read, not as a rewind's calibrated scenario failing to load.
    func checkBaseline() throws {
        do {
            _ = try ScenarioLoader.load(path: baseline)
        } catch let error as ScenarioError {
            throw InputError(error.problems.map(\.description))
        }
    }

    /// Each command validates this with its other options, so that a bad date is a usage error (exit 2).
    func validateDates() throws {
        _ = try parseDate(collectionEnd, "--collection-end")
    }

    func load() throws -> SSDA903Data {
        let loaded: SSDA903Data
        do {
            loaded = try SSDA903Reader.load(paths: data, la: la,
                                            options: SSDA903Reader.Options(collectionEnd: try parseDate(collectionEnd, "--collection-end")))
        } catch let error as SSDA903Error {
            throw InputError(error.lines)
        }
        // A regional extract read without --la is modelled as one council; only the report said so.
        if la == nil && loaded.councils.count > 1 {
            FileHandle.standardError.write(Data(("warning: the data hold \(loaded.councils.count) councils (\(loaded.councils.joined(separator: ", "))) "
                + "and no --la was given, so they are modelled as one council; give --la NAME for one\n").utf8))
        }
        return loaded
    }
}

func parseDate(_ text: String?, _ option: String) throws -> CivilDate? {
    guard let text else { return nil }
    guard let d = CivilDate(iso: text) else { throw ValidationError("\(option) must be a date as yyyy-mm-dd (got \(text))") }
    return d
}

/// How `calibrate` models entries over the reference window.
enum EntryModel: String, ExpressibleByArgument, CaseIterable {
    case flat, trend
}

/// `sufficiency calibrate`: a scenario for a council from its SSDA903 return.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Estimate a council's scenario from its SSDA903 return.",
        discussion: """
            Estimates entry rates, exit hazards by route (occurrence over exposure, by age band and time in care), \
            placement moves, re-entry and Staying Put, and the population in care at the snapshot date, over the \
            reference window (default: the three years to the data's last date, from the 1 April of the return's \
            first collection year at the earliest). Writes the scenario (which extends \
            a baseline for carers, costs and needs) and calibration-report.md beside it, both or neither, and \
            overwrites neither without --force.
            Rows that cannot be used are rejected and listed, with file, row and reason, in the report's data \
            quality section: unreadable dates and codes, an episode starting before the child's date of birth or at \
            18 or later, and a DECOM, DEC or DOB after the day of the run or after the collection year's end \
            (--collection-end, else the end of the latest financial year holding at least 2% as many episode dates \
            as the busiest). When rows were rejected and no scenario can be made, the report is written alone and \
            the command exits 2.
            With --fostering FILE --la NAME, Ofsted's local-authority fostering figures for the council set its \
            in-house households, places, on-hold share, approvals, deregistration and (without DATA) Staying Put; \
            without DATA the scenario extends the baseline with those alone.
            """
    )

    @OptionGroup var input: DataOptions

    @Option(name: .long, help: ArgumentHelp("Start of the reference window (yyyy-mm-dd; default: three years before "
        + "its end, or the 1 April from which the return records entries and exits if later)."))
    var referenceStart: String?

    @Option(name: .long, help: "End of the reference window (yyyy-mm-dd; default: the data's last date).")
    var referenceEnd: String?

    @Option(name: .long, help: "Date of the population in care (default: the window's end).")
    var snapshotDate: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Levels with fewer events than this (1–1,000) are listed in the report as shrunk towards the others (default 5).",
            transform: FlagValue.integer(1...1_000))
    var minimumEvents: Int = 5

    @Option(name: .long, help: "Entries as a flat rate over the window, or with a log-linear trend by year fitted by Poisson regression: flat or trend.")
    var entries: EntryModel = .flat

    @Flag(name: .long, help: "Write draw_rates: false, so that runs use the point estimates alone (by default each replication draws its rates from what the estimates rest on).")
    var noParameterUncertainty = false

    @Option(name: .long, help: "The scenario file to write (.yaml).")
    var out: String

    @Flag(name: .long, help: "Overwrite --out and calibration-report.md beside it if they exist.")
    var force = false

    @Option(name: .long, help: "Ofsted local-authority fostering CSV for one year (la-fostering-2018-19.csv): the council's own carers.")
    var fostering: String?

    @Option(name: .customLong("fostering-la"), help: "The council's name in the --fostering file, when it differs from --la or the return has no LA column.")
    var fosteringLa: String?

    @Flag(name: .long, help: "With --fostering, also write the recruitment funnel (enquiries and conversions), which the model then uses instead of approvals_per_year.")
    var funnel = false

    func validate() throws {
        guard out.hasSuffix(".yaml") else { throw ValidationError("--out must be a .yaml file") }
        // The scenario's name is the file's; the loader refuses a name starting with '.'.
        let name = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
        guard !name.isEmpty, !name.hasPrefix(".") else {
            throw ValidationError("--out must be a .yaml file whose name does not start with '.' (got \(out))")
        }
        try input.validateDates()
        if fostering == nil {
            try input.requireData()
            if funnel { throw ValidationError("--funnel needs --fostering FILE") }
            if fosteringLa != nil { throw ValidationError("--fostering-la needs --fostering FILE") }
        } else {
            guard (fosteringLa ?? input.la) != nil else {
                throw ValidationError("--fostering needs --la NAME, the council to read from \(fostering!)")
            }
            if input.data.isEmpty {
                for (value, option) in [(referenceStart, "--reference-start"), (referenceEnd, "--reference-end"),
                                        (snapshotDate, "--snapshot-date")] where value != nil {
                    throw ValidationError("\(option) needs SSDA903 data")
                }
                if entries == .trend { throw ValidationError("--entries trend needs SSDA903 data") }
                if noParameterUncertainty { throw ValidationError("--no-parameter-uncertainty needs SSDA903 data") }
            }
        }
        _ = try parseDate(referenceStart, "--reference-start")
        _ = try parseDate(referenceEnd, "--reference-end")
        _ = try parseDate(snapshotDate, "--snapshot-date")
        guard minimumEvents >= 1 else { throw ValidationError("--minimum-events must be at least 1") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: out)
        let reportURL = url.deletingLastPathComponent().appendingPathComponent("calibration-report.md")
        let clock = ContinuousClock.now
        let name = url.deletingPathExtension().lastPathComponent
        let baseline = baselineReference(input.baseline, out: out)
        // The Ofsted file first: it is quick to read, and a misspelt council is found before a long SSDA903 read.
        let supply = try fostering.map { path in
            var options = FosteringCalibration.Options()
            options.baseline = baseline
            options.name = name
            options.funnel = funnel
            options.withReturn = !input.data.isEmpty
            return try loadFostering(path, council: fosteringLa ?? input.la!, options)
        }
        let yaml: String, report: String, summary: String
        if let supply, input.data.isEmpty {
            // Inputs are read before outputs are checked, so that a problem with the files is reported first.
            try refuseToOverwrite([url, reportURL])
            yaml = try checked(supply.scenarioYAML(), name: name, fostering: supply)
            report = supply.reportMarkdown()
            summary = "read \(supply.label): set \(Format.counted(supply.parametersWritten.count, "parameter")) and "
                + "\(Format.counted(supply.estimates.benchmarks.count, "benchmark")), kept \(supply.parametersKept.count) from \(baseline)"
        } else {
            let data = try input.load()
            try refuseToOverwrite([url, reportURL])
            var options = Calibration.Options()
            options.windowStart = try parseDate(referenceStart, "--reference-start")
            options.windowEnd = try parseDate(referenceEnd, "--reference-end")
            options.snapshot = try parseDate(snapshotDate, "--snapshot-date")
            options.minimumEvents = minimumEvents
            options.entriesTrend = entries == .trend
            options.parameterUncertainty = !noParameterUncertainty
            options.baseline = baseline
            options.name = name
            do {
                (yaml, report) = try calibrate(data, options, fostering: supply)
            } catch let failure as DataFailure {
                // The data cannot be calibrated and rows were rejected: the report of them is what the analyst
                // needs, so it is written (alone) before the one-line refusal that points to it.
                try writeAllOrNothing([(reportURL, Calibration.qualityReport(data: data, name: name, failure: failure.message))])
                let n = data.quality.rejected.count
                throw InputError("calibration: \(failure.message); the \(n) rejected row\(n == 1 ? " is" : "s are") listed in "
                    + reportURL.path)
            }
            summary = "read \(data.quality.rowsRead) rows (\(data.children.count) children, \(data.quality.rejected.count) rejected)"
                + (supply.map { "; fostering supply from \($0.label)" } ?? "")
        }
        try writeAllOrNothing([(url, yaml), (reportURL, report)])
        let seconds = (ContinuousClock.now - clock).seconds
        if let note = supply?.match.note { print(note) }
        print("\(summary); wrote \(out) and \(reportURL.path) in \(String(format: "%.2f", seconds)) s")
    }
}

/// Reads the Ofsted fostering file, finds the council and derives its supply parameters; every problem is an
/// `InputError` line naming the file.
func loadFostering(_ path: String, council: String, _ options: FosteringCalibration.Options) throws -> FosteringCalibration {
    do {
        let file = try OfstedFosteringReader.load(path: path)
        return try FosteringCalibration(data: file, match: try file.council(named: council), options: options)
    } catch let error as OfstedFosteringError {
        throw InputError(error.lines)
    } catch let error as CalibrationError {
        throw InputError(error.description)
    } catch let error as ScenarioError {
        throw InputError(error.problems.map(\.description))
    }
}

/// The baseline as the calibrated file should name it: embedded names as they are, files relative to the output.
func baselineReference(_ baseline: String, out: String) -> String {
    guard baseline.contains("/") || baseline.hasSuffix(".yaml") else { return baseline }
    return URL(fileURLWithPath: baseline).standardizedFileURL.path
}

/// A calibration refused because of the data when some rows were rejected: `run` writes the quality report.
struct DataFailure: Error {
    var message: String
}

/// Calibrates and checks the result is a valid scenario before anything is written.
///
/// - Throws: `DataFailure` when the data cannot be calibrated and rows were rejected (the rejections may be why);
///   otherwise `InputError`, one line per problem.
func calibrate(_ data: SSDA903Data, _ options: Calibration.Options,
               fostering: FosteringCalibration? = nil) throws -> (yaml: String, report: String) {
    var calibration: Calibration
    do {
        calibration = try Calibration(data: data, options: options)
    } catch let error as CalibrationError {
        if !data.quality.rejected.isEmpty { throw DataFailure(message: error.description) }
        throw InputError("calibration: \(error.description)")
    } catch let error as ScenarioError {
        throw InputError(error.problems.map(\.description))
    }
    calibration.fostering = fostering
    let yaml = try checked(calibration.scenarioYAML(), name: options.name, fostering: fostering)
    return (yaml, calibration.reportMarkdown())
}

/// `yaml` after checking that it loads: a calibration never writes a scenario the loader refuses. Figures the data
/// can push past what a scenario holds are refused before this with the figure and the limit named
/// (`Calibration.checkLimits`), so a problem here is the calibration's own; it is still one line naming the key.
/// A figure derived from Ofsted's row (`fostering`) that is out of bounds is the row's doing: the line names the row
/// and the figure, not a file that was never written.
func checked(_ yaml: String, name: String, fostering: FosteringCalibration? = nil) throws -> String {
    do {
        _ = try ScenarioLoader.load(yaml: yaml, file: name + ".yaml")
    } catch let error as ScenarioError {
        throw InputError(error.problems.map { p in
            if let origin = fostering?.origin(ofProblemAt: p.keyPath) {
                let key = p.keyPath.hasSuffix(".value") ? String(p.keyPath.dropLast(6)) : p.keyPath
                return "\(origin) gives \(key), which \(p.message), beyond what a scenario can hold; check the row's figures"
            }
            return "calibration: the calibrated scenario does not load (a bug; please report it): \(p)"
        })
    }
    return yaml
}

/// Refuses, before anything is read into or written, outputs that exist without --force (one line naming them),
/// and any output path that is a folder (even with --force: replacing a folder with a file loses the folder).
extension CalibrateCommand {
    func refuseToOverwrite(_ outputs: [URL]) throws {
        let fm = FileManager.default
        var existing: [String] = []
        for output in outputs {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: output.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { throw InputError("\(output.path): is a folder; calibrate writes a file there") }
            existing.append(output.path)
        }
        guard !force, let first = existing.first else { return }
        if existing.count == 1 { throw InputError("\(first): exists; use --force to overwrite it") }
        throw InputError("\(first): exists, as does \(existing.dropFirst().joined(separator: ", ")); use --force to overwrite them")
    }
}

/// Writes `files` all or none (`FileSet.write`), each problem one `InputError` line naming the file.
func writeAllOrNothing(_ files: [(url: URL, text: String)]) throws {
    do {
        try FileSet.write(files)
    } catch let error as PartialDirectoryError {
        throw InputError(error.description)
    }
}
