extension FlintContext {
    /// Registers `state` as a new accumulator, as Spark's `register`: tasks add to it through
    /// the returned handle, and the driver reads the merged value. `state` is the starting
    /// value on the driver; tasks start from `state.copyAndReset()`. A `name` shows the
    /// accumulator in `StageInfo.accumulables`. Cost: one allocation; no job runs.
    public func register<State: AccumulatorV2>(_ state: State, name: String? = nil) -> Accumulator<State> {
        Accumulator(state, name: name)
    }

    /// A new accumulator of integers starting at 0, as Spark's `longAccumulator`.
    public func longAccumulator(_ name: String? = nil) -> LongAccumulator {
        register(NumericSum<Int>(), name: name)
    }

    /// A new accumulator of `Double`s starting at 0, as Spark's `doubleAccumulator`.
    public func doubleAccumulator(_ name: String? = nil) -> DoubleAccumulator {
        register(NumericSum<Double>(), name: name)
    }

    /// A new accumulator that collects `Element`s into a list, as Spark's
    /// `collectionAccumulator`, e.g. `sc.collectionAccumulator("bad lines", of: String.self)`.
    public func collectionAccumulator<Element>(_ name: String? = nil,
                                               of _: Element.Type = Element.self) -> CollectionAccumulator<Element> {
        register(CollectedElements<Element>(), name: name)
    }
}
