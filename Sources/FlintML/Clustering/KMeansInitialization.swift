import FlintCore
import FlintLinalg
import Foundation

/// Initial centers for `KMeans`: "random" (k points drawn uniformly without replacement) or
/// "k-means||" (Bahmani et al., as Spark: a first random point, then `initSteps` rounds that
/// each draw every point with probability min(1, 2k · cost / total cost), then the candidates
/// weighted by the points closest to them). The candidates are reduced to k centers by greedy
/// k-means++ with 2 + ⌊ln k⌋ local trials per center (as scikit-learn) and weighted Lloyd
/// iterations, which avoids the poor local optima plain k-means++ on the candidates can reach.
struct KMeansInitialization {
    let blocks: RDD<InstanceBlock>
    let k: Int
    let seed: Int64
    let cosine: Bool

    /// `count` points drawn uniformly without replacement (each row gets a seeded random key;
    /// the smallest keys win), as rows of `dimension`.
    func randomPoints(_ count: Int, salt: UInt64) throws -> [[Double]] {
        let seed = UInt64(bitPattern: self.seed) &+ salt
        let candidates = try blocks.mapPartitionsWithIndex { partition, input in
            var random = SeededRandom(seed: seed &+ UInt64(partition) &* 0x9E37_79B9_7F4A_7C15)
            var best: [(key: UInt64, point: [Double])] = []
            try input.forEach { block in
                let d = block.numFeatures
                for row in 0..<block.count where block.weights[row] > 0 {
                    let key = random.next()
                    if best.count < count || key < best[best.count - 1].key {
                        best.append((key, Array(block.features[(row * d)..<((row + 1) * d)])))
                        best.sort { $0.key < $1.key }
                        if best.count > count { best.removeLast() }
                    }
                }
            }
            return BatchIterator([best.map { [Double(bitPattern: $0.key)] + $0.point }])
        }.collect().flatMap { $0 }
        return candidates.sorted { $0[0].bitPattern < $1[0].bitPattern }.prefix(count).map { Array($0.dropFirst()) }
    }

    func kMeansParallel(steps: Int) throws -> [[Double]] {
        var centers = try randomPoints(1, salt: 0)
        guard !centers.isEmpty else { throw MLError.invalidData("KMeans needs at least one point with a positive weight") }
        let oversampling = Double(2 * k)
        for step in 0..<steps {
            let current = KMeansCenters(centers, cosine: cosine)
            let total = try KMeansPass.run(blocks, current).cost
            guard total > 0 else { break }
            let seed = UInt64(bitPattern: self.seed) &+ UInt64(step + 1) &* 0xBF58_476D_1CE4_E5B9
            let drawn = try blocks.mapPartitionsWithIndex { partition, input in
                var random = SeededRandom(seed: seed &+ UInt64(partition))
                var chosen: [[Double]] = []
                try input.forEach { block in
                    let d = block.numFeatures
                    let (_, distances) = current.nearest(block.features, rows: block.count)
                    for row in 0..<block.count {
                        let probability = min(1, oversampling * block.weights[row] * distances[row] / total)
                        if Double(random.next() >> 11) * 0x1p-53 < probability {
                            chosen.append(Array(block.features[(row * d)..<((row + 1) * d)]))
                        }
                    }
                }
                return BatchIterator([chosen])
            }.collect().flatMap { $0 }
            centers += drawn
        }
        let distinct = Array(Set(centers.map { $0.map(\.bitPattern) })).map { $0.map(Double.init(bitPattern:)) }
            .sorted { $0.lexicographicallyPrecedes($1) }
        if distinct.count <= k { return distinct }
        let weights = try KMeansPass.run(blocks, KMeansCenters(distinct, cosine: cosine)).weights
        return LocalKMeans(points: distinct, weights: weights, cosine: cosine, seed: seed).centers(k)
    }
}

/// k-means on a few weighted points on the driver: greedy k-means++ seeding with local trials,
/// then Lloyd iterations (at most 30, as Spark's `LocalKMeans`).
struct LocalKMeans {
    let points: [[Double]]
    let weights: [Double]
    let cosine: Bool
    let seed: Int64

    private func distance(_ a: [Double], _ b: [Double]) -> Double {
        if cosine {
            let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
            let norms = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
            return norms == 0 ? 1 : 1 - dot / norms
        }
        return zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    func centers(_ k: Int) -> [[Double]] {
        var random = SeededRandom(seed: UInt64(bitPattern: seed) ^ 0x5DEE_CE66_D1CE_4E5B)
        func draw(_ cumulative: [Double]) -> Int {
            let target = Double(random.next() >> 11) * 0x1p-53 * (cumulative.last ?? 0)
            return min(cumulative.firstIndex { $0 > target } ?? cumulative.count - 1, cumulative.count - 1)
        }
        var cumulative: [Double] = []
        var running = 0.0
        for w in weights { running += w; cumulative.append(running) }
        var chosen = [points[draw(cumulative)]]
        var closest = points.map { distance($0, chosen[0]) }
        let trials = 2 + Int(log(Double(k)))
        while chosen.count < k {
            var potential: [Double] = []
            running = 0
            for (index, d) in closest.enumerated() { running += weights[index] * d; potential.append(running) }
            guard running > 0 else { break }
            var best: (index: Int, closest: [Double], total: Double)?
            for _ in 0..<trials {
                let candidate = draw(potential)
                let updated = zip(closest, points).map { min($0, distance($1, points[candidate])) }
                let total = zip(updated, weights).reduce(0) { $0 + $1.0 * $1.1 }
                if best == nil || total < best!.total { best = (candidate, updated, total) }
            }
            chosen.append(points[best!.index])
            closest = best!.closest
        }
        // Weighted Lloyd on the candidates.
        let d = points[0].count
        for _ in 0..<30 {
            var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: chosen.count)
            var mass = [Double](repeating: 0, count: chosen.count)
            for (index, point) in points.enumerated() {
                let nearest = chosen.indices.min { distance(point, chosen[$0]) < distance(point, chosen[$1]) }!
                mass[nearest] += weights[index]
                for j in 0..<d { sums[nearest][j] += weights[index] * point[j] }
            }
            var moved = false
            for c in chosen.indices where mass[c] > 0 {
                var center = sums[c].map { $0 / mass[c] }
                if cosine { center = KMeansCenters.normalized(center) }
                if center != chosen[c] { moved = true }
                chosen[c] = center
            }
            if !moved { break }
        }
        return chosen
    }
}
