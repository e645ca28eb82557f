@testable import SufficiencyModel
import XCTest
import Yams

/// The loader composes scenarios with a rule-less resolver (no regular expressions), so `--set` finds a key path's
/// keys by `ScenarioOverride.names`, which must decide exactly as Yams' `mapping[text]` did with its default rules.
final class OverrideKeyTests: XCTestCase {
    /// Keys as a file may write them: plain, quoted, with standard, non-specific and custom tags, and texts that
    /// Yams' default rules read as numbers, booleans, null, dates and the merge and value keys.
    static let keys = ["1", "\"1\"", "'1'", "!!int 1", "!!str 1", "! 1", "!custom 1", "!!float 1", "1.0", "0x10",
                       "yes", "\"yes\"", "!!bool yes", "true", "~", "null", "\"null\"", "!!null null", "2017-04-01",
                       "\"2017-04-01\"", "<<", "=", "value", "\"value\"", "!!str value", "!!int value", "! value",
                       "population", "'population'", "\"\""]
    static let texts = ["1", "yes", "true", "~", "null", "value", "2017-04-01", "1.0", "0x10", "<<", "=",
                        "population", ""]

    func testAKeyPathPartNamesTheKeysThatYamsDefaultRulesMatched() throws {
        for key in Self.keys {
            let yaml = "\(key): x\n"
            guard case .mapping(let byDefault)? = try Yams.compose(yaml: yaml),
                  case .mapping(let ruleless)? = try Yams.compose(yaml: yaml, .basic) else {
                return XCTFail("\(key) does not compose to a mapping")
            }
            for text in Self.texts {
                let key = try XCTUnwrap(ruleless.first?.key)
                XCTAssertEqual(ScenarioOverride.names(key, text), byDefault[text] != nil, "key \(yaml) named by \(text)")
            }
        }
    }

    func testSetFindsAParameterUnderAQuotedKeyAndNotUnderAQuotedNumber() throws {
        let root = try XCTUnwrap(try Yams.compose(yaml: "\"a\":\n  \"b\": {value: 1}\n  \"1\": {value: 2}\n  2: {value: 3}\n", .basic))
        func set(_ keyPath: String) -> String? {
            ScenarioOverride.apply(ScenarioOverride(keyPath: keyPath, value: "9"), to: root).map(YAMLText.serialize)
        }
        XCTAssertEqual(set("a.b"), "\"a\":\n  \"b\":\n    value: 9\n    source: 'command line: --set a.b=9'\n    layer: --set\n"
                       + "  \"1\":\n    value: 2\n  2:\n    value: 3\n")
        XCTAssertNil(set("a.1"), "a quoted 1 is text, which the number 1 of a key path is not")
        XCTAssertNotNil(set("a.2"))
        XCTAssertNil(set("a.c"))
    }

    /// A misspelt key in a file got "did you mean"; the same on the command line got none.
    func testAMisspeltSetKeyIsAnsweredWithTheNearestKeyPathTheScenarioGives() throws {
        func load(_ keyPath: String) throws {
            _ = try ScenarioLoader.load(yaml: EmbeddedScenarios.text(named: "peterborough-2017")!,
                                        file: "embedded:peterborough-2017",
                                        overrides: [ScenarioOverride(keyPath: keyPath, value: "5")])
        }
        XCTAssertThrowsError(try load("uasc.anual_rate")) {
            XCTAssertEqual(($0 as? ScenarioError)?.description,
                           "--set: uasc.anual_rate: no parameter with this key path in embedded:peterborough-2017; "
                           + "did you mean 'uasc.annual_rate'?")
        }
        XCTAssertThrowsError(try load("zzz.qqq")) {
            XCTAssertEqual(($0 as? ScenarioError)?.description,
                           "--set: zzz.qqq: no parameter with this key path in embedded:peterborough-2017", "nothing near")
        }
    }
}
