import FlintCore
@testable import FlintML
import FlintSQL
import XCTest

final class ALSTests: MLTestCase {
    /// Ratings of `users` × `items` drawn from rank-`rank` factors (plus noise), each pair
    /// observed with probability `density`; every user and item keeps at least `rank` ratings.
    func lowRankRatings(users: Int, items: Int, rank: Int, density: Double, noise: Double = 0, seed: UInt64 = 7)
        -> (train: [[Value]], userFactors: [[Double]], itemFactors: [[Double]]) {
        var random = SeededRandom(seed: seed)
        let u = (0..<users).map { _ in (0..<rank).map { _ in random.nextDouble() + 0.5 } }
        let v = (0..<items).map { _ in (0..<rank).map { _ in random.nextDouble() + 0.5 } }
        var rows: [[Value]] = []
        for i in 0..<users {
            for j in 0..<items where random.nextDouble() < density || (i + j) % max(1, items / rank) == 0 {
                let rating = zip(u[i], v[j]).reduce(0) { $0 + $1.0 * $1.1 } + noise * random.nextGaussian()
                rows.append([.integer(Int32(i)), .integer(Int32(j)), .double(rating)])
            }
        }
        return (rows, u, v)
    }

    let ratingSchema = StructType([StructField("user", .integer), StructField("item", .integer), StructField("rating", .double)])

    func ratings(_ rows: [[Value]]) throws -> DataFrame { try session.createDataFrame(rows, schema: ratingSchema) }

    /// The root mean squared error of the model's dot products on `rows`.
    func rmse(_ model: ALSModel, _ rows: [[Value]]) -> Double {
        var sum = 0.0
        for row in rows {
            guard case let .integer(user) = row[0], case let .integer(item) = row[1], case let .double(rating) = row[2],
                  let x = model.userFeatures.factors(of: user), let y = model.itemFeatures.factors(of: item) else { return .infinity }
            let prediction = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            sum += (prediction - rating) * (prediction - rating)
        }
        return (sum / Double(rows.count)).squareRoot()
    }

    func testRecoversANoiselessLowRankMatrix() throws {
        let data = lowRankRatings(users: 60, items: 40, rank: 3, density: 0.5)
        let held = data.train.enumerated().filter { $0.offset % 10 == 0 }.map(\.element)
        let train = data.train.enumerated().filter { $0.offset % 10 != 0 }.map(\.element)
        let model = try ALS().setRank(3).setMaxIter(25).setRegParam(1e-5).setNumBlocks(3).setSeed(1).fit(try ratings(train))
        XCTAssertEqual(model.userFeatures.ids, (0..<60).map(Int32.init))
        XCTAssertEqual(model.itemFeatures.ids, (0..<40).map(Int32.init))
        XCTAssertLessThan(rmse(model, train), 0.01)
        XCTAssertLessThan(rmse(model, held), 0.05)
    }

    func testFactorsSolveTheirNormalEquations() throws {
        // The last half-iteration solves every user against the final item factors: check each
        // user's factor against (YᵀY + λ n I) x = Yᵀ r solved independently here.
        let data = lowRankRatings(users: 30, items: 20, rank: 2, density: 0.4, noise: 0.3)
        let regParam = 0.2
        let model = try ALS().setRank(4).setMaxIter(3).setRegParam(regParam).setNumUserBlocks(2).setNumItemBlocks(3).fit(try ratings(data.train))
        var byUser: [Int32: [(Int32, Double)]] = [:]
        for row in data.train {
            guard case let .integer(user) = row[0], case let .integer(item) = row[1], case let .double(rating) = row[2] else { continue }
            byUser[user, default: []].append((item, rating))
        }
        for (user, ratings) in byUser {
            var ata = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 4)
            var atb = [Double](repeating: 0, count: 4)
            for (item, rating) in ratings {
                let y = model.itemFeatures.factors(of: item)!.map(Double.init)
                for i in 0..<4 {
                    atb[i] += rating * y[i]
                    for j in 0..<4 { ata[i][j] += y[i] * y[j] }
                }
            }
            for i in 0..<4 { ata[i][i] += regParam * Double(ratings.count) }
            let expected = gaussianElimination(ata, atb)
            let actual = model.userFeatures.factors(of: user)!
            for i in 0..<4 { XCTAssertEqual(Double(actual[i]), expected[i], accuracy: 1e-4, "user \(user) factor \(i)") }
        }
    }

    func testImplicitFactorsSolveTheirNormalEquations() throws {
        var rows: [[Value]] = []
        for user in 0..<40 {
            for item in 0..<15 where (user * 7 + item * 3) % 4 == 0 {
                let rating = Double((user + item) % 5) - 1
                rows.append([.integer(Int32(user)), .integer(Int32(item)), .double(rating)])
            }
        }
        let (alpha, regParam) = (2.0, 0.1)
        let model = try ALS().setRank(3).setMaxIter(4).setImplicitPrefs(true).setAlpha(alpha).setRegParam(regParam).setNumBlocks(2)
            .fit(try ratings(rows))
        let items = model.itemFeatures
        var gram = [[Double]](repeating: [Double](repeating: 0, count: 3), count: 3)
        for row in 0..<items.count {
            let y = (0..<3).map { Double(items.values[row * 3 + $0]) }
            for i in 0..<3 { for j in 0..<3 { gram[i][j] += y[i] * y[j] } }
        }
        for user in model.userFeatures.ids {
            var ata = gram
            var atb = [0.0, 0, 0]
            var positives = 0
            for row in rows where row[0] == .integer(user) {
                guard case let .integer(item) = row[1], case let .double(rating) = row[2] else { continue }
                let y = items.factors(of: item)!.map(Double.init)
                let c1 = alpha * abs(rating)
                for i in 0..<3 { for j in 0..<3 { ata[i][j] += c1 * y[i] * y[j] } }
                if rating > 0 {
                    positives += 1
                    for i in 0..<3 { atb[i] += (1 + c1) * y[i] }
                }
            }
            for i in 0..<3 { ata[i][i] += regParam * Double(positives) }
            let expected = gaussianElimination(ata, atb)
            let actual = model.userFeatures.factors(of: user)!
            for i in 0..<3 { XCTAssertEqual(Double(actual[i]), expected[i], accuracy: 1e-4, "user \(user) factor \(i)") }
        }
    }

    func testDeterministicForASeedAndNonnegativeWhenAsked() throws {
        let data = lowRankRatings(users: 20, items: 15, rank: 2, density: 0.5, noise: 0.1)
        let df = try ratings(data.train)
        let first = try ALS().setRank(2).setMaxIter(5).setSeed(3).fit(df)
        let second = try ALS().setRank(2).setMaxIter(5).setSeed(3).fit(df)
        XCTAssertEqual(first.userFeatures, second.userFeatures)
        XCTAssertEqual(first.itemFeatures, second.itemFeatures)
        let other = try ALS().setRank(2).setMaxIter(5).setSeed(4).fit(df)
        XCTAssertNotEqual(first.userFeatures, other.userFeatures)

        let nonnegative = try ALS().setRank(3).setMaxIter(8).setNonnegative(true).fit(df)
        XCTAssertTrue((nonnegative.userFeatures.values + nonnegative.itemFeatures.values).allSatisfy { $0 >= 0 })
        XCTAssertLessThan(rmse(nonnegative, data.train), 0.3)
    }

    func testSameModelForDifferentBlockCounts() throws {
        let data = lowRankRatings(users: 25, items: 18, rank: 2, density: 0.5, noise: 0.2)
        let df = try ratings(data.train)
        let one = try ALS().setRank(3).setMaxIter(6).setSeed(5).setNumBlocks(1).fit(df)
        let many = try ALS().setRank(3).setMaxIter(6).setSeed(5).setNumUserBlocks(4).setNumItemBlocks(3).fit(df)
        XCTAssertEqual(one.userFeatures.ids, many.userFeatures.ids)
        XCTAssertEqual(one.itemFeatures.ids, many.itemFeatures.ids)
        for (a, b) in zip(one.userFeatures.values + one.itemFeatures.values, many.userFeatures.values + many.itemFeatures.values) {
            XCTAssertEqual(a, b, accuracy: 1e-4)
        }
    }

    func testImplicitPreferencesRankObservedItemsAboveUnobserved() throws {
        // Two communities: users 0..<10 click items 0..<8, users 10..<20 items 8..<16 (with a
        // few clicks missing); every user's observed items score above the other community's.
        var rows: [[Value]] = []
        for user in 0..<20 {
            let community = user / 10
            for item in (community * 8)..<(community * 8 + 8) where (user + item) % 5 != 0 {
                rows.append([.integer(Int32(user)), .integer(Int32(item)), .double(Double(1 + (user * item) % 3))])
            }
        }
        let model = try ALS().setRank(4).setMaxIter(10).setImplicitPrefs(true).setAlpha(2).setRegParam(0.01).setSeed(2).fit(try ratings(rows))
        func score(_ user: Int, _ item: Int) -> Float {
            let x = model.userFeatures.factors(of: Int32(user))!, y = model.itemFeatures.factors(of: Int32(item))!
            return zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for row in rows {
            guard case let .integer(user) = row[0], case let .integer(item) = row[1] else { continue }
            let otherCommunity = (1 - Int(user) / 10) * 8
            let best = (otherCommunity..<(otherCommunity + 8)).map { score(Int(user), $0) }.max()!
            XCTAssertGreaterThan(score(Int(user), Int(item)), best, "user \(user): observed item \(item) above every unobserved one")
            XCTAssertGreaterThan(score(Int(user), Int(item)), 0.5, "preference of an observed item near 1")
        }
    }

    func testNegativeIdsIntegralDoublesAndCheckpointing() throws {
        var rows: [[Value]] = []
        for user in 0..<12 {
            for item in 0..<6 {
                let rating = Double((user * item) % 5)
                rows.append([.double(Double(user - 6)), .long(Int64(item) - 100), .double(rating)])
            }
        }
        let schema = StructType([StructField("user", .double), StructField("item", .long), StructField("rating", .double)])
        let df = try session.createDataFrame(rows, schema: schema)
        let plain = try ALS().setRank(2).setMaxIter(3).setSeed(5).fit(df)
        XCTAssertEqual(plain.userFeatures.ids, (-6..<6).map(Int32.init))
        XCTAssertEqual(plain.itemFeatures.ids, (-100 ..< -94).map(Int32.init))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("als-checkpoint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try session.context.setCheckpointDir(directory.path)
        let checkpointed = try ALS().setRank(2).setMaxIter(3).setSeed(5).setCheckpointInterval(1).fit(df)
        XCTAssertEqual(checkpointed.userFeatures, plain.userFeatures)
        XCTAssertEqual(checkpointed.itemFeatures, plain.itemFeatures)
    }

    func testBadInputIsAClearError() throws {
        func message(_ rows: [[Value]], _ schema: StructType, _ configure: (ALS) throws -> Void = { _ in }) -> String {
            let als = ALS()
            do {
                try configure(als)
                _ = try als.fit(try session.createDataFrame(rows, schema: schema))
                return "no error"
            } catch { return "\(error)" }
        }
        let longs = StructType([StructField("user", .long), StructField("item", .integer), StructField("rating", .double)])
        XCTAssertTrue(message([[.long(3_000_000_000), .integer(1), .double(1)]], longs).contains("ALS only supports non-Null values in Integer range and without fractional part for column user, but got 3000000000"))
        let doubles = StructType([StructField("user", .integer), StructField("item", .double), StructField("rating", .double)])
        XCTAssertTrue(message([[.integer(1), .double(1.5), .double(1)]], doubles).contains("column item, but got 1.5"))
        XCTAssertTrue(message([[.integer(1), .null, .double(1)]], doubles).contains("column item"))
        XCTAssertTrue(message([[.integer(1), .double(2), .double(.nan)]], doubles).contains("finite, non-Null ratings in column rating, but got NaN for user 1, item 2"))
        let strings = StructType([StructField("user", .string), StructField("item", .integer), StructField("rating", .double)])
        XCTAssertTrue(message([[.string("a"), .integer(1), .double(1)]], strings).contains("ALS only supports values in Integer range for column user, but got type string"))
        XCTAssertTrue(message([[.integer(1), .integer(1), .double(1)]], ratingSchema) { try $0.setItemCol("product") }.contains("item column product does not exist"))
        XCTAssertTrue(message([], ratingSchema).contains("No ratings available"))
        // regParam 0 and a user with one rating at rank 2: a singular system, named.
        let single: [[Value]] = [[.integer(1), .integer(1), .double(3)], [.integer(2), .integer(1), .double(2)], [.integer(2), .integer(2), .double(1)]]
        XCTAssertTrue(message(single, ratingSchema) { try $0.setRank(2).setRegParam(0) }.contains("could not solve the normal equations of"))

        XCTAssertThrowsError(try ALS().setRank(0))
        XCTAssertThrowsError(try ALS().setCheckpointInterval(0))
        XCTAssertNoThrow(try ALS().setCheckpointInterval(-1))
        XCTAssertThrowsError(try ALS().setColdStartStrategy("zero"))
        XCTAssertThrowsError(try ALS().setIntermediateStorageLevel("NONE"))
        XCTAssertThrowsError(try ALS().setNumUserBlocks(0))
    }

    /// Solves a small dense system by Gaussian elimination with partial pivoting.
    func gaussianElimination(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = a
        var x = b
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            m.swapAt(column, pivot)
            x.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                for k in column..<n { m[row][k] -= factor * m[column][k] }
                x[row] -= factor * x[column]
            }
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            for k in (row + 1)..<n { x[row] -= m[row][k] * x[k] }
            x[row] /= m[row][row]
        }
        return x
    }
}
