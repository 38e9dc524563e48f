import FlintCore
import FlintLinalg
import Foundation

/// The blocked ALS of Spark's `ALS.train`: ratings cut into user × item block pairs, each side's
/// blocks built once and cached (`ALSBlock`), factors initialised with unit-norm Gaussian rows,
/// then `maxIter` rounds of solving the items from the users' factors and the users from the
/// items'. Each half-iteration ships every factor only to the blocks that rate it (one shuffle of
/// factor messages) and solves each block where its ratings are cached.
///
/// Explicit feedback runs the iterations as one job at the end (each half-iteration is a stage;
/// nothing is cached between them, as Spark); implicit feedback needs YᵀY of each side before
/// solving the other, so its factors are persisted per half-iteration. With a checkpoint directory,
/// the item factors are checkpointed every `checkpointInterval` iterations (and in the first), which
/// cuts the lineage.
struct ALSTraining {
    let rank: Int
    let maxIter: Int
    let regParam: Double
    let implicitPrefs: Bool
    let alpha: Double
    let nonnegative: Bool
    let userBlocks: Int
    let itemBlocks: Int
    let seed: Int64
    let checkpointInterval: Int
    let storageLevel: StorageLevel

    typealias Blocks = RDD<(Int, ALSBlock)>
    typealias Factors = RDD<(Int, [Float])>

    /// The user and item factors fitted to `ratings`.
    /// - Throws: `MLError.invalidData` for no ratings or bad values (from the ratings' jobs) or an
    ///   unsolvable system; what the jobs throw.
    func run(_ ratings: RDD<ALSRatingBatch>) throws -> (users: ALSFactors, items: ALSFactors) {
        BLAS.useOneThreadPerTask
        let userPartitioner = ALSPartitioner(blocks: userBlocks)
        let itemPartitioner = ALSPartitioner(blocks: itemBlocks)
        let chunks = try ALSTraining.chunks(ratings, users: userPartitioner, items: itemPartitioner).persist(storageLevel)
        defer { chunks.unpersist() }
        let users = try ALSTraining.blocks(chunks, ofUsers: true, partitioner: userPartitioner, otherBlocks: itemBlocks).persist(storageLevel)
        let items = try ALSTraining.blocks(chunks, ofUsers: false, partitioner: itemPartitioner, otherBlocks: userBlocks).persist(storageLevel)
        defer {
            users.unpersist()
            items.unpersist()
        }
        let ratingCount = try users.map { $0.1.ratingCount }.reduce(+)
        guard ratingCount > 0 else { throw MLError.invalidData("No ratings available from the training data") }

        let context = users.context
        var random = SeededRandom(seed: UInt64(bitPattern: seed))
        var userFactors = ALSTraining.initialFactors(users, rank: rank, seed: random.next())
        var itemFactors = ALSTraining.initialFactors(items, rank: rank, seed: random.next())
        let userSolver = solver(side: "user")
        let itemSolver = solver(side: "item")
        var previousCheckpoint: String?
        var persisted: [Factors] = []
        for iteration in 0..<maxIter {
            itemFactors = try halfIteration(from: (users, userFactors), to: items, partitioner: itemPartitioner, solver: itemSolver)
            if implicitPrefs { persisted.append(try itemFactors.persist(storageLevel)) }
            if context.checkpointDir != nil, checkpointInterval != -1, iteration % checkpointInterval == 0 {
                try itemFactors.checkpoint()
                _ = try itemFactors.count()
                if let previousCheckpoint { try? FileManager.default.removeItem(atPath: previousCheckpoint) }
                previousCheckpoint = itemFactors.getCheckpointFile()
            }
            userFactors = try halfIteration(from: (items, itemFactors), to: users, partitioner: userPartitioner, solver: userSolver)
            if implicitPrefs {
                persisted.append(try userFactors.persist(storageLevel))
                // Keep only the latest pair of factor RDDs cached.
                while persisted.count > 2 { persisted.removeFirst().unpersist() }
            }
        }
        let finalItems = try itemFactors.persist(storageLevel)
        defer {
            finalItems.unpersist()
            persisted.forEach { $0.unpersist() }
            if let previousCheckpoint { try? FileManager.default.removeItem(atPath: previousCheckpoint) }
        }
        return (try ALSTraining.collect(users, userFactors, rank: rank), try ALSTraining.collect(items, finalItems, rank: rank))
    }

    private func solver(side: String) -> ALSSolver {
        ALSSolver(rank: rank, regParam: regParam, implicitPrefs: implicitPrefs, alpha: alpha, nonnegative: nonnegative, side: side)
    }

    /// New factors of the `to` blocks from the factors of the `from` blocks: each source block
    /// sends the factors each destination block needs (one shuffle), then every destination block
    /// solves its ids.
    private func halfIteration(from source: (blocks: Blocks, factors: Factors), to destination: Blocks,
                               partitioner: ALSPartitioner, solver: ALSSolver) throws -> Factors {
        let gram = implicitPrefs ? try ALSTraining.gram(source.factors, rank: rank) : nil
        let rank = self.rank
        let sourcePartitioner = ALSPartitioner(blocks: source.blocks.numPartitions)
        let messages = source.blocks.cogroup(source.factors, partitioner: sourcePartitioner).flatMap { entry -> [(Int, ALSFactorMessage)] in
            let (block, (blocks, factors)) = entry
            guard let sender = blocks.first, let values = factors.first else { return [] }
            return sender.sendRows.enumerated().compactMap { target, rows in
                guard !rows.isEmpty else { return nil }
                var gathered = [Float](repeating: 0, count: rows.count * rank)
                for (index, row) in rows.enumerated() {
                    for f in 0..<rank { gathered[index * rank + f] = values[Int(row) * rank + f] }
                }
                return (target, ALSFactorMessage(source: block, factors: gathered))
            }
        }.partitionBy(partitioner)
        return destination.cogroup(messages, partitioner: partitioner).mapValues { entry in
            guard let block = entry.0.first else { return [] }
            return try solver.solve(block, messages: entry.1, gram: gram)
        }
    }

    /// The ratings cut into chunks of one user block × item block pair each.
    static func chunks(_ ratings: RDD<ALSRatingBatch>, users: ALSPartitioner, items: ALSPartitioner) -> RDD<ALSRatingChunk> {
        ratings.mapPartitions { batches in
            var open = [Int: ALSRatingChunk]()
            var finished = false
            return BatchIterator {
                var full: [ALSRatingChunk] = []
                while full.isEmpty {
                    guard !finished, let batch = try batches.nextBatch() else {
                        if finished { return nil }
                        finished = true
                        let rest = open.keys.sorted().map { open[$0]! }
                        return rest.isEmpty ? nil : rest
                    }
                    for ratingBatch in batch {
                        for row in 0..<ratingBatch.count {
                            let user = ratingBatch.users[row], item = ratingBatch.items[row]
                            let userBlock = users.block(of: user), itemBlock = items.block(of: item)
                            let key = userBlock * items.numPartitions + itemBlock
                            open[key, default: ALSRatingChunk(userBlock: userBlock, itemBlock: itemBlock)].append(user, item, ratingBatch.ratings[row])
                            if open[key]!.ratings.count >= ALSRatingChunk.capacity { full.append(open.removeValue(forKey: key)!) }
                        }
                    }
                }
                return full
            }
        }
    }

    /// One side's blocks, block b in partition b.
    static func blocks(_ chunks: RDD<ALSRatingChunk>, ofUsers: Bool, partitioner: ALSPartitioner, otherBlocks: Int) -> Blocks {
        chunks.map { chunk in (ofUsers ? chunk.userBlock : chunk.itemBlock, chunk) }
            .partitionBy(partitioner)
            .mapPartitionsWithIndex(preservesPartitioning: true) { index, records in
                let block = ALSBlock(chunks: try records.collectAll().map(\.1), ofUsers: ofUsers, otherBlocks: otherBlocks)
                return BatchIterator([(index, block)])
            }
    }

    /// Unit-length rows of standard Gaussian draws, one per id (as Spark's `initialize`), seeded
    /// per id rather than per block so that the model does not depend on the block counts.
    static func initialFactors(_ blocks: Blocks, rank: Int, seed: UInt64) -> Factors {
        blocks.mapPartitions(preservesPartitioning: true) { entries in
            entries.map { index, block in
                var factors = [Float](repeating: 0, count: block.ids.count * rank)
                for (row, id) in block.ids.enumerated() {
                    var random = SeededRandom(seed: seed ^ (UInt64(UInt32(bitPattern: id)) &* 0x9E37_79B9_7F4A_7C15))
                    let values = (0..<rank).map { _ in random.nextGaussian() }
                    let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    for f in 0..<rank { factors[row * rank + f] = Float(values[f] / norm) }
                }
                return (index, factors)
            }
        }
    }

    /// YᵀY of all the factors (k × k, column-major, both triangles), for implicit feedback.
    static func gram(_ factors: Factors, rank: Int) throws -> [Double] {
        let zero = [Double](repeating: 0, count: rank * rank)
        var gram = try factors.treeAggregate(zero, seqOp: { sum, entry in
            var sum = sum
            let values = entry.1.map(Double.init)
            values.withUnsafeBufferPointer { a in
                sum.withUnsafeMutableBufferPointer { c in
                    BLAS.syrk(transposeA: false, n: rank, k: values.count / rank, alpha: 1, a: a, lda: rank, beta: 1, c: c, ldc: rank)
                }
            }
            return sum
        }, combOp: { a, b in zip(a, b).map(+) })
        for j in 0..<rank { for i in (j + 1)..<rank { gram[i + j * rank] = gram[j + i * rank] } }
        return gram
    }

    /// The factors of every id, gathered on the driver in id order.
    static func collect(_ blocks: Blocks, _ factors: Factors, rank: Int) throws -> ALSFactors {
        let parts = try blocks.cogroup(factors, partitioner: ALSPartitioner(blocks: blocks.numPartitions))
            .map { entry in (entry.1.0.first?.ids ?? [], entry.1.1.first ?? []) }
            .collect()
        let ids = parts.flatMap(\.0)
        let values = parts.flatMap(\.1)
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var sorted = [Float](repeating: 0, count: values.count)
        for (position, index) in order.enumerated() {
            for f in 0..<rank { sorted[position * rank + f] = values[index * rank + f] }
        }
        return ALSFactors(rank: rank, ids: order.map { ids[$0] }, values: sorted)
    }
}

extension ALSRatingChunk {
    mutating func append(_ user: Int32, _ item: Int32, _ rating: Float) {
        users.append(user)
        items.append(item)
        ratings.append(rating)
    }
}
