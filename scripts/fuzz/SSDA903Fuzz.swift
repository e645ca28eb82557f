// libFuzzer entry point for the SSDA903 reader and the calibration behind `sufficiency calibrate` (built by
// scripts/fuzz.sh, not by `swift build`).
//
// Each input holds a header file and an episodes file, separated by a line `==> episodes <==`. They are written to
// a scratch folder and read as a return; the reader must answer with data or an `SSDA903Error`, and calibration with
// a scenario that loads or a `CalibrationError`/`ScenarioError` naming what is out of range. A crash, a hang, or a
// calibrated scenario the loader refuses is a finding.
import Foundation
import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel

let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sufficiency-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReturn(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let separator = Array("\n==> episodes <==\n".utf8)
    var cut = bytes.count
    if bytes.count >= separator.count {
        for i in 0...(bytes.count - separator.count) where bytes[i..<(i + separator.count)].elementsEqual(separator) {
            cut = i
            break
        }
    }
    let header = Data(bytes[..<cut])
    let episodes = Data(cut < bytes.count ? bytes[(cut + separator.count)...] : [])
    let headerURL = scratch.appendingPathComponent("header.csv")
    let episodesURL = scratch.appendingPathComponent("episodes.csv")
    try? header.write(to: headerURL)
    try? episodes.write(to: episodesURL)
    let data: SSDA903Data
    do {
        data = try SSDA903Reader.load(paths: [headerURL.path, episodesURL.path], la: nil)
    } catch is SSDA903Error {
        return 0
    } catch {
        fatalError("the reader threw something other than an SSDA903Error: \(error)")
    }
    var options = Calibration.Options()
    options.parameterUncertainty = true
    do {
        var calibration = try Calibration(data: data, options: options)
        let yaml = calibration.scenarioYAML()
        _ = calibration.reportMarkdown()
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "calibrated.yaml")
        } catch let error as ScenarioError {
            fatalError("calibration produced a scenario the loader refuses: \(error.problems.map(\.description))")
        }
    } catch is CalibrationError {
    } catch is ScenarioError {
    } catch {
        fatalError("calibration threw something unexpected: \(error)")
    }
    return 0
}
