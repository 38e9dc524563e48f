import Foundation
import XCTest

/// Runs the examples through the flint-submit binary built beside the tests, as a user would.
final class EndToEndTests: XCTestCase {
    /// The build directory holding the test bundle, flint-submit and the examples.
    private var binaries: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    private var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private func submit(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let submit = binaries.appendingPathComponent("flint-submit")
        guard FileManager.default.isExecutableFile(atPath: submit.path),
              FileManager.default.isExecutableFile(atPath: binaries.appendingPathComponent("WordCount").path) else {
            throw XCTSkip("flint-submit and the examples are not built next to the tests (\(binaries.path))")
        }
        let process = Process()
        process.executableURL = submit
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FLINT_LOG_LEVEL"] = "error"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testDataFramesExampleThroughFlintSubmit() throws {
        let people = repositoryRoot.appendingPathComponent("Examples/data/people.csv").path
        let result = try submit(["--master", "local[2]", "DataFrames", people])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("|  eng|     2|    110.25|    45|"), result.stdout)
        XCTAssertTrue(result.stdout.contains("|Alice|  eng| 120.5|   1|"), result.stdout)
        XCTAssertTrue(result.stdout.contains(" |-- joined: date (nullable = true)"), result.stdout)
    }

    func testLinearRegressionExamplePrintsSparksKeysAsJSON() throws {
        let data = repositoryRoot.appendingPathComponent("Examples/data/sample_linear_regression_data.txt").path
        let result = try submit(["--master", "local[2]", "LinearRegression", "--input", data, "--solver", "normal"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let last = try XCTUnwrap(result.stdout.split(separator: "\n").last)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        XCTAssertEqual(json["intercept"] as? Double ?? 0, 0.14228558260358093, accuracy: 1e-9, "Spark's value")
        XCTAssertEqual((json["coefficients"] as? [Double])?.count, 10)
        XCTAssertEqual((json["pValues"] as? [Double])?.count, 11)
        XCTAssertEqual(json["r2"] as? Double ?? 0, 0.027839179518600154, accuracy: 1e-9)
        let bad = try submit(["--master", "local[2]", "LinearRegression", "--input", data, "--regParm", "0.1"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("has no param named regParm"), bad.stderr)
    }

    func testLogisticRegressionExampleBinomialAndMultinomial() throws {
        let binary = repositoryRoot.appendingPathComponent("Examples/data/sample_libsvm_data.txt").path
        let result = try submit(["--master", "local[2]", "LogisticRegression", "--input", binary, "--regParam", "0.3",
                                 "--elasticNetParam", "0.8", "--maxIter", "10"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        XCTAssertEqual((json["coefficients"] as? [Double])?.count, 692)
        XCTAssertGreaterThan(json["areaUnderROC"] as? Double ?? 0, 0.99)
        XCTAssertEqual((json["objectiveHistory"] as? [Double])?.count, 11, "10 iterations")
        let multiclass = repositoryRoot.appendingPathComponent("Examples/data/sample_multiclass_classification_data.txt").path
        let multi = try submit(["--master", "local[2]", "LogisticRegression", "--input", multiclass, "--regParam", "0.1"])
        XCTAssertEqual(multi.status, 0, multi.stderr)
        let multiJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(multi.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        XCTAssertEqual((multiJSON["coefficientMatrix"] as? [[Double]])?.count, 3)
        XCTAssertEqual(multiJSON["accuracy"] as? Double ?? 0, 0.92, accuracy: 1e-9, "Spark's value")
    }

    func testKMeansExampleReportsSparksSilhouette() throws {
        let data = repositoryRoot.appendingPathComponent("Examples/data/sample_kmeans_data.txt").path
        let result = try submit(["--master", "local[2]", "KMeans", "--input", data, "--k", "2", "--seed", "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        XCTAssertEqual(json["silhouette"] as? Double ?? 0, 0.9997530305375207, accuracy: 1e-9, "Spark's documented value")
        XCTAssertEqual((json["clusterSizes"] as? [Int])?.sorted(), [3, 3])
        XCTAssertEqual(json["trainingCost"] as? Double ?? 0, 0.12, accuracy: 1e-9)
        let bad = try submit(["--master", "local[2]", "KMeans", "--input", data, "--k", "1"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("parameter k given invalid value 1"), bad.stderr)
    }

    func testALSExampleEvaluatesAndRecommends() throws {
        let data = repositoryRoot.appendingPathComponent("Examples/data/sample_movielens_ratings.txt").path
        let result = try submit(["--master", "local[2]", "ALS", "--input", data, "--rank", "5", "--maxIter", "8", "--regParam", "0.05", "--seed", "3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        let rmse = try XCTUnwrap(json["rmse"] as? Double)
        XCTAssertTrue(rmse > 0.3 && rmse < 1.5, "held-out RMSE of 1-5 star ratings: \(rmse)")
        XCTAssertEqual(json["numUsers"] as? Int, 30)
        XCTAssertEqual(json["numItems"] as? Int, 100)
        XCTAssertEqual(json["rank"] as? Int, 5)
        XCTAssertGreaterThan(json["testRows"] as? Int ?? 0, 200, "about 20% of 1501 ratings")
        let recommendations = try XCTUnwrap(json["recommendations"] as? [[String: Any]])
        XCTAssertEqual(recommendations.compactMap { $0["user"] as? Int }, [0, 1, 2])
        for entry in recommendations {
            let ratings = try XCTUnwrap(entry["recommendations"] as? [[String: Any]]).compactMap { $0["rating"] as? Double }
            XCTAssertEqual(ratings.count, 10)
            XCTAssertEqual(ratings, ratings.sorted(by: >))
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flint-als-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let malformed = directory.appendingPathComponent("ratings.txt")
        try Data("0::2::3\n0::3::1\n1::x::4\n".utf8).write(to: malformed)
        let bad = try submit(["--master", "local[2]", "ALS", "--input", malformed.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("ratings.txt") && bad.stderr.contains("line 3"), bad.stderr)
        let badParam = try submit(["--master", "local[2]", "ALS", "--input", data, "--rank", "0"])
        XCTAssertNotEqual(badParam.status, 0)
        XCTAssertTrue(badParam.stderr.contains("rank given invalid value 0"), badParam.stderr)
    }

    func testCrossValidationExampleTunesAPipeline() throws {
        let data = repositoryRoot.appendingPathComponent("Examples/data/classification_small.csv").path
        let result = try submit(["--master", "local[2]", "CrossValidation", "--input", data, "--numFolds", "3", "--parallelism", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        let averages = try XCTUnwrap(json["avgMetrics"] as? [Double])
        XCTAssertEqual(averages.count, 6)
        XCTAssertEqual((json["stdMetrics"] as? [Double])?.count, 6)
        let best = try XCTUnwrap(json["bestParams"] as? [String: Double])
        XCTAssertTrue([0.001, 0.01, 0.1].contains(best["regParam"] ?? -1), "\(best)")
        XCTAssertGreaterThan(json["areaUnderROC"] as? Double ?? 0, 0.65, "8 of the 20 informative features")
        let bad = try submit(["--master", "local[2]", "CrossValidation", "--input", data, "--numFolds", "1"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("numFolds given invalid value 1"), bad.stderr)
    }

    func testWordCountThroughFlintSubmit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flint-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.txt")
        try Data("b a b\nc b a\n\n  a\tb ".utf8).write(to: input)
        let printed = try submit(["--master", "local[2]", "WordCount", input.path])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, "b: 4\na: 3\nc: 1\n")
        let output = directory.appendingPathComponent("counts")
        let saved = try submit(["--master", "local[2]", "WordCount", input.path, "--output", output.path])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
        XCTAssertTrue(names.contains("_SUCCESS"))
        let lines = try names.filter { $0.hasPrefix("part-") }.flatMap {
            try String(contentsOf: output.appendingPathComponent($0), encoding: .utf8).split(separator: "\n")
        }
        XCTAssertEqual(Set(lines), ["a: 3", "b: 4", "c: 1"])
        let missing = try submit(["WordCount", directory.appendingPathComponent("nope").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("Input path does not exist"), missing.stderr)
    }

    func testPageRankMatchesAPlainComputation() throws {
        let edgesFile = repositoryRoot.appendingPathComponent("Examples/data/pagerank_data.txt")
        let result = try submit(["--master", "local[2]", "PageRank", edgesFile.path, "10"])
        XCTAssertEqual(result.status, 0, result.stderr)
        var printed: [String: Double] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            XCTAssertEqual(parts.count, 4, String(line))
            XCTAssertEqual(parts[1...2].joined(separator: " "), "has rank:")
            printed[String(parts[0])] = Double(parts[3].dropLast())
        }
        // The same algorithm as Spark's SparkPageRank, computed directly.
        let edges = try String(contentsOf: edgesFile, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ").map(String.init)
            return (parts[0], parts[1])
        }
        let links = Dictionary(grouping: Set(edges.map { "\($0.0) \($0.1)" }).map { $0.split(separator: " ").map(String.init) },
                               by: { $0[0] }).mapValues { $0.map { $0[1] } }
        var ranks = links.mapValues { _ in 1.0 }
        for _ in 0..<10 {
            var contributions: [String: Double] = [:]
            for (page, rank) in ranks { for target in links[page] ?? [] { contributions[target, default: 0] += rank / Double(links[page]!.count) } }
            ranks = contributions.mapValues { 0.15 + 0.85 * $0 }
        }
        XCTAssertEqual(Set(printed.keys), Set(ranks.keys))
        for (page, rank) in ranks { XCTAssertEqual(printed[page]!, rank, accuracy: 1e-9, page) }
    }

    func testPiAndBadArguments() throws {
        let pi = try submit(["--master", "local[2]", "Pi", "4"])
        XCTAssertEqual(pi.status, 0, pi.stderr)
        let value = try XCTUnwrap(Double(pi.stdout.replacingOccurrences(of: "Pi is roughly ", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(value, Double.pi, accuracy: 0.05)
        let badMaster = try submit(["--master", "local[zero]", "Pi"])
        XCTAssertNotEqual(badMaster.status, 0)
        XCTAssertTrue(badMaster.stderr.contains("invalid master URL 'local[zero]'"), badMaster.stderr)
    }

    func testTerminatedJobLeavesNoLocalFiles() throws {
        let submit = binaries.appendingPathComponent("flint-submit")
        guard FileManager.default.isExecutableFile(atPath: submit.path) else {
            throw XCTSkip("flint-submit is not built next to the tests")
        }
        let localDir = FileManager.default.temporaryDirectory.appendingPathComponent("flint-e2e-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: localDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: localDir) }
        let process = Process()
        process.executableURL = submit
        process.arguments = ["--master", "local[2]", "--conf", "flint.local.dir=\(localDir.path)", "Pi", "2000"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while (try FileManager.default.contentsOfDirectory(atPath: localDir.path)).isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: localDir.path).isEmpty, "the job started")
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 128 + SIGTERM)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: localDir.path), [],
                       "the application's local directory is removed on SIGTERM")
    }
}
