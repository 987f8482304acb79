import AWCore
/// "Did you mean" for misspelt keys and values: the closest candidate by edit distance after
/// folding case, `-`/`_` and camelCase (so `learningRate`, `learning-rate` and `learnig_rate`
/// all suggest `learning_rate`), when it is close enough to be a plausible typo.
enum ManifestSuggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let w = fold(word)
        guard !w.isEmpty else { return nil }
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, fold(c))
            if d == 0 { return c }
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = w.count >= 8 ? 3 : (w.count >= 4 ? 2 : 1)
        return d <= limit ? candidate : nil
    }

    /// Lower case, camelCase split with `_`, `-` and spaces as `_`.
    static func fold(_ s: String) -> [Character] {
        var out: [Character] = []
        var previousLower = false
        for ch in s {
            if ch.isUppercase && previousLower { out.append("_") }
            previousLower = ch.isLowercase || ch.isNumber
            if ch == "-" || ch == " " { out.append("_") } else { out.append(contentsOf: ch.lowercased()) }
        }
        return out
    }

    /// Levenshtein distance with adjacent transpositions (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
