import XCTest
@testable import FlintSQL

/// Queries and commands; see `SQLParserExpressionTests` and `SQLParserErrorTests` for the rest.
final class SQLParserTests: ParserTestCase {
    private let oneRow = LogicalPlan.localRelation(output: [], rows: [[]])

    func testSelectItemsAndAliases() {
        assertQuery("SELECT a, t.b AS x, c y, `weird name` FROM db.t WHERE a > 1",
                    select(col("a"), named(col("t", "b"), "x"), named(col("c"), "y"), col("weird name"),
                           from: .filter(binary(.greater, col("a"), lit(1)), table("db", "t"))))
        assertQuery("select A from T", select(col("A"), from: table("T")))
        assertQuery("SELECT *, t.* FROM t", select(.star(qualifier: nil), .star(qualifier: "t"), from: table("t")))
        assertQuery("SELECT date, first, rows FROM t;", select(col("date"), col("first"), col("rows"), from: table("t")))
    }

    func testSelectWithoutFrom() {
        assertQuery("SELECT 1", select(lit(1), from: oneRow))
        assertQuery("SELECT 1 AS one WHERE true", select(named(lit(1), "one"), from: .filter(.literal(.boolean(true)), oneRow)))
    }

    func testClauseOrder() {
        let filtered = LogicalPlan.filter(binary(.equal, col("b"), lit(1)), table("t"))
        assertQuery("SELECT DISTINCT a FROM t WHERE b = 1 ORDER BY a DESC LIMIT 5",
                    .limit(5, .sort([SortOrder(col("a"), ascending: false)], isGlobal: true,
                                    .distinct(select(col("a"), from: filtered)))))
        assertQuery("SELECT ALL a FROM t", select(col("a"), from: table("t")))
    }

    func testGroupByAndHaving() {
        let count = call("count", lit(1))
        assertQuery("SELECT a, count(*) AS n FROM t GROUP BY a HAVING count(*) > 1 ORDER BY n",
                    .sort([SortOrder(col("n"))], isGlobal: true,
                          .filter(binary(.greater, count, lit(1)),
                                  .aggregate(grouping: [col("a")], aggregates: [col("a"), named(count, "n")], table("t")))))
    }

    func testAggregateWithoutGroupBy() {
        assertQuery("SELECT max(a) + 1 FROM t",
                    .aggregate(grouping: [], aggregates: [binary(.add, call("max", col("a")), lit(1))], table("t")))
        assertQuery("SELECT 1 FROM t HAVING count(*) > 0",
                    .filter(binary(.greater, call("count", lit(1)), .literal(.integer(0))),
                            .aggregate(grouping: [], aggregates: [lit(1)], table("t"))))
        let window = Expression.window(call("sum", col("x")), WindowSpec(partitionBy: [col("g")]))
        assertQuery("SELECT sum(x) OVER (PARTITION BY g) FROM t", select(window, from: table("t")))
        let ranked = Expression.window(call("rank"), WindowSpec(orderBy: [SortOrder(call("sum", col("x")))]))
        assertQuery("SELECT rank() OVER (ORDER BY sum(x)) FROM t",
                    .aggregate(grouping: [], aggregates: [ranked], table("t")))
    }

    func testGroupByAll() {
        assertQuery("SELECT a, b + 1 AS c, sum(x) FROM t GROUP BY ALL",
                    .aggregate(grouping: [col("a"), binary(.add, col("b"), lit(1))],
                               aggregates: [col("a"), named(binary(.add, col("b"), lit(1)), "c"), call("sum", col("x"))],
                               table("t")))
    }

    func testValues() {
        let number = Attribute(name: "col1", dataType: .integer, nullable: false)
        let text = Attribute(name: "col2", dataType: .string, nullable: true)
        assertQuery("VALUES (1, 'a'), (-2, NULL)",
                    .localRelation(output: [number, text], rows: [[.integer(1), .string("a")], [.integer(-2), .null]]))
        let a = Attribute(name: "a", dataType: .long, nullable: false)
        let b = Attribute(name: "b", dataType: .timestamp, nullable: false)
        assertQuery("VALUES (1, DATE '1970-01-02'), (2L, TIMESTAMP '1970-01-01 00:00:01') AS t(a, b)",
                    .subqueryAlias("t", .localRelation(output: [a, b], rows: [[.long(1), .timestamp(86_400_000_000)],
                                                                               [.long(2), .timestamp(1_000_000)]])))
        assertQuery("VALUES 1, 2", .localRelation(output: [number], rows: [[.integer(1)], [.integer(2)]]))
        let x = Attribute(name: "x", dataType: .double, nullable: false)
        assertQuery("SELECT * FROM VALUES (1), (2.5) v(x)",
                    select(.star(qualifier: nil), from: .subqueryAlias("v", .localRelation(output: [x], rows: [[.double(1)], [.double(2.5)]]))))
    }

    func testTable() {
        assertQuery("TABLE db.t", table("db", "t"))
    }

    func testCommaJoinsAndTableAliases() {
        let ab = LogicalPlan.join(table("a"), .subqueryAlias("x", table("b")), .cross, condition: nil, using: [])
        assertQuery("SELECT * FROM a, b AS x, c y",
                    select(.star(qualifier: nil), from: .join(ab, .subqueryAlias("y", table("c")), .cross, condition: nil, using: [])))
    }

    func testJoinTypes() {
        let kinds: [(String, JoinType)] = [
            ("JOIN", .inner), ("INNER JOIN", .inner), ("LEFT JOIN", .leftOuter), ("LEFT OUTER JOIN", .leftOuter),
            ("RIGHT JOIN", .rightOuter), ("RIGHT OUTER JOIN", .rightOuter), ("FULL JOIN", .fullOuter),
            ("FULL OUTER JOIN", .fullOuter), ("LEFT SEMI JOIN", .leftSemi), ("SEMI JOIN", .leftSemi),
            ("LEFT ANTI JOIN", .leftAnti), ("ANTI JOIN", .leftAnti), ("CROSS JOIN", .cross),
        ]
        let condition = binary(.equal, col("a", "k"), col("b", "k"))
        for (keywords, type) in kinds {
            assertQuery("SELECT * FROM a \(keywords) b ON a.k = b.k",
                        select(.star(qualifier: nil), from: .join(table("a"), table("b"), type, condition: condition, using: [])))
        }
        assertQuery("SELECT * FROM a CROSS JOIN b",
                    select(.star(qualifier: nil), from: .join(table("a"), table("b"), .cross, condition: nil, using: [])))
    }

    func testJoinChainsAreLeftAssociative() {
        let ab = LogicalPlan.join(table("a"), table("b"), .inner, condition: binary(.equal, col("x"), col("y")), using: [])
        assertQuery("SELECT * FROM a JOIN b ON x = y LEFT JOIN c USING (k, j)",
                    select(.star(qualifier: nil), from: .join(ab, table("c"), .leftOuter, condition: nil, using: ["k", "j"])))
    }

    func testSubqueriesInFrom() {
        let inner = select(named(col("a"), "x"), from: table("t"))
        assertQuery("SELECT x FROM (SELECT a AS x FROM t) AS s", select(col("x"), from: .subqueryAlias("s", inner)))
        assertQuery("SELECT x FROM ((SELECT a AS x FROM t)) s", select(col("x"), from: .subqueryAlias("s", inner)))
        assertQuery("SELECT x FROM (SELECT a AS x FROM t)", select(col("x"), from: inner))
        assertQuery("SELECT * FROM (a JOIN b USING (k)) j",
                    select(.star(qualifier: nil),
                           from: .subqueryAlias("j", .join(table("a"), table("b"), .inner, condition: nil, using: ["k"]))))
    }

    func testSetOperations() {
        let t = select(col("a"), from: table("t"))
        let u = select(col("a"), from: table("u"))
        let union = LogicalPlan.union([t, u], byName: false, allowMissingColumns: false)
        assertQuery("SELECT a FROM t UNION SELECT a FROM u", .distinct(union))
        assertQuery("SELECT a FROM t UNION DISTINCT SELECT a FROM u", .distinct(union))
        assertQuery("SELECT a FROM t UNION ALL SELECT a FROM u", union)
        assertQuery("SELECT a FROM t INTERSECT SELECT a FROM u", .setOperation(.intersect, t, u, isAll: false))
        assertQuery("SELECT a FROM t INTERSECT ALL SELECT a FROM u", .setOperation(.intersect, t, u, isAll: true))
        assertQuery("SELECT a FROM t EXCEPT SELECT a FROM u", .setOperation(.except, t, u, isAll: false))
        assertQuery("SELECT a FROM t MINUS SELECT a FROM u", .setOperation(.except, t, u, isAll: false))
        assertQuery("SELECT a FROM t EXCEPT ALL SELECT a FROM u", .setOperation(.except, t, u, isAll: true))
    }

    func testSetOperationPrecedence() {
        let q = (1...4).map { select(col("a"), from: table("t\($0)")) }
        let union = { (left: LogicalPlan, right: LogicalPlan) in
            LogicalPlan.union([left, right], byName: false, allowMissingColumns: false)
        }
        assertQuery("SELECT a FROM t1 UNION ALL SELECT a FROM t2 INTERSECT SELECT a FROM t3 EXCEPT SELECT a FROM t4",
                    .setOperation(.except, union(q[0], .setOperation(.intersect, q[1], q[2], isAll: false)), q[3], isAll: false))
        assertQuery("SELECT a FROM t1 EXCEPT SELECT a FROM t2 EXCEPT SELECT a FROM t3",
                    .setOperation(.except, .setOperation(.except, q[0], q[1], isAll: false), q[2], isAll: false))
        assertQuery("SELECT a FROM t1 EXCEPT (SELECT a FROM t2 EXCEPT SELECT a FROM t3)",
                    .setOperation(.except, q[0], .setOperation(.except, q[1], q[2], isAll: false), isAll: false))
        assertQuery("SELECT a FROM t1 UNION ALL SELECT a FROM t2 ORDER BY a LIMIT 3",
                    .limit(3, .sort([SortOrder(col("a"))], isGlobal: true, union(q[0], q[1]))))
        assertQuery("(SELECT a FROM t1 LIMIT 1) UNION ALL (SELECT a FROM t2)", union(.limit(1, q[0]), q[1]))
    }

    func testCommonTableExpressions() {
        let a = CommonTableExpression(name: "a", plan: select(named(lit(1), "x"), from: oneRow))
        let b = CommonTableExpression(name: "b", plan: select(col("x"), from: table("a")))
        assertQuery("WITH a AS (SELECT 1 AS x), b (SELECT x FROM a) SELECT * FROM b",
                    .with([a, b], select(.star(qualifier: nil), from: table("b"))))
    }

    func testNamedWindows() {
        let spec = WindowSpec(partitionBy: [col("g")], orderBy: [SortOrder(col("x"))])
        assertQuery("SELECT rank() OVER w, sum(x) OVER W FROM t WINDOW w AS (PARTITION BY g ORDER BY x)",
                    select(.window(call("rank"), spec), .window(call("sum", col("x")), spec), from: table("t")))
    }

    func testCommands() {
        let one = select(lit(1), from: oneRow)
        assertStatement("CREATE OR REPLACE TEMP VIEW v AS SELECT 1", .createTempView(name: "v", replace: true, query: one))
        assertStatement("create temporary view v as select 1", .createTempView(name: "v", replace: false, query: one))
        assertStatement("CREATE GLOBAL TEMPORARY VIEW v AS SELECT 1",
                        .createTempView(name: "global_temp.v", replace: false, query: one))
        assertStatement("DROP VIEW IF EXISTS v", .dropView(name: "v", ifExists: true))
        assertStatement("DROP VIEW global_temp.v", .dropView(name: "global_temp.v", ifExists: false))
        assertStatement("SHOW TABLES", .showTables)
        assertStatement("DESCRIBE TABLE db.t", .describe(name: "db.t"))
        assertStatement("DESC t", .describe(name: "t"))
        assertStatement("EXPLAIN SELECT 1", .explain(one, extended: false))
        assertStatement("EXPLAIN EXTENDED SELECT 1;", .explain(one, extended: true))
    }

    func testScripts() throws {
        let statements = try SQLParser.parseStatements("""
            -- a script; with comments
            SELECT 'a;b' ; ;
            /* ; */ SHOW TABLES;
            DROP VIEW v
            """)
        XCTAssertEqual(statements, [.query(select(lit("a;b"), from: oneRow)), .showTables, .dropView(name: "v", ifExists: false)])
        XCTAssertEqual(try SQLParser.parseStatements(" ; "), [])
    }

    func testCommentsAreSkipped() {
        assertQuery("SELECT a -- the column\n FROM /* a /* nested */ comment */ t",
                    select(col("a"), from: table("t")))
    }

    func testMisspeltFromIsAnAliasAsInSpark() {
        XCTAssertEqual(syntaxError("SELECT a FORM t")?.found, "t")
    }
}
