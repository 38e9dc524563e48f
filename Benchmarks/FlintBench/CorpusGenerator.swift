import Flint
import Foundation

/// The vocabulary of the corpus: `size` distinct lowercase words, the word of rank r having
/// `3 + floor(log2(r+1)/2)` letters clipped to 3...12 (as the anchor kit), frequent words short.
struct Vocabulary {
    /// Every word followed by one space, back to back.
    let bytes: [UInt8]
    /// `offsets[r]..<offsets[r+1]` is word r plus its space.
    let offsets: [Int]

    /// Draws the words from `random`, redrawing on collisions (deterministic for a seed).
    init(size: Int, random: inout SeededRandom) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * 12)
        var offsets = [0]
        offsets.reserveCapacity(size + 1)
        var seen = Set<UInt64>(minimumCapacity: size)
        var letters = [UInt8](repeating: 0, count: 12)
        for rank in 0..<size {
            let log2 = Int.bitWidth - 1 - (rank + 1).leadingZeroBitCount
            let length = Swift.min(12, Swift.max(3, 3 + log2 / 2))
            while true {
                // Pack up to 12 letters (5 bits each) and the length into one key.
                var key = UInt64(length) << 60
                for index in 0..<length {
                    let letter = random.below(26)
                    letters[index] = UInt8(ascii: "a") + UInt8(letter)
                    key |= UInt64(letter) << (5 * UInt64(index))
                }
                if seen.insert(key).inserted { break }
            }
            bytes.append(contentsOf: letters[0..<length])
            bytes.append(UInt8(ascii: " "))
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// The number of words.
    var count: Int { offsets.count - 1 }

    /// Word `rank` as a string.
    func word(_ rank: Int) -> String {
        String(decoding: bytes[offsets[rank]..<offsets[rank + 1] - 1], as: UTF8.self)
    }
}

/// Writes `corpus.txt`: `lines` lines of 5...15 words (uniform), each word drawn by rank from a
/// Zipf(s) law over the vocabulary, words separated by one space, lines ended by `\n` (the same
/// kind of text as the anchor kit's, not the same bytes). Counts every word while writing, so
/// the expected wordcount answers cost nothing extra.
struct CorpusGenerator {
    /// Lines to write.
    let lines: Int
    /// Vocabulary size.
    let vocabularySize: Int
    /// Zipf exponent.
    let zipfExponent: Double

    /// Writes `<directory>/corpus.txt` and returns its manifest entry.
    /// - Throws: `BenchError.io` when the file cannot be written.
    func generate(directory: String, seed: UInt64) throws -> TextDataset {
        var random = SeededRandom(seed: seed)
        let vocabulary = Vocabulary(size: vocabularySize, random: &random)
        let weights = (1...vocabularySize).map { 1 / pow(Double($0), zipfExponent) }
        let table = AliasTable(weights: weights)
        var counts = [Int](repeating: 0, count: vocabularySize)
        let output = try OutputBuffer(path: directory + "/corpus.txt")
        var totalWords = 0
        try vocabulary.bytes.withUnsafeBufferPointer { words in
            try vocabulary.offsets.withUnsafeBufferPointer { offsets in
                for _ in 0..<lines {
                    let wordsInLine = 5 + random.below(11)
                    try output.reserve(wordsInLine * 13)
                    for index in 0..<wordsInLine {
                        let rank = table.sample(random.next())
                        counts[rank] += 1
                        output.append(UnsafeBufferPointer(rebasing: words[offsets[rank]..<offsets[rank + 1] - 1]))
                        output.append(index == wordsInLine - 1 ? UInt8(ascii: "\n") : UInt8(ascii: " "))
                    }
                    totalWords += wordsInLine
                }
            }
        }
        try output.finish()
        return TextDataset(files: ["corpus.txt"], lines: lines, vocabSize: vocabularySize, zipfS: zipfExponent,
                           expected: .init(totalWords: totalWords, distinctWords: counts.count { $0 > 0 },
                                           top10: Self.top10(counts: counts, vocabulary: vocabulary)))
    }

    /// The 10 most frequent words by count descending, then word ascending (Spark's
    /// `takeOrdered(10, by (-count, word))`).
    private static func top10(counts: [Int], vocabulary: Vocabulary) -> [WordCount] {
        // Take a margin of ranks by count alone, then order them exactly with their words.
        let candidates = smallest(64, of: counts.indices) { counts[$0] > counts[$1] }
        return smallest(10, of: candidates.map { WordCount(word: vocabulary.word($0), count: counts[$0]) }) {
            ($0.count, $1.word) > ($1.count, $0.word)
        }
    }
}
