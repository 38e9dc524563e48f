import Foundation
import XCTest
@testable import FlintCore
@testable import FlintSQL

/// Runs the same SQL in Flint and in DuckDB (Python package, installed by sbin/run-tests) over
/// the same generated CSV files, and compares the results cell by cell (numbers to 1e-9
/// relative, rows in order when the query orders them, as multisets otherwise).
final class DuckDBDifferentialTests: SessionTestCase {
    private static let queries: [(sql: String, ordered: Bool)] = [
        ("SELECT category, count(*), sum(amount), min(amount), max(amount) FROM orders GROUP BY category", false),
        ("SELECT customer, count(DISTINCT category) AS c FROM orders GROUP BY customer HAVING count(*) > 3 ORDER BY c DESC, customer", true),
        ("SELECT o.id, c.region FROM orders o JOIN customers c ON o.customer = c.id WHERE o.amount > 50", false),
        ("SELECT c.region, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer = c.id GROUP BY c.region", false),
        ("SELECT o.id, c.name FROM orders o FULL OUTER JOIN customers c ON o.customer = c.id WHERE o.id IS NULL OR c.id IS NULL", false),
        ("SELECT id, amount FROM orders WHERE amount IS NOT NULL ORDER BY amount DESC, id LIMIT 7", true),
        ("SELECT id, CASE WHEN amount IS NULL THEN 'none' WHEN amount > 60 THEN 'big' ELSE 'small' END FROM orders", false),
        ("SELECT category, avg(amount), stddev_samp(amount) FROM orders GROUP BY category", false),
        ("SELECT id, row_number() OVER (PARTITION BY customer ORDER BY amount DESC, id) AS r FROM orders", false),
        ("SELECT id, sum(amount) OVER (PARTITION BY category ORDER BY id) FROM orders", false),
        ("SELECT customer FROM orders WHERE category = 'a' INTERSECT SELECT customer FROM orders WHERE category = 'b'", false),
        ("SELECT id FROM customers EXCEPT SELECT customer FROM orders", false),
        ("SELECT name FROM customers WHERE id IN (SELECT customer FROM orders WHERE amount > 95)", false),
        ("SELECT id, amount FROM orders WHERE amount > (SELECT avg(amount) FROM orders) AND category <> 'c'", false),
        ("SELECT coalesce(amount, 0) + id * 2, upper(category), length(note) FROM orders WHERE id < 40", false),
        ("SELECT year(day), month(day), count(*) FROM orders GROUP BY year(day), month(day)", false),
        ("SELECT DISTINCT category, customer % 3 FROM orders", false),
        ("SELECT c.name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.id AND o.amount > 90)", false),
        ("SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.id AND o.category = 'a')", false),
        ("SELECT o.id FROM orders o WHERE o.category IN (SELECT p.category FROM orders p WHERE p.customer = o.customer AND p.id < o.id)", false),
        ("SELECT id FROM orders o WHERE amount > (SELECT avg(amount) FROM orders p WHERE p.category = o.category)", false),
        ("SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer = c.id), (SELECT max(amount) FROM orders o WHERE o.customer = c.id) FROM customers c", false),
        ("WITH big AS (SELECT * FROM orders WHERE amount > 80) SELECT category, count(*) FROM big GROUP BY category", false),
    ]

    func testQueriesAgreeWithDuckDB() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import duckdb"]
        check.standardError = Pipe()
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else { throw XCTSkip("python3 with duckdb is not installed (sbin/run-tests installs it)") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flint-duckdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (orders, customers) = try writeData(in: directory)
        try session.read.option("header", true).schema("id INT, customer INT, category STRING, amount DOUBLE, day DATE, note STRING")
            .csv(orders).createOrReplaceTempView("orders")
        try session.read.option("header", true).schema("id INT, name STRING, region STRING").csv(customers)
            .createOrReplaceTempView("customers")

        let expected = try duckDB(orders: orders, customers: customers, directory: directory)
        for (index, query) in Self.queries.enumerated() {
            let flint = try session.sql(query.sql).collect().map { $0.values.map(Self.canonical) }
            let duck = expected[index]
            XCTAssertEqual(flint.count, duck.count, "row count of: \(query.sql)")
            let (a, b) = query.ordered ? (flint, duck) : (flint.sorted(by: Self.rowOrder), duck.sorted(by: Self.rowOrder))
            for (x, y) in zip(a, b) where !Self.sameRow(x, y) {
                XCTFail("\(query.sql)\nFlint:  \(x)\nDuckDB: \(y)")
                break
            }
        }
    }

    private func writeData(in directory: URL) throws -> (String, String) {
        var random = SeededRandom(seed: 2024)
        var orders = "id,customer,category,amount,day,note\n"
        for id in 1...600 {
            let customer = Int(random.nextDouble() * 40) + 1
            let category = ["a", "b", "c", "d"][Int(random.nextDouble() * 4)]
            let amount = random.nextDouble() < 0.08 ? "" : String(format: "%.2f", random.nextDouble() * 100)
            let day = DateTimeFormat.formatDate(Int32(18_000 + Int(random.nextDouble() * 700)))
            let note = random.nextDouble() < 0.1 ? "" : "n\(id % 17)"
            orders += "\(id),\(customer),\(category),\(amount),\(day),\(note)\n"
        }
        var customers = "id,name,region\n"
        for id in 1...45 where id % 11 != 0 {
            customers += "\(id),c\(id),\(["north", "south", "east"][id % 3])\n"
        }
        let ordersPath = directory.appendingPathComponent("orders.csv").path
        let customersPath = directory.appendingPathComponent("customers.csv").path
        try orders.write(toFile: ordersPath, atomically: true, encoding: .utf8)
        try customers.write(toFile: customersPath, atomically: true, encoding: .utf8)
        return (ordersPath, customersPath)
    }

    /// Each query's rows from DuckDB, as canonical strings.
    private func duckDB(orders: String, customers: String, directory: URL) throws -> [[[String]]] {
        let queriesFile = directory.appendingPathComponent("queries.json")
        try JSONEncoder().encode(Self.queries.map(\.sql)).write(to: queriesFile)
        let script = """
            import duckdb, json, sys
            con = duckdb.connect()
            con.execute("CREATE VIEW orders AS SELECT * FROM read_csv('\(orders)', header=true, columns={'id':'INTEGER','customer':'INTEGER','category':'VARCHAR','amount':'DOUBLE','day':'DATE','note':'VARCHAR'})")
            con.execute("CREATE VIEW customers AS SELECT * FROM read_csv('\(customers)', header=true, columns={'id':'INTEGER','name':'VARCHAR','region':'VARCHAR'})")
            out = []
            for q in json.load(open(sys.argv[1])):
                rows = con.execute(q).fetchall()
                out.append([[None if v is None else (repr(float(v)) if isinstance(v, float) else str(v)) for v in r] for r in rows])
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, queriesFile.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, errors)
        let decoded = try JSONDecoder().decode([[[String?]]].self, from: data)
        return decoded.map { rows in rows.map { row in row.map { $0 ?? "null" } } }
    }

    static func canonical(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case let .double(v): return "\(v)"
        case let .float(v): return "\(Double(v))"
        case let .boolean(v): return v ? "True" : "False"
        default: return value.description
        }
    }

    static func sameCell(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
    }

    static func sameRow(_ a: [String], _ b: [String]) -> Bool { a.count == b.count && zip(a, b).allSatisfy(sameCell) }

    static func rowOrder(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            if let p = Double(x), let q = Double(y) { return p < q }
            return x < y
        }
        return a.count < b.count
    }
}
