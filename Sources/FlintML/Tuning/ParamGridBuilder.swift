/// Builds the grid of param maps a tuning estimator tries, as spark.ml's `ParamGridBuilder`:
/// every combination of the values given to `addGrid`, each with the fixed values of `baseOn`.
/// The first param added varies fastest.
public struct ParamGridBuilder: Sendable {
    private var grid: [(ParamKey, [ParamValue])] = []
    private var base = ParamMap()

    /// An empty grid.
    public init() {}

    /// Adds `param` with the values to try (replacing earlier values of the same param).
    public func addGrid<T>(_ param: Param<T>, _ values: [T]) -> ParamGridBuilder {
        var copy = self
        copy.grid.removeAll { $0.0 == param.key }
        copy.grid.append((param.key, values.map(\.paramValue)))
        return copy
    }

    /// Sets fixed values in every map.
    public func baseOn(_ pairs: ParamPair...) -> ParamGridBuilder {
        var copy = self
        for pair in pairs { copy.base.put(pair) }
        return copy
    }

    /// Every combination, as param maps.
    public func build() -> [ParamMap] {
        var maps = [base]
        for (key, values) in grid {
            maps = values.flatMap { value in
                maps.map { map -> ParamMap in
                    var extended = map
                    extended.put(ParamPair(key: key, value: value))
                    return extended
                }
            }
        }
        return maps
    }
}
