import FlintCore

/// The ratings between one user block and one item block, as the ratings are read (Spark's
/// `RatingBlock` keyed by its block pair). A partition's ratings are cut into chunks of at most
/// `ALSRatingChunk.capacity` per block pair, so a shuffle moves a few large records.
struct ALSRatingChunk: Sendable {
    static let capacity = 2048

    let userBlock: Int
    let itemBlock: Int
    var users: [Int32] = []
    var items: [Int32] = []
    var ratings: [Float] = []
}

extension ALSRatingChunk: FlintSerializable {
    func serialize(into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(userBlock))
        writer.writeVarUInt(UInt64(itemBlock))
        writer.writeArray(users)
        writer.writeArray(items)
        writer.writeArray(ratings)
    }

    static func deserialize(from reader: inout ByteReader) throws -> ALSRatingChunk {
        ALSRatingChunk(userBlock: try reader.readCount(), itemBlock: try reader.readCount(), users: try reader.readArray(of: Int32.self),
                       items: try reader.readArray(of: Int32.self), ratings: try reader.readArray(of: Float.self))
    }
}

/// One block of one side (users or items), built once and cached for every iteration: Spark's
/// `InBlock` and `OutBlock` in one value.
///
/// - Solving this side: the other side's blocks send the factors this block needs, one message
///   per block, `receiveCounts[o]` factors from block o (those of its ids rated with ids of this
///   block, in id order); they are concatenated in block order, and `neighbours[r]` is the row of
///   rating r's other id in that concatenation. The ratings of `ids[j]` are
///   `pointers[j] ..< pointers[j + 1]` (compressed sparse rows).
/// - Solving the other side: this block sends to block o the factors of its rows `sendRows[o]`.
struct ALSBlock: Sendable {
    /// This block's ids, ascending.
    let ids: [Int32]
    let pointers: [Int32]
    let neighbours: [Int32]
    let ratings: [Float]
    let receiveCounts: [Int32]
    let sendRows: [[Int32]]

    var ratingCount: Int { ratings.count }
}

extension ALSBlock {
    /// The block of the ratings in `chunks`, seen from the users' side (`ofUsers`) or the
    /// items'; `otherBlocks` is the number of blocks of the other side. O(r) with dictionaries for
    /// the id → row maps (r ratings) plus sorting the distinct ids.
    init(chunks: [ALSRatingChunk], ofUsers: Bool, otherBlocks: Int) {
        // Gather the ratings by the other side's block.
        var own = [[Int32]](repeating: [], count: otherBlocks)
        var other = [[Int32]](repeating: [], count: otherBlocks)
        var values = [[Float]](repeating: [], count: otherBlocks)
        for chunk in chunks {
            let block = ofUsers ? chunk.itemBlock : chunk.userBlock
            own[block] += ofUsers ? chunk.users : chunk.items
            other[block] += ofUsers ? chunk.items : chunk.users
            values[block] += chunk.ratings
        }
        let ids = Array(Set(own.joined())).sorted()
        var rowOfId = [Int32: Int32](minimumCapacity: ids.count)
        for (row, id) in ids.enumerated() { rowOfId[id] = Int32(row) }

        // Rows of the received factors: block by block, each block's distinct ids ascending.
        var receiveCounts = [Int32](repeating: 0, count: otherBlocks)
        var sendRows = [[Int32]](repeating: [], count: otherBlocks)
        var neighbourOf = [[Int32]](repeating: [], count: otherBlocks)
        var base: Int32 = 0
        for block in 0..<otherBlocks where !values[block].isEmpty {
            let distinct = Array(Set(other[block])).sorted()
            var position = [Int32: Int32](minimumCapacity: distinct.count)
            for (index, id) in distinct.enumerated() { position[id] = base + Int32(index) }
            neighbourOf[block] = other[block].map { position[$0]! }
            receiveCounts[block] = Int32(distinct.count)
            base += Int32(distinct.count)
            sendRows[block] = Array(Set(own[block])).sorted().map { rowOfId[$0]! }
        }

        // Counting sort of the ratings by this side's row (stable: block order, then input order).
        var pointers = [Int32](repeating: 0, count: ids.count + 1)
        for block in 0..<otherBlocks { for id in own[block] { pointers[Int(rowOfId[id]!) + 1] += 1 } }
        for row in 0..<ids.count { pointers[row + 1] += pointers[row] }
        var next = pointers
        let total = Int(pointers[ids.count])
        var neighbours = [Int32](repeating: 0, count: total)
        var ratings = [Float](repeating: 0, count: total)
        for block in 0..<otherBlocks {
            for index in own[block].indices {
                let row = Int(rowOfId[own[block][index]]!)
                let slot = Int(next[row])
                next[row] += 1
                neighbours[slot] = neighbourOf[block][index]
                ratings[slot] = values[block][index]
            }
        }
        self.init(ids: ids, pointers: pointers, neighbours: neighbours, ratings: ratings, receiveCounts: receiveCounts, sendRows: sendRows)
    }
}

extension ALSBlock: FlintSerializable {
    func serialize(into writer: inout ByteWriter) {
        writer.writeArray(ids)
        writer.writeArray(pointers)
        writer.writeArray(neighbours)
        writer.writeArray(ratings)
        writer.writeArray(receiveCounts)
        writer.writeVarUInt(UInt64(sendRows.count))
        for rows in sendRows { writer.writeArray(rows) }
    }

    static func deserialize(from reader: inout ByteReader) throws -> ALSBlock {
        let ids = try reader.readArray(of: Int32.self)
        let pointers = try reader.readArray(of: Int32.self)
        let neighbours = try reader.readArray(of: Int32.self)
        let ratings = try reader.readArray(of: Float.self)
        let receiveCounts = try reader.readArray(of: Int32.self)
        let blocks = try reader.readCount()
        var sendRows: [[Int32]] = []
        for _ in 0..<blocks { sendRows.append(try reader.readArray(of: Int32.self)) }
        return ALSBlock(ids: ids, pointers: pointers, neighbours: neighbours, ratings: ratings, receiveCounts: receiveCounts,
                        sendRows: sendRows)
    }
}

/// The factors one block sends to another: those of `ALSBlock.sendRows`, row by row.
struct ALSFactorMessage: Sendable {
    let source: Int
    let factors: [Float]
}

extension ALSFactorMessage: FlintSerializable {
    func serialize(into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(source))
        writer.writeArray(factors)
    }

    static func deserialize(from reader: inout ByteReader) throws -> ALSFactorMessage {
        ALSFactorMessage(source: try reader.readCount(), factors: try reader.readArray(of: Float.self))
    }
}
