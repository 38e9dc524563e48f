// Pi: estimates π by throwing random darts at the unit square, as Spark's SparkPi.
//
//   sbin/run-example Pi [slices]
import Flint
import Foundation

let slices = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? -1 : 2
guard slices > 0 else {
    FileHandle.standardError.write(Data("Usage: Pi [slices]   (slices: a positive integer)\n".utf8))
    exit(2)
}

do {
    let sc = try FlintContext(conf: FlintConf().setAppName("Spark Pi"))
    defer { sc.stop() }
    let n = min(100_000 * slices, Int(Int32.max))
    let count = try sc.range(1, n, numSlices: slices).mapPartitionsWithIndex { index, darts in
        var random = SeededRandom(seed: UInt64(index) &+ UInt64(Date().timeIntervalSince1970 * 1e6))
        return darts.map { _ -> Int in
            let x = random.nextDouble() * 2 - 1
            let y = random.nextDouble() * 2 - 1
            return x * x + y * y <= 1 ? 1 : 0
        }
    }.reduce(+)
    print("Pi is roughly \(4.0 * Double(count) / Double(n - 1))")
} catch {
    FileHandle.standardError.write(Data("Pi failed: \(error)\n".utf8))
    exit(1)
}
