import Foundation
import XCTest
import FlintCore
@testable import FlintSQL

final class DataSourceTests: DirectoryTestCase {
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testTextSource() throws {
        let path = try write("lines.txt", "to be\nor not\nto be\n")
        let lines = try session.read.text(path).groupBy("value").count().orderBy("value").collect()
        XCTAssertEqual(lines.map(\.description), ["[or not,1]", "[to be,2]"])
        XCTAssertThrowsError(try session.read.load(path)) { error in
            XCTAssertTrue("\(error)".contains("no data source format"), "\(error)")
        }
        XCTAssertThrowsError(try session.read.format("parquet").load(path)) { error in
            XCTAssertTrue("\(error)".contains("'parquet' is not available"), "\(error)")
        }
    }

    func testCSVWithHeaderAndInferredSchema() throws {
        let path = try write("people.csv", """
            name,age,salary,joined
            Alice,34,120.5,2020-01-15
            Bob,45,,2019-03-01
            "Carol, Jr.",29,90,2021-07-30

            """)
        let frame = try session.read.option("header", "true").option("inferSchema", "true").csv(path)
        XCTAssertEqual(frame.dtypes.map { "\($0.0):\($0.1)" }, ["name:string", "age:int", "salary:double", "joined:date"])
        XCTAssertEqual(try frame.orderBy("age").collect().map(\.description),
                       ["[Carol, Jr.,29,90.0,2021-07-30]", "[Alice,34,120.5,2020-01-15]", "[Bob,45,null,2019-03-01]"])
        frame.createOrReplaceTempView("staff")
        XCTAssertEqual(try session.sql("SELECT count(*), max(joined) FROM staff WHERE salary IS NOT NULL").collect().map(\.description),
                       ["[2,2021-07-30]"])
        let plain = try session.read.csv(path)
        XCTAssertEqual(plain.columns, ["_c0", "_c1", "_c2", "_c3"])
        XCTAssertEqual(try plain.count(), 4)
    }

    func testCSVModesOnMalformedInput() throws {
        var text = "id,value\n"
        for i in 1...3000 { text += i == 2500 ? "\(i),oops\n" : "\(i),\(i * 2)\n" }
        let path = try write("numbers.csv", text)
        let schema = "id INT, value INT"
        let permissive = try session.read.option("header", true).schema(schema).csv(path)
        XCTAssertEqual(try permissive.count(), 3000)
        XCTAssertEqual(try permissive.filter(col("value").isNull()).count(), 1)
        let dropped = try session.read.option("header", true).option("mode", "DROPMALFORMED").schema(schema).csv(path)
        XCTAssertEqual(try dropped.collect().count, 2999)
        XCTAssertEqual(try dropped.count(), 3000, "as Spark's: count() reads no column, so no record is malformed")
        let failing = try session.read.option("header", true).option("mode", "FAILFAST").schema(schema).csv(path)
        XCTAssertEqual(try failing.select("id").collect().count, 3000)
        XCTAssertThrowsError(try failing.collect()) { error in
            XCTAssertTrue("\(error)".contains("numbers.csv, line 2501"), "\(error)")
        }
        let withCorrupt = try session.read.option("header", true)
            .schema(StructType([StructField("id", .integer), StructField("value", .integer), StructField("_corrupt_record", .string)]))
            .csv(path)
        XCTAssertEqual(try withCorrupt.filter(col("_corrupt_record").isNotNull()).select("_corrupt_record").collect().map(\.description),
                       ["[2500,oops]"])
        XCTAssertThrowsError(try session.read.option("mode", "LENIENT").csv(path)) { error in
            XCTAssertTrue("\(error)".lowercased().contains("mode"), "\(error)")
        }
        XCTAssertThrowsError(try session.read.csv(directory.appendingPathComponent("missing.csv").path)) { error in
            XCTAssertTrue("\(error)".contains("missing.csv"), "\(error)")
        }
    }

    func testCSVScanReadsOnlyTheColumnsTheQueryNeeds() throws {
        let path = try write("wide.csv", "id,name,score,note\n1,a,1.5,x\n2,b,oops,y\n3,c,3.5,z\n")
        let frame = try session.read.option("header", "true").option("inferSchema", "false")
            .schema("id INT, name STRING, score DOUBLE, note STRING").option("mode", "FAILFAST").csv(path)
        let pruned = try frame.filter(col("id") > 1).select("name")
        XCTAssertTrue(pruned.explainString().contains("ReadSchema: struct<id:int,name:string>"), pruned.explainString())
        XCTAssertEqual(try pruned.collect().map(\.description), ["[b]", "[c]"], "the bad score is never parsed")
        XCTAssertEqual(try frame.count(), 3)
        XCTAssertThrowsError(try frame.select("score").collect()) { error in
            XCTAssertTrue("\(error)".contains("line 3"), "\(error)")
        }
        session.conf.set(ConfigEntry.sqlCSVColumnPruning.key, "false")
        XCTAssertThrowsError(try pruned.collect(), "without pruning every field is converted")
        session.conf.set(ConfigEntry.sqlCSVColumnPruning.key, "maybe")
        XCTAssertThrowsError(try pruned.collect()) { error in
            XCTAssertTrue("\(error)".contains("flint.sql.csv.parser.columnPruning.enabled"), "\(error)")
        }
        session.conf.set(ConfigEntry.sqlCSVColumnPruning.key, "true")
        let withCorrupt = try session.read.option("header", "true").schema("id INT, score DOUBLE, _corrupt_record STRING")
            .csv(try write("narrow.csv", "id,score\n1,1.5\n2,oops\n"))
        XCTAssertEqual(try withCorrupt.select("_corrupt_record").collect().map(\.description), ["[null]", "[2,oops]"],
                       "the corrupt-record column needs every field parsed")
    }

    func testCacheIsFoundByASecondReadOfTheSameFile() throws {
        let path = try write("cached.csv", "k,v\n1,2\n3,4\n")
        func read() throws -> DataFrame {
            try session.read.option("header", true).option("inferSchema", true).csv(path).filter(col("k") > 1)
        }
        let first = try read().cache()
        XCTAssertEqual(try first.count(), 1)
        let second = try read()
        XCTAssertTrue(second.isCached, "same plan, other attribute ids")
        let query = try second.select("v")
        XCTAssertTrue(query.explainString().contains("InMemoryTableScan"), query.explainString())
        try FileManager.default.removeItem(atPath: path)
        XCTAssertEqual(try query.collect().map(\.description), ["[4]"], "read from the cache, not the deleted file")
        second.unpersist()
        XCTAssertFalse(first.isCached)
    }

    func testWriteCSVWithModesAndPartitionsThenReadBack() throws {
        let output = directory.appendingPathComponent("out").path
        let frame = try people().select("name", "dept", "salary")
        try frame.write.option("header", true).csv(output)
        let files = try FileManager.default.contentsOfDirectory(atPath: output)
        XCTAssertTrue(files.contains("_SUCCESS"))
        XCTAssertTrue(files.contains { $0.hasPrefix("part-00000") && $0.hasSuffix(".csv") }, "\(files)")
        let back = try session.read.option("header", true).schema("name STRING, dept STRING, salary DOUBLE").csv(output)
        XCTAssertEqual(try back.orderBy("name").collect().map(\.description), try frame.orderBy("name").collect().map(\.description))
        XCTAssertThrowsError(try frame.write.csv(output)) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        try frame.write.mode("append").option("header", true).csv(output)
        XCTAssertEqual(try session.read.option("header", true).csv(output).count(), 10)
        try frame.write.mode("overwrite").option("header", true).csv(output)
        XCTAssertEqual(try session.read.option("header", true).csv(output).count(), 5)
        try frame.write.mode("ignore").csv(output)
        XCTAssertThrowsError(try frame.write.mode("sometimes"))

        let partitioned = directory.appendingPathComponent("by-dept").path
        try frame.write.partitionBy("dept").option("header", true).csv(partitioned)
        let folders = try FileManager.default.contentsOfDirectory(atPath: partitioned).sorted()
        XCTAssertEqual(folders, ["_SUCCESS", "dept=__HIVE_DEFAULT_PARTITION__", "dept=eng", "dept=sales"])
        let eng = try session.read.option("header", true).csv(partitioned + "/dept=eng").orderBy("name").collect()
        XCTAssertEqual(eng.map(\.description), ["[Alice,120.0]", "[Bob,100.0]"])
        XCTAssertThrowsError(try frame.write.partitionBy("nope").csv(directory.appendingPathComponent("x").path))
    }

    func testWriteText() throws {
        let output = directory.appendingPathComponent("names").path
        try people().select("name").write.text(output)
        XCTAssertEqual(try session.read.text(output).orderBy("value").collect().first?.description, "[Alice]")
        XCTAssertThrowsError(try people().write.text(directory.appendingPathComponent("bad").path)) { error in
            XCTAssertTrue("\(error)".contains("single column of string type"), "\(error)")
        }
    }

    func testJSONLinesWithInferenceNestingAndModes() throws {
        let path = try write("events.json", """
            {"user": "ann", "clicks": 3, "score": 1.5, "tags": ["a", "b"], "geo": {"city": "Oslo", "zip": 150}}
            {"user": "bob", "clicks": 7, "score": 2, "active": true}
            not json at all
            {"user": "cid", "clicks": null, "score": 0.25, "geo": {"city": "Rome"}}

            """)
        let frame = try session.read.json(path)
        XCTAssertEqual(frame.dtypes.map { "\($0.0):\($0.1)" }, [
            "active:boolean", "clicks:bigint", "geo:struct<city:string,zip:bigint>", "score:double", "tags:array<string>",
            "user:string", "_corrupt_record:string",
        ])
        let rows = try frame.orderBy(col("user").ascNullsLast()).collect().map(\.description)
        XCTAssertEqual(rows, [
            "[null,3,{Oslo, 150},1.5,[a, b],ann,null]", "[true,7,null,2.0,null,bob,null]",
            "[null,null,{Rome, null},0.25,null,cid,null]", "[null,null,null,null,null,null,not json at all]",
        ])
        XCTAssertEqual(try session.read.option("mode", "DROPMALFORMED").json(path).count(), 3)
        XCTAssertThrowsError(try session.read.option("mode", "FAILFAST").json(path).count()) { error in
            XCTAssertTrue("\(error)".contains("events.json, line 3"), "\(error)")
        }
        frame.createOrReplaceTempView("events")
        XCTAssertEqual(try session.sql("SELECT sum(clicks), avg(score) FROM events WHERE user IS NOT NULL").collect().map(\.description),
                       ["[10,1.25]"])
    }

    func testWriteJSONAndReadItBack() throws {
        let output = directory.appendingPathComponent("json-out").path
        let frame = try people().select(col("name"), col("salary"), col("age"))
        try frame.write.json(output)
        let back = try session.read.json(output)
        XCTAssertEqual(back.columns, ["age", "name", "salary"])
        XCTAssertEqual(try back.select("name", "salary", "age").orderBy("name").collect().map(\.description),
                       try frame.orderBy("name").collect().map(\.description))
        let part = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: output).first { $0.hasSuffix(".json") })
        let text = try String(contentsOfFile: output + "/" + part, encoding: .utf8)
        XCTAssertTrue(text.contains("{\"name\":\"Dan\",\"age\":51}"), text)
    }
}
