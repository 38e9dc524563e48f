import FlintCore

extension LogicalPlan {
    /// An estimate of the plan's output size in bytes, for choosing broadcast joins, computed as
    /// Spark's size-only statistics: a file scan is its files' size, scaled down to the columns
    /// it reads; an operator that keeps its rows (project, sort, window, ...) scales its input by
    /// the ratio of output to input row widths (8 bytes a row plus each column type's default
    /// size: 4 for int, 8 for bigint and double, 20 for string, ...); a filter keeps its input's
    /// estimate; a global aggregate is one row; a limit at most `n` rows; a semi or anti join is
    /// its left side, other joins the product of their sides. Local rows count 16 bytes a cell;
    /// nil when unknown (RDD scans). O(plan size), plus listing the scanned files.
    func estimatedSize() -> Int? {
        switch self {
        case let .fileScan(relation):
            guard let size = try? TextFileRDD.totalSize(of: relation.paths.joined(separator: ",")) else { return nil }
            return LogicalPlan.scaled(size, from: relation.output, to: relation.requiredColumns ?? relation.output)
        case let .localRelation(output, rows):
            return rows.count * max(1, output.count) * 16
        case let .filter(_, child), let .distinct(child), let .deduplicate(_, child), let .subqueryAlias(_, child),
             let .sample(_, _, _, child), let .repartition(_, _, child), let .repartitionByExpression(_, _, child):
            return child.estimatedSize()
        case let .aggregate(grouping, _, child) where grouping.isEmpty:
            return child.estimatedSize().map { _ in LogicalPlan.rowSize(output) }
        case let .limit(count, child):
            return child.estimatedSize().map { min($0, count * LogicalPlan.rowSize(output)) }
        case let .project(_, child), let .aggregate(_, _, child), let .sort(_, _, child), let .window(_, child):
            return child.estimatedSize().map { LogicalPlan.scaled($0, from: child.output, to: output) }
        case let .join(left, right, type, _, _):
            guard let leftSize = left.estimatedSize() else { return nil }
            if type == .leftSemi || type == .leftAnti { return leftSize }
            guard let rightSize = right.estimatedSize() else { return nil }
            return leftSize.multipliedReportingOverflow(by: rightSize).overflow ? Int.max : leftSize * rightSize
        case let .union(children, _, _):
            return children.reduce(Optional(0)) { total, child in
                guard let total, let size = child.estimatedSize() else { return nil }
                return total.addingReportingOverflow(size).overflow ? Int.max : total + size
            }
        default:
            return nil
        }
    }

    /// `size` bytes of rows of `from` as rows of `to` (Spark's `getSizePerRow` ratio), at least 1.
    static func scaled(_ size: Int, from: [Attribute], to: [Attribute]) -> Int {
        let ratio = Double(rowSize(to)) / Double(rowSize(from))
        return max(1, Int(min(Double(Int.max), (Double(size) * ratio).rounded(.up))))
    }

    /// Spark's estimated row width: 8 bytes of row overhead plus each column's default size.
    static func rowSize(_ attributes: [Attribute]) -> Int {
        8 + attributes.reduce(0) { $0 + $1.dataType.defaultSize }
    }
}

extension DataType {
    /// Spark's `defaultSize`: the width assumed for a value of this type when estimating sizes
    /// (20 bytes for a string, one element for an array).
    var defaultSize: Int {
        switch self {
        case .null, .boolean: return 1
        case .integer, .float, .date: return 4
        case .long, .double, .timestamp: return 8
        case .string: return 20
        case let .array(element, _): return element.defaultSize
        case let .structure(schema): return schema.fields.reduce(0) { $0 + $1.dataType.defaultSize }
        // VectorUDT's SQL type: struct<type: tinyint, size: int, indices: array<int>, values: array<double>>.
        case .vector: return 1 + 4 + 4 + 8
        }
    }
}
