import Foundation
import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import XCTest

/// A return with many rows calibrates, and nothing aborts on the way (issue 10): large counts in every cell, many
/// children, exact duplicates, repeated reports and rejected rows among them. The release build's speed is
/// measured by `scripts/bench-calibrate.sh` (a million rows); this keeps to 20,000 so the debug test stays quick.
final class LargeReturnTests: XCTestCase {
    /// Writes episodes and header files of about `rows` episode rows into `directory` (the shape of the benchmark's
    /// return, from a fixed seed); returns the number of children.
    static func generate(rows target: Int, into directory: URL) throws -> Int {
        var state: UInt64 = 7
        func uniform() -> Double {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        func exponential(_ mean: Double) -> Double { -mean * log(1 - uniform()) }
        let first = CivilDate(year: 2015, month: 4, day: 1).dayNumber, end = 6 * 365.0
        func date(_ day: Double) -> String { CivilDate(dayNumber: first + Int(day.rounded(.down))).description }
        let places = [("U4", "PR1"), ("U5", "PR4"), ("K2", "PR4"), ("U1", "PR1"), ("H5", "PR4")]
        let recs = ["E4A", "E11", "E8", "E45", "E13", "E17"]
        var episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        var header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        episodes.reserveCapacity(target * 60)
        var rows = 0, child = 1_000_000, t = 0.0
        while rows < target {
            t += exponential(6 * 365 / 5000)
            if t >= end { t = 0 }
            child += 1
            let birth = t - uniform() * 17 * 365.25
            header += "\(child),1,\(date(birth)),WBRI,U\(child),,\n"
            var start = t, rne = "S"
            // Care ends by the 18th birthday (a few days early, whatever the calendar): no episode starts at 18.
            let exit = min(t + exponential(2 * 365), birth + 18 * 365)
            var open = true
            while open {
                let move = start + exponential(2.5 * 365)
                let (place, provider) = places[Int(uniform() * Double(places.count))]
                let row: String
                if move < exit && move < end {
                    row = "\(child),\(date(start)),\(rne),C2,N1,\(place),\(provider),\(date(move)),X1,CREQB,,,\n"
                    start = move
                    rne = "P"
                } else {
                    let closed = exit < end
                    let rec = closed ? recs[Int(uniform() * Double(recs.count))] : ""
                    let dec = closed ? date(exit) : ""
                    row = "\(child),\(date(start)),\(rne),C2,N1,\(place),\(provider),\(dec),\(rec),,,,\n"
                    open = false
                }
                episodes += row
                rows += 1
                if uniform() < 0.01 { episodes += row }  // an exact duplicate
                if uniform() < 0.002 { episodes += "\(child),31/02/2019,\(rne),C2,N1,\(place),\(provider),,,,,,\n" }
            }
        }
        try Data(episodes.utf8).write(to: directory.appendingPathComponent("episodes.csv"))
        try Data(header.utf8).write(to: directory.appendingPathComponent("header.csv"))
        return child - 1_000_000
    }

    func testTwentyThousandRowsCalibrateWithoutAborting() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let children = try Self.generate(rows: 20_000, into: dir)

        let data = try SSDA903Reader.load(paths: [dir.path], la: nil)
        XCTAssertEqual(data.children.count, children)
        XCTAssertGreaterThan(data.quality.exactDuplicatesDropped, 100)
        XCTAssertGreaterThan(data.quality.rejected.count, 10)
        XCTAssertTrue(data.quality.rejected.allSatisfy { $0.reason == "unparseable DECOM \"31/02/2019\"" })

        var options = Calibration.Options()
        options.name = "large"
        var calibration = try Calibration(data: data, options: options)
        XCTAssertGreaterThan(calibration.estimates.childrenInCare, 1000)
        XCTAssertGreaterThan(calibration.estimates.exitEvents.joined().joined().reduce(0, +), 5000)
        let loaded = try ScenarioLoader.load(yaml: calibration.scenarioYAML(), file: "large.yaml")
        XCTAssertEqual(loaded.scenario.population.childrenInCare, calibration.estimates.childrenInCare)
        XCTAssertTrue(calibration.reportMarkdown().contains("| Exact duplicate episode rows dropped |"))
    }
}
