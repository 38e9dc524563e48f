extension DataFrame {
    /// The plan after the optimizer's rewrites (what runs).
    public var optimizedPlan: LogicalPlan {
        Optimizer(session: session).optimize(session.cacheManager.useCachedData(plan))
    }

    /// The plans as Spark's `explain` prints them: the physical plan; with `extended`, first the
    /// parsed, analysed (with the output schema) and optimised logical plans.
    public func explainString(extended: Bool = false) -> String {
        let physical = "== Physical Plan ==\n" + PlanPrinter.physical(optimizedPlan, shufflePartitions: session.shufflePartitions,
                                                                      broadcastThreshold: session.broadcastThreshold)
        guard extended else { return physical + "\n" }
        let schemaLine = schema.fields.map { "\($0.name): \($0.dataType.simpleString)" }.joined(separator: ", ")
        return ["== Parsed Logical Plan ==\n" + PlanPrinter.logical(parsedPlan),
                "== Analyzed Logical Plan ==\n" + schemaLine + "\n" + PlanPrinter.logical(plan),
                "== Optimized Logical Plan ==\n" + PlanPrinter.logical(optimizedPlan),
                physical].joined(separator: "\n\n") + "\n"
    }

    /// Prints `explainString(extended:)`.
    public func explain(_ extended: Bool = false) { print(explainString(extended: extended)) }
}
