// libyaml's C module, which Yams builds as its own target `CYaml` without exporting it as a product. SwiftPM
// makes a dependency's C modules visible to its dependents (Yams' own interface needs them), so this import
// resolves through the Yams dependency already declared for this target; it is the same libyaml Yams parses with,
// so the scan sees exactly the events Yams will compose.
import CYaml
import Yams

/// A pass over a YAML text's event stream that enforces `ScenarioLimits` before anything is composed.
///
/// libyaml's parser is a state machine with its own heap-allocated stack, so unlike Yams' composer it cannot
/// overflow the call stack however deep the text nests, and it produces events one at a time: the scan stops at
/// the first event that breaks a limit, after reading no further than that point. A syntax error ends the scan
/// without a problem: Yams then reports it in its usual words, having composed no deeper than the scan saw.
enum YAMLEventScan {
    /// What a scan saw: the deepest nesting and the number of nodes (keys, values, items and collections).
    /// Tests use it to show how far the real scenarios are from the limits.
    struct Extent: Equatable {
        var depth = 0
        var nodes = 0
    }

    /// A tree's extent, and a rough size of its text written out: its scalars' bytes four times over (a quoted
    /// scalar's escapes, `\xNN` for a byte, are at most that) plus each node's indentation and punctuation. Never
    /// less than the text's size in practice; the loader writes the text out to measure it exactly only above a
    /// fraction of the byte limit.
    struct TreeExtent {
        var extent = Extent()
        var roughBytes = 0
    }

    /// Throws a one-problem `ScenarioError` naming `file` and the line where `yaml` first breaks a limit: too
    /// large, nested deeper than `ScenarioLimits.maximumDepth`, more than `ScenarioLimits.maximumNodes` nodes, a
    /// key path longer than `ScenarioLimits.maximumKeyPath`, or an anchor or alias. Returns the extent of a text
    /// within the limits. `keyPathPrefix` is the length of the key path the text is the value of (a `--set` table
    /// lands under `entries.annual_rate.value`), so that its keys' paths are measured as a reader will see them.
    ///
    /// - Complexity: O(b) for b bytes of text: libyaml reads the text once, as a state machine with its own heap
    ///   stack, and each event is handled in O(1) plus the length of a key (whose characters are counted for the
    ///   key path). The scan stops at the first limit broken, reading no further. Memory: one frame per open
    ///   mapping or list (at most `ScenarioLimits.maximumDepth`) besides libyaml's buffers; nothing is composed.
    @discardableResult
    static func check(_ yaml: String, file: String, keyPathPrefix: Int = 0) throws -> Extent {
        let bytes = yaml.utf8.count
        guard bytes <= ScenarioLimits.maximumBytes else {
            throw ScenarioError([ScenarioProblem(file: file, line: nil, keyPath: "",
                                                 message: ScenarioLimits.tooLargeMessage(bytes: bytes))])
        }
        var text = yaml  // `withUTF8` may make the text contiguous, so it needs a copy it can change
        let (problem, extent) = text.withUTF8 { scan($0, file: file, keyPathPrefix: keyPathPrefix) }
        if let problem { throw ScenarioError([problem]) }
        return extent
    }

    /// An open mapping or list.
    private struct Frame {
        var isMapping: Bool
        /// Length of this collection's key path, in characters, as problems spell it (`a.b[2].c`).
        var pathLength: Int
        /// In a mapping: whether the next node is a key, and the path length of the value after the last key.
        var expectingKey = true
        var valuePathLength = 0
        /// In a list: the index of the next item.
        var nextItem = 0
    }

    /// The first limit broken in the UTF-8 text `utf8`, if any, and the extent seen up to there.
    private static func scan(_ utf8: UnsafeBufferPointer<UInt8>, file: String, keyPathPrefix: Int) -> (ScenarioProblem?, Extent) {
        var extent = Extent()
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return (nil, extent) }
        // The parser on the heap, at one address for its whole life: libyaml keeps a pointer to the parser inside
        // itself (its read handler's data), and `&parser` on a local variable is only guaranteed for the one call.
        // Yams allocates its parser the same way.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return (nil, extent) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, base, utf8.count)
        var frames: [Frame] = []
        var event = yaml_event_t()
        while yaml_parser_parse(parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            func refuse(_ message: String) -> (ScenarioProblem?, Extent) {
                (ScenarioProblem(file: file, line: line, keyPath: "", message: message), extent)
            }
            let anchor: UnsafeMutablePointer<yaml_char_t>?
            var key: UnsafeBufferPointer<UInt8>? = nil
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return (nil, extent)
            case YAML_ALIAS_EVENT:
                return refuse(aliasMessage("alias *", event.data.alias.anchor))
            case YAML_SCALAR_EVENT:
                anchor = event.data.scalar.anchor
                key = UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length)
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                frames.removeLast()
                continue
            default:
                continue
            }
            if anchor != nil { return refuse(aliasMessage("anchor &", anchor)) }
            extent.nodes += 1
            if extent.nodes > ScenarioLimits.maximumNodes {
                return refuse("more than \(ScenarioLimits.maximumNodes) YAML nodes (keys, values and list items; the limit)")
            }
            let pathLength = frames.isEmpty ? keyPathPrefix : place(in: &frames[frames.count - 1], scalar: key)
            if pathLength > ScenarioLimits.maximumKeyPath {
                return refuse("key path longer than \(ScenarioLimits.maximumKeyPath) characters (the limit)")
            }
            if event.type != YAML_SCALAR_EVENT {
                frames.append(Frame(isMapping: event.type == YAML_MAPPING_START_EVENT, pathLength: pathLength))
                extent.depth = max(extent.depth, frames.count)
                if frames.count > ScenarioLimits.maximumDepth {
                    return refuse("YAML nesting deeper than \(ScenarioLimits.maximumDepth) levels (the limit)")
                }
            }
        }
        return (nil, extent)
    }

    /// The extent of a composed tree as a scan of its text written out would count it: one node for each scalar
    /// (keys included) and each mapping and list, and the depth of open mappings and lists. The loader holds the
    /// tree it runs (its layers merged, `layer:` tags and `--set` values added) to the limits with it, so that the
    /// run's `scenario.resolved.yaml` reads back.
    ///
    /// - Complexity: O(n) for n nodes; recursion as deep as the tree, which is built from texts each within
    ///   `ScenarioLimits.maximumDepth` and so at most that deep plus a `--set` value's key path.
    static func extent(of node: Node) -> TreeExtent {
        var out = TreeExtent()
        func walk(_ node: Node, depth: Int) {
            out.extent.nodes += 1
            out.roughBytes += 2 * depth + 4
            switch node {
            case .scalar(let s): out.roughBytes += 4 * s.string.utf8.count
            case .mapping(let m):
                out.extent.depth = max(out.extent.depth, depth + 1)
                for (key, value) in m { walk(key, depth: depth + 1); walk(value, depth: depth + 1) }
            case .sequence(let s):
                out.extent.depth = max(out.extent.depth, depth + 1)
                for item in s { walk(item, depth: depth + 1) }
            }
        }
        walk(node, depth: 0)
        return out
    }

    /// The key path length of a node that comes next in `parent`, which moves on past it. `scalar` is the node's
    /// text when it is a scalar: a scalar key lengthens the path of the value after it; a key that is a mapping or
    /// list is no plain name, gets no path of its own and leaves the value at the mapping's path.
    private static func place(in parent: inout Frame, scalar: UnsafeBufferPointer<UInt8>?) -> Int {
        guard parent.isMapping else {
            defer { parent.nextItem += 1 }
            return parent.pathLength + 2 + String(parent.nextItem).count  // `[i]`
        }
        parent.expectingKey.toggle()
        guard !parent.expectingKey else { return parent.valuePathLength }  // a value: its key was just read
        parent.valuePathLength = parent.pathLength
        if let scalar {
            // Characters of the key: its UTF-8 bytes that are not continuation bytes, after a "." unless at the root.
            let characters = scalar.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            parent.valuePathLength += (parent.pathLength > 0 ? 1 : 0) + characters
        }
        return parent.valuePathLength
    }

    private static func aliasMessage(_ kind: String, _ name: UnsafeMutablePointer<yaml_char_t>?) -> String {
        let text = name.map { String(cString: $0) } ?? ""
        return "YAML \(kind)\(text): scenario files take no anchors or aliases; write each value out where it is used"
    }
}
