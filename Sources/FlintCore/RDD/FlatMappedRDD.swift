/// The RDD behind `flatMap`. A `map` or `filter` applied to it fuses with it (word count's
/// `flatMap(split).map { ($0, 1) }`): the step runs over the `flatMap`'s parent, expanding each
/// element and mapping or filtering the expansion straight into the output batch, as Spark's
/// whole-stage code generation fuses operators.
///
/// Running `map` on the batches of a `flatMap` copies every element into a second batch and
/// destroys the first through the element type's value witnesses (about a tenth of word
/// count's map stage). The fused step stays an RDD of its own in the lineage
/// (`toDebugString`, call sites, persistence), and runs fused only while this RDD is neither
/// persisted nor checkpointed; otherwise it reads this RDD's stored data as usual.
///
/// The fusing `map` and `filter` are overloads chosen by the receiver's static type: through a
/// variable typed `RDD<T>` the steps run one after the other, with the same results.
public final class FlatMappedRDD<Source, Expansion: Sequence>: RDD<Expansion.Element>, @unchecked Sendable {
    /// The RDD whose elements are expanded.
    @usableFromInline let parent: RDD<Source>
    /// What one element of `parent` expands to.
    @usableFromInline let expand: (Source) throws -> Expansion
    /// `expand` over a batch of `parent`, formed where the types are known.
    private let step: (BatchIterator<Source>) -> BatchIterator<Expansion.Element>

    @usableFromInline
    init(parent: RDD<Source>, callSite: CallSite, expand: @escaping (Source) throws -> Expansion,
         step: @escaping (BatchIterator<Source>) -> BatchIterator<Expansion.Element>) {
        self.parent = parent
        self.expand = expand
        self.step = step
        super.init(context: parent.context, dependencies: [OneToOneDependency(rdd: parent)],
                   numPartitions: parent.numPartitions, callSite: callSite)
    }

    override public var kindName: String { "MapPartitionsRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<Expansion.Element> {
        step(try parent.iterator(partition: partition, context: context))
    }

    /// The expansion of a sample of the parent.
    override public func computeSampledPartition(partition: Int, context: TaskContext, size: Int,
                                                 seed: UInt64) throws -> SampledPartition<Expansion.Element>? {
        try parent.sampledPartition(partition: partition, context: context, size: size, seed: seed).map {
            SampledPartition(elements: step($0.elements), fraction: $0.fraction)
        }
    }

    /// A step fused with this one: `fused` over the batches of `parent` while this RDD is
    /// neither persisted nor checkpointed, else `unfused` over this RDD's elements.
    @inlinable
    func fusing<U>(preservesPartitioning: Bool, callSite: CallSite,
                   fused: @escaping (BatchIterator<Source>) -> BatchIterator<U>,
                   unfused: @escaping (BatchIterator<Expansion.Element>) -> BatchIterator<U>) -> MapPartitionsRDD<Expansion.Element, U> {
        let parent = self.parent
        return MapPartitionsRDD(parent: self, preservesPartitioning: preservesPartitioning, isElementwise: true,
                                callSite: callSite, transform: { _, _, items in unfused(items) },
                                fused: { context, partition in
                                    guard !self.getStorageLevel().isValid, !self.isCheckpointed else { return nil }
                                    return fused(try parent.iterator(partition: partition, context: context))
                                })
    }

    /// Applies `transform` to every element: `RDD.map`, fused with this `flatMap`. (The
    /// unnamed last parameter only tells this overload from `RDD.map`'s; leave it out.)
    @inlinable
    public func map<U>(_ transform: @escaping @Sendable (Expansion.Element) throws -> U, file: String = #fileID,
                       line: Int = #line, _ fused: Void = ()) -> MapPartitionsRDD<Expansion.Element, U> {
        let expand = self.expand
        return fusing(preservesPartitioning: false, callSite: CallSite("map", file: file, line: line),
                      fused: { items in items.expanding(expand, mappingEach: transform) },
                      unfused: { items in items.map(transform) })
    }

    /// Keeps the elements for which `isIncluded` returns true: `RDD.filter`, fused with this
    /// `flatMap`. (The unnamed last parameter only tells this overload from `RDD.filter`'s.)
    @inlinable
    public func filter(_ isIncluded: @escaping @Sendable (Expansion.Element) throws -> Bool, file: String = #fileID,
                       line: Int = #line, _ fused: Void = ()) -> MapPartitionsRDD<Expansion.Element, Expansion.Element> {
        let expand = self.expand
        return fusing(preservesPartitioning: true, callSite: CallSite("filter", file: file, line: line),
                      fused: { items in items.expanding(expand, filteringEach: isIncluded) },
                      unfused: { items in items.filter(isIncluded) })
    }
}
