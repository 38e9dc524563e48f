import XCTest
@testable import FlintSQL

final class SQLQueryTests: SessionTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try people().createOrReplaceTempView("people")
        try session.createDataFrame([[.string("eng"), .integer(1)], [.string("sales"), .integer(2)], [.string("hr"), .integer(3)]],
                                    schema: StructType([StructField("dept", .string), StructField("floor", .integer)]))
            .createOrReplaceTempView("depts")
    }

    private func rows(_ sql: String) throws -> [String] { try session.sql(sql).collect().map(\.description) }

    func testSelectWhereGroupByHavingOrderBy() throws {
        XCTAssertEqual(try rows("""
            SELECT dept, count(*) AS n, round(avg(salary), 1) AS pay
            FROM people WHERE age > 25 GROUP BY dept HAVING count(*) > 1 ORDER BY pay DESC
            """), ["[eng,2,110.0]", "[sales,2,90.0]"])
        XCTAssertEqual(try rows("SELECT dept, max(age) FROM people GROUP BY 1 HAVING sum(salary) > 100 ORDER BY 1"),
                       ["[eng,45]"])
    }

    func testJoinsSubqueriesAndCTEs() throws {
        XCTAssertEqual(try rows("SELECT p.name, d.floor FROM people p JOIN depts d ON p.dept = d.dept WHERE d.floor > 1 ORDER BY name"),
                       ["[Carol,2]", "[Dan,2]"])
        XCTAssertEqual(try rows("SELECT name FROM people LEFT ANTI JOIN depts USING (dept) ORDER BY name"), ["[Eve]"])
        XCTAssertEqual(try rows("SELECT name FROM people WHERE salary > (SELECT avg(salary) FROM people) ORDER BY name"),
                       ["[Alice]", "[Bob]"])
        XCTAssertEqual(try rows("SELECT name FROM people WHERE dept IN (SELECT dept FROM depts WHERE floor = 2) ORDER BY name"),
                       ["[Carol]", "[Dan]"])
        XCTAssertEqual(try rows("""
            WITH rich AS (SELECT * FROM people WHERE salary >= 100), counts AS (SELECT dept, count(*) c FROM rich GROUP BY dept)
            SELECT dept, c FROM counts
            """), ["[eng,2]"])
        XCTAssertEqual(try rows("SELECT count(*) FROM people WHERE EXISTS (SELECT 1 FROM depts WHERE floor = 3)"), ["[5]"])
    }

    func testCorrelatedExistsAndInBecomeJoins() throws {
        XCTAssertEqual(try rows("""
            SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept AND d.floor > 1) ORDER BY name
            """), ["[Carol]", "[Dan]"])
        XCTAssertEqual(try rows("SELECT name FROM people p WHERE NOT EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept)"), ["[Eve]"])
        XCTAssertEqual(try rows("""
            SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM people q WHERE q.dept = p.dept AND q.age > p.age) ORDER BY name
            """), ["[Alice]", "[Carol]"], "the same view inside and outside, with a non-equal correlation")
        XCTAssertEqual(try rows("""
            SELECT dept FROM depts d WHERE dept IN (SELECT p.dept FROM people p WHERE p.salary > 95 AND p.age > d.floor * 40)
            """), ["[eng]"])
        XCTAssertEqual(try rows("""
            SELECT dept FROM depts d WHERE floor NOT IN (SELECT age - 33 FROM people p WHERE p.dept = d.dept) ORDER BY dept
            """), ["[hr]", "[sales]"])
        XCTAssertEqual(try rows("""
            SELECT dept FROM depts d WHERE 95 NOT IN (SELECT salary FROM people p WHERE p.dept = d.dept) ORDER BY dept
            """), ["[eng]", "[hr]"], "a null in the subquery's group makes NOT IN unknown")
        let plan = try session.sql("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept)")
        XCTAssertTrue(plan.explainString().contains("LeftSemi"), plan.explainString())
        XCTAssertThrowsError(try rows("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.dept) OR age > 50")) {
            XCTAssertTrue("\($0)".contains("correlated EXISTS / IN subquery outside a conjunct of WHERE"), "\($0)")
        }
        XCTAssertThrowsError(try rows("SELECT name FROM people p WHERE EXISTS (SELECT p.age FROM depts d WHERE d.dept = p.dept)")) {
            XCTAssertTrue("\($0)".contains("in the select list of a subquery"), "\($0)")
        }
        XCTAssertThrowsError(try rows("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM depts d WHERE d.dept = p.nope)")) {
            XCTAssertTrue("\($0)".contains("nope"), "\($0)")
        }
    }

    func testCorrelatedScalarSubqueriesBecomeOuterJoins() throws {
        XCTAssertEqual(try rows("""
            SELECT name FROM people p WHERE salary >= (SELECT avg(salary) FROM people q WHERE q.dept = p.dept) ORDER BY name
            """), ["[Alice]", "[Carol]"])
        XCTAssertEqual(try rows("""
            SELECT dept, (SELECT count(*) FROM people p WHERE p.dept = d.dept) AS n,
                   (SELECT max(age) FROM people p WHERE p.dept = d.dept AND p.age < 50) AS oldest
            FROM depts d ORDER BY dept
            """), ["[eng,2,45]", "[hr,0,null]", "[sales,2,29]"], "an empty group counts 0, its max is null")
        XCTAssertThrowsError(try rows("SELECT name FROM people p WHERE age > (SELECT min(age) FROM people q WHERE q.age < p.age)")) {
            XCTAssertTrue("\($0)".contains("only correlate by equalities"), "\($0)")
        }
        XCTAssertThrowsError(try rows("SELECT name FROM people p WHERE age = (SELECT age FROM people q WHERE q.name = p.name)")) {
            XCTAssertTrue("\($0)".contains("must be one aggregate"), "\($0)")
        }
    }

    func testSetOperationsCaseAndWindows() throws {
        XCTAssertEqual(try rows("SELECT dept FROM depts EXCEPT SELECT dept FROM people"), ["[hr]"])
        XCTAssertEqual(try session.sql("SELECT dept FROM people UNION SELECT dept FROM depts").count(), 4)
        XCTAssertEqual(try session.sql("SELECT dept FROM people UNION ALL SELECT dept FROM depts").count(), 8)
        XCTAssertEqual(try rows("""
            SELECT name, CASE WHEN age < 35 THEN 'young' ELSE 'old' END AS band,
                   rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r
            FROM people WHERE dept = 'eng' ORDER BY name
            """), ["[Alice,young,1]", "[Bob,old,2]"])
    }

    func testCommandsAndViews() throws {
        _ = try session.sql("CREATE OR REPLACE TEMP VIEW seniors AS SELECT name, age FROM people WHERE age >= 45")
        XCTAssertEqual(try rows("SELECT * FROM seniors ORDER BY age"), ["[Bob,45]", "[Dan,51]"])
        XCTAssertEqual(try rows("SHOW TABLES"), ["[,depts,true]", "[,people,true]", "[,seniors,true]"])
        XCTAssertEqual(try rows("DESCRIBE seniors"), ["[name,string,null]", "[age,int,null]"])
        let plan = try XCTUnwrap(try session.sql("EXPLAIN EXTENDED SELECT dept, sum(age) FROM people GROUP BY dept").first())
        XCTAssertTrue(plan.description.contains("== Optimized Logical Plan =="))
        _ = try session.sql("DROP VIEW seniors")
        XCTAssertThrowsError(try session.sql("SELECT * FROM seniors")) { error in
            XCTAssertTrue("\(error)".contains("TABLE_OR_VIEW_NOT_FOUND"), "\(error)")
        }
    }

    func testErrorsNamePositionsAndNearestColumns() throws {
        XCTAssertThrowsError(try session.sql("SELECT name\nFROM people WHERE salry > 1")) { error in
            XCTAssertTrue("\(error)".contains("`salry`"), "\(error)")
            XCTAssertTrue("\(error)".contains("`salary`"), "\(error)")
        }
        XCTAssertThrowsError(try session.sql("SELECT name FROM people WHERE (age > 1")) { error in
            guard let syntax = error as? SQLSyntaxError else { return XCTFail("\(error)") }
            XCTAssertEqual(syntax.line, 1)
            XCTAssertTrue(syntax.description.contains("PARSE_SYNTAX_ERROR"), syntax.description)
        }
        XCTAssertThrowsError(try session.sql("SELECT nosuch(age) FROM people")) { error in
            XCTAssertTrue("\(error)".contains("UNRESOLVED_ROUTINE"), "\(error)")
        }
    }

    func testSelectExprAndStringFilters() throws {
        let result = try people().selectExpr("upper(name) AS n", "salary * 2 AS double_pay").filter("double_pay > 150")
            .orderBy("n").collect()
        XCTAssertEqual(result.map(\.description), ["[ALICE,240.0]", "[BOB,200.0]", "[CAROL,180.0]"])
        XCTAssertEqual(try people().filter(try expr("age BETWEEN 30 AND 40")).count(), 2)
    }
}

final class UDFTests: SessionTestCase {
    func testSwiftUDFsInDataFramesAndSQL() throws {
        let initials = session.udf.register("initials") { (name: String) in String(name.prefix(2)).uppercased() }
        let bonus = session.udf.register("bonus") { (salary: Double, age: Int) in salary * (age > 40 ? 0.2 : 0.1) }
        let orZero = session.udf.register("or_zero") { (value: Double?) in value ?? 0 }
        let rows = try people().select(initials(col("name")), bonus(col("salary"), col("age")).alias("b"), orZero(col("salary")).alias("z"))
            .collect().map(\.description)
        XCTAssertEqual(rows, ["[AL,12.0,120.0]", "[BO,20.0,100.0]", "[CA,9.0,90.0]", "[DA,null,0.0]", "[EV,7.0,70.0]"])
        try people().createOrReplaceTempView("people")
        XCTAssertEqual(try session.sql("SELECT initials(name) FROM people WHERE bonus(salary, age) > 10").collect().map(\.description),
                       ["[AL]", "[BO]"])
        let rowsRDD = try people().rdd
        XCTAssertEqual(try rowsRDD.count(), 5)
        XCTAssertEqual(try rowsRDD.map { $0["name"]?.description ?? "" }.collect().first, "Alice")
    }
}

final class SelfJoinTests: SessionTestCase {
    func testAViewJoinedWithItselfAndACTEOverIt() throws {
        try people().createOrReplaceTempView("people")
        let pairs = try session.sql("""
            SELECT a.name, b.name FROM people a JOIN people b ON a.dept = b.dept AND a.age < b.age ORDER BY a.name
            """).collect().map(\.description)
        XCTAssertEqual(pairs, ["[Alice,Bob]", "[Carol,Dan]"])
        let withTotals = try session.sql("""
            WITH totals AS (SELECT dept, sum(salary) AS total FROM people GROUP BY dept)
            SELECT p.name, t.total FROM people p JOIN totals t ON p.dept = t.dept WHERE p.age > 40 ORDER BY p.name
            """).collect().map(\.description)
        XCTAssertEqual(withTotals, ["[Bob,220.0]", "[Dan,90.0]"])
        let frame = try people().select("name", "dept")
        XCTAssertEqual(try frame.join(frame, using: ["dept"]).count(), 8, "2×2 eng + 2×2 sales, the null dept never matches")
    }
}
