import Testing
@testable import FlintCore

/// Counts live instances, to check that moved-out and remaining records are each destroyed once.
private final class Tracked {
    nonisolated(unsafe) static var live = 0
    let value: Int
    init(_ value: Int) {
        self.value = value
        Tracked.live += 1
    }
    deinit { Tracked.live -= 1 }
}

@Suite("RecordBuffer", .serialized)
struct RecordBufferTests {
    @Test("moves records out in batches and destroys the rest exactly once")
    func movesOutAndDestroysTheRest() {
        do {
            let buffer = RecordBuffer<(Int, Tracked)>(capacity: 4)
            for chunk in stride(from: 0, to: 100, by: 10) {
                buffer.append(contentsOf: (chunk..<chunk + 10).map { ($0, Tracked($0)) })
            }
            #expect(buffer.count == 100)
            #expect(Tracked.live == 100)
            var records = buffer.records
            records.sort { $0.0 > $1.0 }
            let first = buffer.moveOut(limit: 30)
            #expect(first?.map(\.0) == Array((70..<100).reversed()))
            #expect(first?.allSatisfy { $0.0 == $0.1.value } == true)
            #expect(Tracked.live == 100)
        }
        #expect(Tracked.live == 0)
    }

    @Test("removeAll empties the buffer for reuse after a spill")
    func removeAllEmpties() {
        let buffer = RecordBuffer<(Int, Tracked)>()
        buffer.append(contentsOf: [(1, Tracked(1)), (2, Tracked(2))])
        buffer.removeAll()
        #expect(buffer.count == 0)
        #expect(Tracked.live == 0)
        buffer.append(contentsOf: [(3, Tracked(3))])
        #expect(buffer.moveOut(limit: 10)?.map(\.0) == [3])
        #expect(buffer.moveOut(limit: 10) == nil)
    }
}
