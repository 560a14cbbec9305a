import CEditLine
import Foundation

/// Connects a ``Completer`` to libedit's readline-compatible completion: libedit hands
/// over its own word (split at its break characters); the completer's candidates are
/// cut or extended so they replace exactly that word.
enum CompletionHook {
    /// libedit calls a C function: the completer lives here, used on the main thread only.
    nonisolated(unsafe) static var completer: Completer?

    static func install(_ completer: Completer) {
        self.completer = completer
        cedit_set_word_breaks(strdup(" \t\n\"\\'`@$><=;|&{(,)}[]+-*/^~#"))
        cedit_set_completer { text, start, end in CompletionHook.matches(text, start, end) }
    }

    static func matches(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    {
        cedit_set_append_char(0)   // nothing after "learner:" or "dir/"
        let word = text.map { String(cString: $0) } ?? ""
        guard let completer, let buffer = cedit_line_buffer() else { return matchArray(word, []) }
        let lineBytes = Array(String(cString: buffer).utf8)
        let cursor = min(max(Int(end), 0), lineBytes.count)
        let wordStart = min(max(Int(start), 0), cursor)
        let prefix = String(decoding: lineBytes[..<cursor], as: UTF8.self)
        let (replaceFrom, candidates) = completer.complete(prefix)
        // Both starts as byte offsets in the line.
        let from = String(prefix.prefix(replaceFrom)).utf8.count
        let adjusted: [String] = candidates.compactMap { candidate in
            if from <= wordStart {
                let skip = String(decoding: lineBytes[from..<wordStart], as: UTF8.self)
                return candidate.hasPrefix(skip) ? String(candidate.dropFirst(skip.count)) : nil
            }
            return String(decoding: lineBytes[wordStart..<from], as: UTF8.self) + candidate
        }
        return matchArray(word, adjusted)
    }

    /// readline's match list: the common prefix, then the candidates, then NULL (padded:
    /// libedit looks one past a single match). No candidates: the word itself, so libedit
    /// does not fall back to completing file names.
    static func matchArray(_ word: String, _ candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let unique = Array(NSOrderedSet(array: candidates)) as? [String] ?? candidates
        let common = unique.isEmpty ? word : unique.dropFirst().reduce(unique[0]) { commonPrefix($0, $1) }
        let items = [common.count >= word.count ? common : word] + (unique.count > 1 ? unique : unique.count == 1 ? unique : [])
        // libedit frees the array and its strings with free(): allocate with malloc.
        let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (items.count + 2))!
        let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: items.count + 2)
        for (i, item) in items.enumerated() { list[i] = strdup(item) }
        list[items.count] = nil
        list[items.count + 1] = nil
        return list
    }

    static func commonPrefix(_ a: String, _ b: String) -> String {
        String(zip(a, b).prefix(while: { $0 == $1 }).map(\.0))
    }
}
