import XCTest
@testable import SufficiencySimulation

/// The world's noncopyable tables behave as the arrays they replaced: order kept through growth, removal from the
/// end, emptying that keeps nothing behind, and lists that grow independently.
final class RecordsTests: XCTestCase {
    func testAppendsGrowPastTheInitialCapacityKeepingOrder() {
        var r = Records<Int>(capacity: 2)
        for k in 0..<1_000 { r.append(k * k) }
        XCTAssertEqual(r.count, 1_000)
        XCTAssertEqual(r.elements, (0..<1_000).map { $0 * $0 })
        r[7] += 1
        XCTAssertEqual(r[7], 50)
    }

    func testRemoveLastAndRemoveAllThenReuse() {
        var r = Records<Double>(capacity: 4)
        for k in 0..<10 { r.append(Double(k)) }
        XCTAssertEqual(r.removeLast(), 9)
        XCTAssertEqual(r.removeLast(), 8)
        XCTAssertEqual(r.count, 8)
        r.removeAll()
        XCTAssertTrue(r.isEmpty)
        XCTAssertEqual(r.indices, 0..<0)
        r.append(3.5)
        XCTAssertEqual(r.elements, [3.5])
    }

    func testFillAndResetReplaceEveryRecord() {
        var r = Records<Int64>(repeating: 7, count: 5)
        XCTAssertEqual(r.elements, [7, 7, 7, 7, 7])
        r.fill(with: 0)
        XCTAssertEqual(r.elements, [0, 0, 0, 0, 0])
        r.reset(repeating: -1, count: 12)
        XCTAssertEqual(r.elements, [Int64](repeating: -1, count: 12))
        r.reset(repeating: 2, count: 3)
        XCTAssertEqual(r.elements, [2, 2, 2])
    }

    func testListsGrowIndependently() {
        var lists = RecordLists<Int32>(count: 3)
        for k in 0..<100 { lists[k % 3 == 0 ? 0 : 2].append(Int32(k)) }
        XCTAssertEqual(lists[0].count, 34)
        XCTAssertEqual(lists[1].count, 0)
        XCTAssertEqual(lists[2].count, 66)
        XCTAssertEqual(lists[0].elements, stride(from: 0, to: 100, by: 3).map(Int32.init))
        lists[2][0] = -5
        XCTAssertEqual(lists[2][0], -5)
        XCTAssertEqual(lists[2].removeLast(), 98)
    }
}
