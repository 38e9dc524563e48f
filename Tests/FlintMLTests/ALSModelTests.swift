import FlintCore
import FlintSQL
import Foundation
import XCTest
@testable import FlintML

final class ALSModelTests: FeatureTestCase {
    /// Spark's `ALSSuite.getALSModel`: users 0–2 and items 3–6 of rank 2.
    func sparkModel() -> ALSModel {
        ALSModel(uid: "als_test", rank: 2,
                 userFeatures: ALSFactors(rank: 2, ids: [0, 1, 2], values: [6, 4, 3, 4, 3, 6]),
                 itemFeatures: ALSFactors(rank: 2, ids: [3, 4, 5, 6], values: [5, 6, 6, 2, 3, 6, 4, 1]), session: session)
    }

    /// Spark's expected top items per user and top users per item for `sparkModel`.
    let sparkUserRecommendations: [Int32: [(Int32, Float)]] = [
        0: [(3, 54), (4, 44), (5, 42), (6, 28)], 1: [(3, 39), (5, 33), (4, 26), (6, 16)], 2: [(3, 51), (5, 45), (4, 30), (6, 18)],
    ]
    let sparkItemRecommendations: [Int32: [(Int32, Float)]] = [
        3: [(0, 54), (2, 51), (1, 39)], 4: [(0, 44), (2, 30), (1, 26)], 5: [(2, 45), (0, 42), (1, 33)], 6: [(0, 28), (2, 18), (1, 16)],
    ]

    /// Recommendations by id, read back from the DataFrame (id, array<struct<id, rating>>).
    func recommendations(_ frame: DataFrame) throws -> [Int32: [(Int32, Float)]] {
        var result: [Int32: [(Int32, Float)]] = [:]
        for row in try frame.collect() {
            guard case let .integer(id) = row[0], case let .array(entries) = row[1] else { XCTFail("bad row \(row)"); continue }
            XCTAssertNil(result[id], "id \(id) appears twice")
            result[id] = entries.map { entry in
                guard case let .structure(fields) = entry, case let .integer(target) = fields[0], case let .float(rating) = fields[1] else {
                    XCTFail("bad entry \(entry)")
                    return (-1, .nan)
                }
                return (target, rating)
            }
        }
        return result
    }

    func assertRecommendations(_ actual: [Int32: [(Int32, Float)]], _ expected: [Int32: [(Int32, Float)]], limit: Int = .max,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), "ids", file: file, line: line)
        for (id, list) in expected {
            let got = actual[id] ?? []
            let want = Array(list.prefix(limit))
            XCTAssertEqual(got.map(\.0), want.map(\.0), "targets of \(id)", file: file, line: line)
            XCTAssertEqual(got.map(\.1), want.map(\.1), "ratings of \(id)", file: file, line: line)
        }
    }

    /// The prediction column keyed by the row's (user, item) values.
    func predictions(_ frame: DataFrame, _ column: String = "prediction") throws -> [[Value]] {
        try frame.collect().map { row in [row[0], row[1], row[column]!] }
    }

    // MARK: - transform

    func testTransformPredictsDotProductsForEveryNumericIdType() throws {
        let model = sparkModel()
        let cases: [(DataType, (Int) -> Value)] = [(.integer, { .integer(Int32($0)) }), (.long, { .long(Int64($0)) }),
                                                   (.float, { .float(Float($0)) }), (.double, { .double(Double($0)) })]
        for (type, make) in cases {
            let pairs = [(0, 3), (2, 5), (1, 6), (9, 3), (0, 8), (2, 4)]
            let data = try frame([("user", type), ("item", .long), ("tag", .string)],
                                 pairs.map { [make($0.0), .long(Int64($0.1)), .string("\($0.0)-\($0.1)")] })
            let output = try model.transform(data)
            XCTAssertEqual(output.schema.fields.last, StructField("prediction", .float), "\(type)")
            XCTAssertEqual(output.columns, ["user", "item", "tag", "prediction"])
            for row in try output.collect() {
                guard case let .string(tag) = row[2], case let .float(prediction) = row[3] else { return XCTFail("\(row)") }
                let ids = tag.split(separator: "-").map { Int32($0)! }
                if let x = model.userFeatures.factors(of: ids[0]), let y = model.itemFeatures.factors(of: ids[1]) {
                    XCTAssertEqual(prediction, x[0] * y[0] + x[1] * y[1], "\(type) \(tag)")
                } else {
                    XCTAssertTrue(prediction.isNaN, "\(type) \(tag): unknown ids give NaN")
                }
            }
        }
    }

    func testColdStartStrategyDropRemovesUnknownIdsCaseInsensitively() throws {
        let data = try frame([("user", .integer), ("item", .integer)], [[.integer(0), .integer(3)], [.integer(7), .integer(3)],
                                                                        [.integer(1), .integer(9)], [.integer(2), .integer(6)]])
        let model = sparkModel()
        for strategy in ["NaN", "nan", "Nan"] {
            let rows = try predictions(try model.setColdStartStrategy(strategy).transform(data))
            XCTAssertEqual(rows.count, 4)
            XCTAssertEqual(rows.filter { if case let .float(p) = $0[2] { p.isNaN } else { false } }.count, 2, strategy)
        }
        for strategy in ["drop", "DROP", "Drop"] {
            let rows = try predictions(try model.setColdStartStrategy(strategy).transform(data))
            XCTAssertEqual(rows, [[.integer(0), .integer(3), .float(54)], [.integer(2), .integer(6), .float(18)]], strategy)
        }
        XCTAssertThrowsError(try model.setColdStartStrategy("zero"))
        // Custom column names.
        let renamed = try data.withColumnRenamed("user", "u").withColumnRenamed("item", "i")
        try model.setUserCol("u").setItemCol("i").setPredictionCol("score").setColdStartStrategy("drop")
        XCTAssertEqual(try predictions(try model.transform(renamed), "score").count, 2)
    }

    func testBadIdColumnsAndValuesAreClearErrors() throws {
        let model = sparkModel()
        let message = "ALS only supports non-Null values in Integer range and without fractional part for column"
        let bad: [(String, DataType, Value, String)] = [
            ("user", .long, .long(Int64(Int32.max) + 1), "\(message) user, but got 2147483648"),
            ("user", .double, .double(-2_147_483_649), "\(message) user, but got -2.147483649E9"),
            ("item", .double, .double(3.5), "\(message) item, but got 3.5"),
            ("item", .float, .float(.nan), "\(message) item, but got NaN"),
            ("user", .integer, .null, "user Ids MUST NOT be Null"),
            ("item", .double, .null, "item Ids MUST NOT be Null"),
        ]
        for (column, type, value, expected) in bad {
            let other = column == "user" ? "item" : "user"
            let data = try frame([(column, type), (other, .integer)], [[value, .integer(3)]])
            assertThrows(try model.transform(data).collect(), expected)
        }
        let strings = try frame([("user", .string), ("item", .integer)], [[.string("0"), .integer(3)]])
        XCTAssertThrowsError(try model.transform(strings)) { error in
            guard case let .invalidColumn(text)? = error as? MLError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("column user") && text.contains("string"), text)
        }
        let noItem = try frame([("user", .integer), ("product", .integer)], [[.integer(0), .integer(3)]])
        XCTAssertThrowsError(try model.transform(noItem)) { error in
            guard case let .invalidColumn(text)? = error as? MLError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("item column item does not exist"), text)
        }
        let clash = try frame([("user", .integer), ("item", .integer), ("prediction", .double)], [])
        XCTAssertThrowsError(try model.transformSchema(clash.schema)) { XCTAssertEqual($0 as? MLError, .invalidColumn("Output column prediction already exists.")) }
    }

    // MARK: - recommendations

    func testRecommendForAllMatchesSparksExpectedValues() throws {
        let model = sparkModel()
        for k in [2, 4, 6] {
            let top = try model.recommendForAllUsers(k)
            XCTAssertEqual(top.columns, ["user", "recommendations"])
            XCTAssertEqual(top.schema.fields[1].dataType,
                           .array(element: .structure(StructType([StructField("item", .integer), StructField("rating", .float)])), containsNull: true))
            assertRecommendations(try recommendations(top), sparkUserRecommendations, limit: k)
        }
        for k in [2, 3, 4] {
            let top = try model.recommendForAllItems(k)
            XCTAssertEqual(top.columns, ["item", "recommendations"])
            assertRecommendations(try recommendations(top), sparkItemRecommendations, limit: k)
        }
        for bad in [0, -3] {
            XCTAssertThrowsError(try model.recommendForAllUsers(bad)) { XCTAssertEqual($0 as? MLError, .invalidParam("numItems must be > 0, but got \(bad)")) }
            XCTAssertThrowsError(try model.recommendForAllItems(bad)) { XCTAssertEqual($0 as? MLError, .invalidParam("numUsers must be > 0, but got \(bad)")) }
        }
    }

    /// Factors of small integers: every score is exact in single precision, so there are exact
    /// ties and one right answer.
    func integerFactors(_ ids: [Int32], rank: Int, random: inout SeededRandom) -> ALSFactors {
        ALSFactors(rank: rank, ids: ids, values: (0..<(ids.count * rank)).map { _ in Float(Int(random.nextDouble() * 7) - 3) })
    }

    /// The top `k` of `targets` for each id of `sources` by scoring every pair: rating
    /// descending, then id descending (Spark's order of struct(rating, id)).
    func bruteForce(_ sources: ALSFactors, _ targets: ALSFactors, k: Int) -> [Int32: [(Int32, Float)]] {
        var result: [Int32: [(Int32, Float)]] = [:]
        for source in sources.ids {
            let x = sources.factors(of: source)!
            let scored = targets.ids.map { target in (target, zip(x, targets.factors(of: target)!).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
            result[source] = Array(scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 > $1.0 }.prefix(k))
        }
        return result
    }

    func testRecommendationsAcrossManyBlocksMatchBruteForceIncludingTies() throws {
        var random = SeededRandom(seed: 11)
        // Sparse, unsorted-looking ids (negative too); blocks of 8 cut both sides into pieces.
        let users = integerFactors((0..<37).map { Int32($0 * 3 - 20) }, rank: 3, random: &random)
        let items = integerFactors((0..<53).map { Int32($0 * 7 - 100) }, rank: 3, random: &random)
        let model = try ALSModel(uid: "als_blocks", rank: 3, userFeatures: users, itemFeatures: items, session: session).setBlockSize(8)
        for k in [1, 5, 53, 80] {
            assertRecommendations(try recommendations(try model.recommendForAllUsers(k)), bruteForce(users, items, k: k))
            assertRecommendations(try recommendations(try model.recommendForAllItems(k)), bruteForce(items, users, k: k))
        }
        XCTAssertEqual(try model.recommendForAllUsers(3).batchRDD.numPartitions, 5, "37 users in blocks of 8")
        // Identical items tie on every user: the larger id comes first.
        let twins = ALSModel(uid: "als_twins", rank: 1, userFeatures: ALSFactors(rank: 1, ids: [1], values: [2]),
                             itemFeatures: ALSFactors(rank: 1, ids: [4, 5, 6, 9], values: [1, 3, 3, 1]), session: session)
        assertRecommendations(try recommendations(try twins.recommendForAllUsers(3)), [1: [(6, 6), (5, 6), (9, 2)]])
    }

    func testSubsetRecommendationsSkipUnknownAndDuplicateIds() throws {
        let model = sparkModel()
        let userSubset = try frame([("user", .double), ("other", .string)],
                                   [[.double(0), .string("a")], [.double(2), .string("b")], [.double(0), .string("c")], [.double(42), .string("d")],
                                    [.double(1.5), .string("e")], [.null, .string("f")], [.double(-0.0), .string("g")]], partitions: 2)
        for k in [2, 4, 6] {
            let top = try model.recommendForUserSubset(userSubset, numItems: k)
            XCTAssertEqual(top.columns, ["user", "recommendations"])
            assertRecommendations(try recommendations(top), sparkUserRecommendations.filter { [0, 2].contains($0.key) }, limit: k)
        }
        let itemSubset = try frame([("item", .long)], [[.long(3)], [.long(6)], [.long(6)], [.long(Int64(Int32.max) + 4)]])
        for k in [2, 3, 4] {
            assertRecommendations(try recommendations(try model.recommendForItemSubset(itemSubset, numUsers: k)),
                                  sparkItemRecommendations.filter { [3, 6].contains($0.key) }, limit: k)
        }
        // The full id sets give what recommendForAll gives.
        let allUsers = try model.userFactors.withColumnRenamed("id", "user").drop("features")
        assertRecommendations(try recommendations(try model.recommendForUserSubset(allUsers, numItems: 2)),
                              try recommendations(try model.recommendForAllUsers(2)))
        let allItems = try model.itemFactors.withColumnRenamed("id", "item").drop("features")
        assertRecommendations(try recommendations(try model.recommendForItemSubset(allItems, numUsers: 2)),
                              try recommendations(try model.recommendForAllItems(2)))
        XCTAssertEqual(try model.recommendForUserSubset(try frame([("user", .integer)], []), numItems: 2).count(), 0)
        XCTAssertThrowsError(try model.recommendForUserSubset(itemSubset, numItems: 2)) { error in
            guard case let .invalidColumn(text)? = error as? MLError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("user column user does not exist"), text)
        }
        XCTAssertThrowsError(try model.recommendForItemSubset(itemSubset, numUsers: 0)) { XCTAssertEqual($0 as? MLError, .invalidParam("numUsers must be > 0, but got 0")) }
    }

    // MARK: - persistence

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("flint-als-\(UUID().uuidString)").appendingPathComponent(name).path
    }

    func testSaveLoadRoundTripGivesIdenticalPredictionsAndRecommendations() throws {
        var random = SeededRandom(seed: 3)
        let users = ALSFactors(rank: 4, ids: (0..<40).map { Int32($0 * 5) }, values: (0..<160).map { _ in Float(random.nextDouble() - 0.3) })
        let items = ALSFactors(rank: 4, ids: (0..<25).map { Int32($0 - 12) }, values: (0..<100).map { _ in Float(random.nextDouble()) })
        let model = try ALSModel(uid: "als_saved", rank: 4, userFeatures: users, itemFeatures: items, session: session)
            .setUserCol("u").setItemCol("i").setColdStartStrategy("DROP").setBlockSize(16)
        let path = temporaryPath("model")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try model.save(path)
        let back = try ALSModel.load(path)
        XCTAssertEqual(back.uid, "als_saved")
        XCTAssertEqual(back.rank, 4)
        XCTAssertEqual(back.userFeatures, users)
        XCTAssertEqual(back.itemFeatures, items)
        XCTAssertEqual(try back.getOrDefault(back.userCol), "u")
        XCTAssertEqual(try back.getOrDefault(back.coldStartStrategy), "DROP")
        XCTAssertEqual(try back.getOrDefault(back.blockSize), 16)
        let data = try frame([("u", .integer), ("i", .double)], (0..<60).map { [.integer(Int32($0 * 3)), .double(Double($0 % 30 - 14))] })
        XCTAssertEqual(try predictions(try back.transform(data)), try predictions(try model.transform(data)))
        XCTAssertEqual("\(try back.recommendForAllUsers(5).collect())", "\(try model.recommendForAllUsers(5).collect())")
        XCTAssertEqual("\(try back.recommendForAllItems(7).collect())", "\(try model.recommendForAllItems(7).collect())")
        XCTAssertEqual(try back.userFactors.count(), 40, "a loaded model builds its tables in the active session")
        // 4 · (rank + 1) bytes per id, plus a 24-byte header and a checksum.
        let size = try FileManager.default.attributesOfItem(atPath: path + "/data/userFactors.bin")[.size] as? Int
        XCTAssertEqual(size, 24 + 40 * 20 + 4)

        assertThrows(try model.save(path), "already exists")
        let empty = ALSModel(uid: "als_empty", rank: 4, userFeatures: ALSFactors(rank: 4, ids: [], values: []), itemFeatures: items)
        try empty.write.overwrite().save(path)
        XCTAssertEqual(try ALSModel.load(path).userFeatures.count, 0)
        XCTAssertEqual(try ALSModel.load(path).recommendForAllUsers(3).count(), 0)

        let estimator = try ALS().setRank(7).setUserCol("u").setColdStartStrategy("drop")
        try estimator.save(path + "-estimator")
        let estimatorBack = try ALS.load(path + "-estimator")
        XCTAssertEqual(try estimatorBack.getOrDefault(estimatorBack.rank), 7)
        XCTAssertEqual(try estimatorBack.getOrDefault(estimatorBack.userCol), "u")
    }

    func testCorruptedTruncatedOrForeignFilesAreInvalidDataNamingTheFile() throws {
        let path = temporaryPath("model")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try sparkModel().save(path)
        let file = URL(fileURLWithPath: path + "/data/itemFactors.bin")
        let original = try Data(contentsOf: file)
        func assertInvalid(_ bytes: Data, _ fragment: String, line: UInt = #line) throws {
            try bytes.write(to: file)
            XCTAssertThrowsError(try ALSModel.load(path), line: line) { error in
                guard case let .invalidData(text)? = error as? MLError else { return XCTFail("\(error)", line: line) }
                XCTAssertTrue(text.contains("\(path)/data/itemFactors.bin") && text.contains(fragment), text, line: line)
            }
        }
        try assertInvalid(original.prefix(original.count - 5), "truncated")
        try assertInvalid(original.prefix(10), "truncated")
        var flipped = original
        flipped[30] ^= 0x40
        try assertInvalid(flipped, "checksum")
        var foreign = original
        foreign[0] = UInt8(ascii: "X")
        try assertInvalid(foreign, "FLALSFAC")
        var rank = original
        rank[12] = 3
        try assertInvalid(rank, "rank 3")
        try FileManager.default.removeItem(at: file)
        assertThrows(try ALSModel.load(path), "\(path)/data/itemFactors.bin is missing")
        try original.write(to: file)
        XCTAssertEqual(try ALSModel.load(path).itemFeatures, sparkModel().itemFeatures)

        // A directory that is not a saved stage, and a saved stage of another class.
        let foreignDirectory = temporaryPath("foreign")
        try FileManager.default.createDirectory(atPath: foreignDirectory + "/data", withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: URL(fileURLWithPath: foreignDirectory + "/data/userFactors.bin"))
        assertThrows(try ALSModel.load(foreignDirectory), "is not a saved Flint ML stage")
        try ALS().save(path + "-estimator")
        assertThrows(try ALSModel.load(path + "-estimator"), "holds a ALS, not a ALSModel")
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: foreignDirectory).deletingLastPathComponent().path)
    }
}
