/// An element-wise step (`flatMap`, `filter`) that the next `map` or `filter` fuses with: the
/// fused step runs over this RDD's parent, the two steps' work done in one pass over each batch,
/// as Spark's whole-stage code generation fuses operators.
///
/// Running `map` on the batches of a `flatMap` copies every element into a second batch and
/// destroys the first through the element type's value witnesses (about a tenth of word count's
/// map stage); a `filter` before a `map` moves the kept elements within their batch first. The
/// fused step stays an RDD of its own in the lineage (`toDebugString`, call sites,
/// persistence), and runs fused only while this RDD is neither persisted nor checkpointed;
/// otherwise it reads this RDD's stored data as usual.
///
/// The fusing `map` and `filter` of the subclasses (`FlatMappedRDD`, `FilteredRDD`) are
/// overloads chosen by the receiver's static type: through a variable typed `RDD<T>` the steps
/// run one after the other, with the same results.
public class FusibleRDD<Source, T>: MapPartitionsRDD<Source, T>, @unchecked Sendable {
    /// This element-wise `step` over the batches of `parent`, formed where the types are known.
    @usableFromInline
    init(parent: RDD<Source>, preservesPartitioning: Bool, callSite: CallSite,
         step: @escaping (BatchIterator<Source>) -> BatchIterator<T>) {
        super.init(parent: parent, preservesPartitioning: preservesPartitioning, isElementwise: true,
                   callSite: callSite, transform: { _, _, items in step(items) })
    }

    /// A step fused with this one: `fused` over the batches of `parent` while this RDD is
    /// neither persisted nor checkpointed, else `unfused` over this RDD's elements.
    @inlinable
    func fusing<U>(_ name: String, preservesPartitioning: Bool, file: String, line: Int,
                   fused: @escaping (BatchIterator<Source>) -> BatchIterator<U>,
                   unfused: @escaping (BatchIterator<T>) -> BatchIterator<U>) -> MapPartitionsRDD<T, U> {
        let parent = self.parent
        return MapPartitionsRDD(parent: self, preservesPartitioning: preservesPartitioning, isElementwise: true,
                                callSite: CallSite(name, file: file, line: line), transform: { _, _, items in unfused(items) },
                                fused: { context, partition in
                                    guard !self.getStorageLevel().isValid, !self.isCheckpointed else { return nil }
                                    return fused(try parent.iterator(partition: partition, context: context))
                                })
    }
}

/// The RDD behind `flatMap`; a `map` or `filter` on it fuses with it (word count's
/// `flatMap(split).map { ($0, 1) }`): each element's expansion is mapped or filtered straight
/// into the output batch. See `FusibleRDD`.
public final class FlatMappedRDD<Source, Expansion: Sequence>: FusibleRDD<Source, Expansion.Element>, @unchecked Sendable {
    /// What one element of `parent` expands to.
    @usableFromInline let expand: (Source) throws -> Expansion

    @usableFromInline
    init(parent: RDD<Source>, callSite: CallSite, expand: @escaping (Source) throws -> Expansion,
         step: @escaping (BatchIterator<Source>) -> BatchIterator<Expansion.Element>) {
        self.expand = expand
        super.init(parent: parent, preservesPartitioning: false, callSite: callSite, step: step)
    }

    /// Applies `transform` to every element: `RDD.map`, fused with this `flatMap`. (The
    /// unnamed last parameter only tells this overload from `RDD.map`'s; leave it out.)
    @inlinable
    public func map<U>(_ transform: @escaping @Sendable (Expansion.Element) throws -> U, file: String = #fileID,
                       line: Int = #line, _ fused: Void = ()) -> MapPartitionsRDD<Expansion.Element, U> {
        let expand = self.expand
        return fusing("map", preservesPartitioning: false, file: file, line: line,
                      fused: { items in items.expanding(expand, mappingEach: transform) },
                      unfused: { items in items.map(transform) })
    }

    /// Keeps the elements for which `isIncluded` returns true: `RDD.filter`, fused with this
    /// `flatMap`. (The unnamed last parameter only tells this overload from `RDD.filter`'s.)
    @inlinable
    public func filter(_ isIncluded: @escaping @Sendable (Expansion.Element) throws -> Bool, file: String = #fileID,
                       line: Int = #line, _ fused: Void = ()) -> MapPartitionsRDD<Expansion.Element, Expansion.Element> {
        let expand = self.expand
        return fusing("filter", preservesPartitioning: true, file: file, line: line,
                      fused: { items in items.expanding(expand, filteringEach: isIncluded) },
                      unfused: { items in items.filter(isIncluded) })
    }
}

/// The RDD behind `filter`; a `map` on it fuses with it (`lines.filter { $0 != header }.map(parse)`):
/// the kept elements are mapped straight from the parent's batch. See `FusibleRDD`.
public final class FilteredRDD<T>: FusibleRDD<T, T>, @unchecked Sendable {
    /// Whether an element of `parent` is kept.
    @usableFromInline let isIncluded: (T) throws -> Bool

    @usableFromInline
    init(parent: RDD<T>, callSite: CallSite, isIncluded: @escaping (T) throws -> Bool,
         step: @escaping (BatchIterator<T>) -> BatchIterator<T>) {
        self.isIncluded = isIncluded
        super.init(parent: parent, preservesPartitioning: true, callSite: callSite, step: step)
    }

    /// Applies `transform` to every element: `RDD.map`, fused with this `filter`. (The unnamed
    /// last parameter only tells this overload from `RDD.map`'s; leave it out.)
    @inlinable
    public func map<U>(_ transform: @escaping @Sendable (T) throws -> U, file: String = #fileID,
                       line: Int = #line, _ fused: Void = ()) -> MapPartitionsRDD<T, U> {
        let isIncluded = self.isIncluded
        return fusing("map", preservesPartitioning: false, file: file, line: line,
                      fused: { items in items.filtering(isIncluded, mappingEach: transform) },
                      unfused: { items in items.map(transform) })
    }
}
