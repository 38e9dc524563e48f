/// The keywords of Flint's SQL dialect (case-insensitive in the source).
///
/// Reserved keywords cannot be used as bare identifiers (write `` `order` `` instead). They are
/// the words a hand-written parser must be able to tell apart from a column, table or alias name
/// without looking further ahead: clause and join words, operators spelled as words, and
/// literals. This is close to the reserved list of Spark's ANSI mode plus its strict
/// non-reserved join words (`SEMI`, `ANTI`, `MINUS`, ...). Every other keyword (`DATE`, `DESC`,
/// `FIRST`, `ROWS`, `VIEW`, ...) remains usable as a name.
enum Keyword: String, CaseIterable, Sendable {
    case all = "ALL"
    case and = "AND"
    case anti = "ANTI"
    case `as` = "AS"
    case asc = "ASC"
    case between = "BETWEEN"
    case by = "BY"
    case `case` = "CASE"
    case cast = "CAST"
    case cluster = "CLUSTER"
    case create = "CREATE"
    case cross = "CROSS"
    case current = "CURRENT"
    case date = "DATE"
    case desc = "DESC"
    case describe = "DESCRIBE"
    case distinct = "DISTINCT"
    case distribute = "DISTRIBUTE"
    case div = "DIV"
    case drop = "DROP"
    case `else` = "ELSE"
    case end = "END"
    case except = "EXCEPT"
    case exists = "EXISTS"
    case explain = "EXPLAIN"
    case extended = "EXTENDED"
    case `false` = "FALSE"
    case first = "FIRST"
    case following = "FOLLOWING"
    case from = "FROM"
    case full = "FULL"
    case global = "GLOBAL"
    case group = "GROUP"
    case having = "HAVING"
    case `if` = "IF"
    case ilike = "ILIKE"
    case `in` = "IN"
    case inner = "INNER"
    case intersect = "INTERSECT"
    case `is` = "IS"
    case join = "JOIN"
    case last = "LAST"
    case `left` = "LEFT"
    case like = "LIKE"
    case limit = "LIMIT"
    case setMinus = "MINUS"
    case natural = "NATURAL"
    case not = "NOT"
    case null = "NULL"
    case nulls = "NULLS"
    case on = "ON"
    case or = "OR"
    case order = "ORDER"
    case outer = "OUTER"
    case over = "OVER"
    case partition = "PARTITION"
    case preceding = "PRECEDING"
    case range = "RANGE"
    case regexp = "REGEXP"
    case replace = "REPLACE"
    case `right` = "RIGHT"
    case rlike = "RLIKE"
    case row = "ROW"
    case rows = "ROWS"
    case select = "SELECT"
    case semi = "SEMI"
    case show = "SHOW"
    case sort = "SORT"
    case table = "TABLE"
    case tables = "TABLES"
    case temp = "TEMP"
    case temporary = "TEMPORARY"
    case then = "THEN"
    case timestamp = "TIMESTAMP"
    case `true` = "TRUE"
    case unbounded = "UNBOUNDED"
    case union = "UNION"
    case using = "USING"
    case values = "VALUES"
    case view = "VIEW"
    case when = "WHEN"
    case `where` = "WHERE"
    case window = "WINDOW"
    case with = "WITH"

    /// The keyword spelled `word` (any case), if it is one. O(length of `word`).
    init?(word: String) {
        self.init(rawValue: word.uppercased())
    }

    /// Whether the keyword cannot be used as a bare identifier.
    var isReserved: Bool {
        switch self {
        case .all, .and, .anti, .as, .between, .case, .cast, .cross, .distinct, .div, .else, .end, .except,
             .exists, .false, .from, .full, .group, .having, .ilike, .in, .inner, .intersect, .is, .join,
             .left, .like, .limit, .setMinus, .natural, .not, .null, .on, .or, .order, .outer, .over, .regexp,
             .right, .rlike, .select, .semi, .table, .then, .true, .union, .using, .values, .when, .where,
             .window, .with:
            true
        default:
            false
        }
    }
}
