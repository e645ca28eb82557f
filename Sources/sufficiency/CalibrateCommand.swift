import ArgumentParser
import Foundation
import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel

/// Options shared by `calibrate` and `backtest` for reading an SSDA903 return.
struct DataOptions: ParsableArguments {
    @Argument(help: "SSDA903 files or folders (episodes, header and UASC files; per-year or multi-year layouts).")
    var data: [String] = []

    @Option(name: .long, help: "Select one council from files with an LA column.")
    var la: String?

    @Option(name: .customLong("extends"), help: "The baseline for what the return does not hold (default: peterborough-2017).")
    var baseline: String = EmbeddedScenarios.defaultName

    /// Each command says whether it needs data: `calibrate --fostering` works without.
    func requireData() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one SSDA903 file or folder") }
    }

    func load() throws -> SSDA903Data {
        do {
            return try SSDA903Reader.load(paths: data, la: la)
        } catch let error as SSDA903Error {
            throw InputError(error.lines)
        }
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
            reference window (default: the three years to the data's last date). Writes the scenario (which extends \
            a baseline for carers, costs and needs) and calibration-report.md beside it.
            With --fostering FILE --la NAME, Ofsted's local-authority fostering figures for the council set its \
            in-house households, places, on-hold share, approvals, deregistration and (without DATA) Staying Put; \
            without DATA the scenario extends the baseline with those alone.
            """
    )

    @OptionGroup var input: DataOptions

    @Option(name: .long, help: "Start of the reference window (yyyy-mm-dd).")
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

    @Flag(name: .long, help: "Overwrite --out (and, with --fostering, calibration-report.md) if it exists.")
    var force = false

    @Option(name: .long, help: "Ofsted local-authority fostering CSV for one year (la-fostering-2018-19.csv): the council's own carers.")
    var fostering: String?

    @Option(name: .customLong("fostering-la"), help: "The council's name in the --fostering file, when it differs from --la or the return has no LA column.")
    var fosteringLa: String?

    @Flag(name: .long, help: "With --fostering, also write the recruitment funnel (enquiries and conversions), which the model then uses instead of approvals_per_year.")
    var funnel = false

    func validate() throws {
        guard out.hasSuffix(".yaml") else { throw ValidationError("--out must be a .yaml file") }
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
        if FileManager.default.fileExists(atPath: out) && !force { throw InputError("\(out): exists; use --force to overwrite it") }
        if fostering != nil && FileManager.default.fileExists(atPath: reportURL.path) && !force {
            throw InputError("\(reportURL.path): exists; use --force to overwrite it")
        }
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
            yaml = try checked(supply.scenarioYAML(), name: name)
            report = supply.reportMarkdown()
            summary = "read \(supply.label): set \(supply.parametersWritten.count) parameters and \(supply.estimates.references.count) "
                + "references, kept \(supply.parametersKept.count) from \(baseline)"
        } else {
            let data = try input.load()
            var options = Calibration.Options()
            options.windowStart = try parseDate(referenceStart, "--reference-start")
            options.windowEnd = try parseDate(referenceEnd, "--reference-end")
            options.snapshot = try parseDate(snapshotDate, "--snapshot-date")
            options.minimumEvents = minimumEvents
            options.entriesTrend = entries == .trend
            options.parameterUncertainty = !noParameterUncertainty
            options.baseline = baseline
            options.name = name
            (yaml, report) = try calibrate(data, options, fostering: supply)
            summary = "read \(data.quality.rowsRead) rows (\(data.children.count) children, \(data.quality.rejected.count) rejected)"
                + (supply.map { "; fostering supply from \($0.label)" } ?? "")
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(yaml.utf8).write(to: url, options: .atomic)
            try Data(report.utf8).write(to: reportURL, options: .atomic)
        } catch {
            throw InputError("\(out): cannot write: \(error.localizedDescription)")
        }
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

/// Calibrates and checks the result is a valid scenario before anything is written.
func calibrate(_ data: SSDA903Data, _ options: Calibration.Options,
               fostering: FosteringCalibration? = nil) throws -> (yaml: String, report: String) {
    var calibration: Calibration
    do {
        calibration = try Calibration(data: data, options: options)
    } catch let error as CalibrationError {
        throw InputError("calibration: \(error.description)")
    } catch let error as ScenarioError {
        throw InputError(error.problems.map(\.description))
    }
    calibration.fostering = fostering
    let yaml = try checked(calibration.scenarioYAML(), name: options.name)
    return (yaml, calibration.reportMarkdown())
}

/// `yaml` after checking that it loads: a calibration never writes a scenario the loader refuses.
func checked(_ yaml: String, name: String) throws -> String {
    do {
        _ = try ScenarioLoader.load(yaml: yaml, file: name + ".yaml")
    } catch let error as ScenarioError {
        throw InputError(["calibration produced an invalid scenario (a bug; please report it):"] + error.problems.map(\.description))
    }
    return yaml
}
