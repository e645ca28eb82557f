@testable import SufficiencyModel
import XCTest
import Yams

/// `YAMLText` writes a tree without resolving its scalars' tags, and must write exactly what `Yams.serialize` writes.
final class YAMLTextTests: XCTestCase {
    /// Documents with every kind of scalar the resolver tells apart, quoted and plain, explicit tags on scalars,
    /// mappings and lists (standard and custom), flow and block styles, and text that must be quoted or escaped.
    static let documents = [
        "a: 1\nb: 1.5\nc: 1e3\nd: .5\ne: +1\nf: 0x10\ng: 1_000\nh: ~\ni: null\nj: yes\nk: true\nl: 2017-04-01\nm: <<\nn: =\n",
        "quoted: {a: \"1\", b: '2', c: \"yes\", d: \"\", e: '', f: \"a: b\", g: \"line\\nbreak\", h: \"tab\\there\"}\n",
        "tagged: {a: !!str 1, b: !!int \"2\", c: !custom x, d: ! 3, e: !!float 4}\n",
        "maps: !!map {a: 1}\ncustom: !thing {b: 2}\nlist: !!seq [1, 2]\nother: !things [3]\nbare: ! {c: 3}\n",
        "nested:\n  - [1, \"2\", {three: 3}]\n  - key: value\n    other: [a, b]\n  - - deep\n    - - deeper\n",
        "text: >\n  folded text\n  over lines\nliteral: |\n  kept\n  as is\nunicode: \"é ü £ — 中文\"\nempty:\n",
        "\"0\": {2017-18: 0.92, 2018-19: 0.85}\n\"1-4\": [1, 2, 3]\n? [complex, key]\n: value\n",
    ]

    func testTheTextIsWhatYamsWritesForEveryKindOfScalarTagAndStyle() throws {
        for document in Self.documents {
            let node = try XCTUnwrap(try Yams.compose(yaml: document), document)
            let expected = try Yams.serialize(node: try XCTUnwrap(try Yams.compose(yaml: document)), width: -1,
                                              allowUnicode: true, sortKeys: false)
            XCTAssertEqual(YAMLText.serialize(node), expected, document)
        }
    }

    func testTheTextOfTheDefaultScenarioAndOfATemplateIsWhatYamsWrites() throws {
        let loaded = try ScenarioLoader.loadDefault()
        let expected = "# Resolved scenario, as run. Origin: \(loaded.origin)\n"
            + (try Yams.serialize(node: loaded.tree.root, width: -1, allowUnicode: true, sortKeys: false))
        XCTAssertEqual(loaded.resolvedYAML, expected)
        let built = Node.mapping(Node.Mapping([(Node("value"), Node("12", .implicit, .plain)),
                                               (Node("unit"), Node("children", .implicit, .plain)),
                                               (Node("source"), Node("...", .implicit, .doubleQuoted))], .implicit, .flow))
        XCTAssertEqual(YAMLText.serialize(built), try Yams.serialize(node: built, width: -1, allowUnicode: true, sortKeys: false))
    }

    func testWritingLeavesTheTreesTagsUnresolved() throws {
        let node = try XCTUnwrap(try Yams.compose(yaml: "a: 1\nb: [2]\n"))
        _ = YAMLText.serialize(node)
        guard case .mapping(let m) = node, case .scalar(let one)? = m.value(forPlainKey: "a"),
              case .sequence(let list)? = m.value(forPlainKey: "b") else { return XCTFail("not the tree composed") }
        XCTAssertEqual(one.tag.description, "", "a scalar's tag is still the one written (none)")
        XCTAssertEqual(m.tag.description, "", "a mapping's tag is still the one written (none)")
        XCTAssertEqual(list.tag.description, "")
        _ = try Yams.serialize(node: node)
        XCTAssertEqual(one.tag.description, Tag.Name.int.rawValue, "Yams' own writer resolves them, in the tree")
    }
}
