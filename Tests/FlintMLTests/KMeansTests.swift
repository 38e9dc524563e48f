import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class KMeansTests: MLTestCase {
    /// Points around `centers`, `perCluster` each, jittered by at most `spread`.
    private func blobs(_ centers: [[Double]], perCluster: Int, spread: Double, seed: UInt64) throws -> (DataFrame, [[Double]], [Int]) {
        var generator = SeededGenerator(seed: seed)
        var points: [[Double]] = [], truth: [Int] = []
        for (index, center) in centers.enumerated() {
            for _ in 0..<perCluster {
                points.append(center.map { $0 + Double.random(in: -spread...spread, using: &generator) })
                truth.append(index)
            }
        }
        let frame = try session.createDataFrame(points.map { [.vector(Vectors.dense($0))] }, schema: StructType([StructField("features", .vector)]))
        return (frame, points, truth)
    }

    func testSeparatedBlobsAreRecoveredExactly() throws {
        let centers: [[Double]] = [[0, 0], [10, 10], [-10, 10], [10, -10]]
        let (frame, points, truth) = try blobs(centers, perCluster: 50, spread: 1, seed: 3)
        for mode in ["k-means||", "random"] {
            let model = try KMeans().setK(4).setSeed(7).setInitMode(mode).fit(frame)
            let predicted = try model.transform(frame).select("prediction").collect().map { Int($0[0].longValue ?? -1) }
            // Same partition of the points, whatever the cluster numbering.
            var mapping: [Int: Int] = [:]
            for (p, t) in zip(predicted, truth) {
                XCTAssertEqual(mapping[t] ?? p, p, "\(mode): points of one blob in different clusters")
                mapping[t] = p
            }
            XCTAssertEqual(Set(mapping.values).count, 4, mode)
            // The reported cost is the cost of the final centers, computed here directly.
            let found = model.clusterCenters.map { $0.toArray() }
            let cost = zip(points, predicted).reduce(0) { total, pair in
                total + zip(pair.0, found[pair.1]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            }
            XCTAssertEqual(model.summary!.trainingCost, cost, accuracy: 1e-9 * cost, mode)
            XCTAssertEqual(model.summary!.clusterSizes.sorted(), [50, 50, 50, 50])
            for (cluster, size) in model.summary!.clusterSizes.enumerated() {
                let members = zip(points, predicted).filter { $0.1 == cluster }.map(\.0)
                XCTAssertEqual(members.count, size)
                for j in 0..<2 {
                    XCTAssertEqual(found[cluster][j], members.map { $0[j] }.reduce(0, +) / Double(size), accuracy: 1e-9, "a center is its points' mean")
                }
            }
        }
    }

    func testDeterministicForASeedAndSparksSampleSilhouette() throws {
        let data = try session.read.format("libsvm").load(examplePath("sample_kmeans_data.txt"))
        let a = try KMeans().setK(2).setSeed(1).fit(data), b = try KMeans().setK(2).setSeed(1).fit(data)
        XCTAssertEqual(a.clusterCenters, b.clusterCenters)
        let centers = a.clusterCenters.map { $0.toArray() }.sorted { $0[0] < $1[0] }
        for j in 0..<3 {
            XCTAssertEqual(centers[0][j], 0.1, accuracy: 1e-12)
            XCTAssertEqual(centers[1][j], 9.1, accuracy: 1e-12)
        }
        let silhouette = try ClusteringEvaluator().evaluate(try a.transform(data))
        XCTAssertEqual(silhouette, 0.9997530305375207, accuracy: 1e-12, "Spark's documented value")
    }

    func testSilhouetteMatchesPairwiseDefinition() throws {
        let (frame, points, _) = try blobs([[0, 0, 0], [3, 3, 3], [0, 4, 0]], perCluster: 15, spread: 2, seed: 9)
        let predictions = try KMeans().setK(3).setSeed(2).fit(frame).transform(frame)
        let labels = try predictions.select("prediction").collect().map { Int($0[0].longValue ?? -1) }
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        var total = 0.0
        for (i, x) in points.enumerated() {
            let mine = points.indices.filter { labels[$0] == labels[i] && $0 != i }
            guard !mine.isEmpty else { continue }
            let a = mine.map { distance(x, points[$0]) }.reduce(0, +) / Double(mine.count)
            let b = Set(labels).subtracting([labels[i]]).map { other in
                let members = points.indices.filter { labels[$0] == other }
                return members.map { distance(x, points[$0]) }.reduce(0, +) / Double(members.count)
            }.min()!
            total += (b - a) / max(a, b)
        }
        XCTAssertEqual(try ClusteringEvaluator().evaluate(predictions), total / Double(points.count), accuracy: 1e-9)
    }

    func testCosineKLargerThanDistinctPointsAndBadInput() throws {
        let directions = try session.createDataFrame([[1, 0.1], [5, 0.4], [0.1, 1], [0.3, 6]].map { [.vector(Vectors.dense($0))] },
                                                     schema: StructType([StructField("features", .vector)]))
        let cosine = try KMeans().setK(2).setSeed(5).setDistanceMeasure("cosine").fit(directions)
        let labels = try cosine.transform(directions).select("prediction").collect().map { $0[0] }
        XCTAssertEqual(labels[0], labels[1], "same direction, different lengths")
        XCTAssertNotEqual(labels[0], labels[2])
        XCTAssertEqual(cosine.clusterCenters.map { $0.norm(2) }.map { ($0 * 1e9).rounded() / 1e9 }, [1, 1], "cosine centers are unit vectors")
        let few = try session.createDataFrame([[0, 0], [0, 0], [1, 1]].map { [.vector(Vectors.dense($0))] },
                                              schema: StructType([StructField("features", .vector)]))
        let model = try KMeans().setK(5).setSeed(1).fit(few)
        XCTAssertEqual(model.clusterCenters.count, 2, "k-means|| keeps only distinct candidates, as Spark")
        XCTAssertEqual(try model.predict(Vectors.dense([0.9, 0.9])), try model.predict(Vectors.dense([1, 1])))
        let random = try KMeans().setK(3).setSeed(1).setInitMode("random").fit(few)
        XCTAssertEqual(random.summary!.clusterSizes.reduce(0, +), 3, "an empty cluster keeps its center")
        XCTAssertThrowsError(try KMeans().setK(1)) { XCTAssertTrue("\($0)".contains("must be > 1.0"), "\($0)") }
        XCTAssertThrowsError(try KMeans().setInitMode("kmeans++")) { XCTAssertTrue("\($0)".contains("random, k-means||"), "\($0)") }
        let zero = try session.createDataFrame([[.vector(Vectors.dense([0, 0]))], [.vector(Vectors.dense([1, 0]))]],
                                               schema: StructType([StructField("features", .vector)]))
        XCTAssertThrowsError(try KMeans().setDistanceMeasure("cosine").fit(zero)) {
            XCTAssertTrue("\($0)".contains("Cosine distance is not defined for zero-length vectors"), "\($0)")
        }
        XCTAssertThrowsError(try model.predict(Vectors.dense([1]))) { XCTAssertTrue("\($0)".contains("2 dimensions but the vector has 1"), "\($0)") }
    }
}
