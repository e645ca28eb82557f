/// Items given more than once, for the checks that refuse a repeat (a CSV column named twice, a key path varied
/// twice, a sweep value given twice): one statement of "which repeat, how often, where", read by each.
public enum Repeats {
    /// Each item that occurs more than once in `items`, in the order of its first occurrence, with the (0-based)
    /// positions where it occurs. Empty when every item is distinct.
    public static func positions<T: Hashable>(in items: [T]) -> [(item: T, positions: [Int])] {
        var positions: [T: [Int]] = [:]
        var order: [T] = []
        for (i, item) in items.enumerated() {
            if positions[item] == nil { order.append(item) }
            positions[item, default: []].append(i)
        }
        return order.compactMap { item in
            let p = positions[item]!
            return p.count > 1 ? (item, p) : nil
        }
    }

    /// "twice", "3 times".
    public static func times(_ n: Int) -> String { n == 2 ? "twice" : "\(n) times" }
}
