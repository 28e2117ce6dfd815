import InterleavePlatform

/// A program's globals on real threads: each a word read and written
/// atomically (so a read and the write after it are two steps, and an
/// update between them is really lost), without a lock for the values a
/// word holds whole (an int of 61 bits, a bool, None, a function, an
/// object, a module); other values (strings, lists, floats) are kept
/// beside the words, behind one lock, the word then saying "look there".
final class GlobalCells: Sendable {
  private let words: AtomicWords
  /// The values too big for a word, by global; read where the word says so.
  private let boxed: LockedBox<[Value?]>

  /// The low three bits of a word: what the rest of it holds.
  private enum Tag: Int {
    case boxed = 0, int, bool, pyNone, function, object, module
  }
  private static let tagBits = 3
  private static let smallest = Int.min >> tagBits
  private static let largest = Int.max >> tagBits

  init(count: Int) {
    words = AtomicWords(count: count, value: Tag.boxed.rawValue)
    boxed = LockedBox(Array(repeating: nil, count: count))
  }

  func read(_ index: Int) -> Value? {
    let word = words.load(index)
    if let value = Self.decode(word) { return value }
    return boxed.withLockedValue { $0[index] }
  }

  /// Whether the global holds data (a read of it is a step) or is unbound.
  func holdsData(_ index: Int) -> Bool {
    switch Tag(rawValue: words.load(index) & 7) {
    case .int, .bool, .pyNone: return true
    case .function, .object, .module: return false
    default: return read(index)?.isData ?? true
    }
  }

  func write(_ index: Int, _ value: Value) {
    if let word = Self.encode(value) {
      words.store(index, word)
      return
    }
    boxed.withLockedValue {
      $0[index] = value
      words.store(index, Tag.boxed.rawValue)
    }
  }

  /// Reads and changes the global indivisibly with respect to every other
  /// such change and to values kept beside the words.
  func update(_ index: Int, _ body: (inout Value?) throws(PythonError) -> Value)
    throws(PythonError) -> Value
  {
    var failure: PythonError?
    let result = boxed.withLockedValue { values -> Value in
      var value = Self.decode(words.load(index)) ?? values[index]
      do throws(PythonError) {
        let result = try body(&value)
        if let value { write(index, value, locked: &values) }
        return result
      } catch {
        failure = error
        return .none
      }
    }
    if let failure { throw failure }
    return result
  }

  private func write(_ index: Int, _ value: Value, locked values: inout [Value?]) {
    if let word = Self.encode(value) {
      words.store(index, word)
    } else {
      values[index] = value
      words.store(index, Tag.boxed.rawValue)
    }
  }

  private static func encode(_ value: Value) -> Int? {
    func word(_ payload: Int, _ tag: Tag) -> Int { payload << tagBits | tag.rawValue }
    switch value {
    case .int(let number) where number >= smallest && number <= largest:
      return word(number, .int)
    case .bool(let flag): return word(flag ? 1 : 0, .bool)
    case .none: return word(0, .pyNone)
    case .function(let index): return word(index, .function)
    case .object(let index): return word(index, .object)
    case .module(let module): return word(Module.allCases.firstIndex(of: module)!, .module)
    default: return nil
    }
  }

  private static func decode(_ word: Int) -> Value? {
    let payload = word >> tagBits
    switch Tag(rawValue: word & 7) {
    case .int: return .int(payload)
    case .bool: return .bool(payload != 0)
    case .pyNone: return Value.none
    case .function: return .function(payload)
    case .object: return .object(payload)
    case .module: return .module(Module.allCases[payload])
    default: return nil
    }
  }
}
