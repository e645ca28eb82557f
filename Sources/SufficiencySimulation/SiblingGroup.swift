/// Up to four children matched together, stored inline so a placement request allocates nothing.
///
/// Scenarios give sibling groups of 1 to 4 (`sibling_group_size_mix`); a group of 4 stands for 4 or more.
struct SiblingGroup {
    private var members: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
    private(set) var count = 0

    static let capacity = 4

    init() {}

    /// A group of one.
    init(_ child: Int) { append(child) }

    mutating func append(_ child: Int) {
        precondition(count < SiblingGroup.capacity, "a sibling group holds at most \(SiblingGroup.capacity) children")
        switch count {
        case 0: members.0 = Int32(child)
        case 1: members.1 = Int32(child)
        case 2: members.2 = Int32(child)
        default: members.3 = Int32(child)
        }
        count += 1
    }

    subscript(k: Int) -> Int {
        switch k {
        case 0: return Int(members.0)
        case 1: return Int(members.1)
        case 2: return Int(members.2)
        default: return Int(members.3)
        }
    }

    var isEmpty: Bool { count == 0 }
}
