import Glibc
import InterleavePlatform

/// Reads, parses and compiles a program file, refusing what the subset
/// does not have before anything runs.
public enum ProgramSource {
  /// Why a program file cannot run, with the exit status that says so.
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// 65 for a program that is not in the subset, 66 for a file that
    /// cannot be read.
    public var status: Int32
    /// Said as a compiler says it (`FILE.py:LINE:COL: error: ...`).
    public var atLine = false
  }

  /// The largest program read (1 MiB).
  public static let sizeLimit = 1 << 20

  public static func load(_ path: String) throws(Refusal) -> Program {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw Refusal(description: "\(path): \(String(cString: strerror(errno)))", status: 66)
    }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: throw Refusal(description: "\(path): is a folder, not a program", status: 66)
    case S_IFREG: break
    default: throw Refusal(description: "\(path): not a regular file", status: 66)
    }
    let text: String
    do {
      text = try TextFile.read(path, limit: sizeLimit)
    } catch {
      let content = error.description.contains("UTF-8") || error.description.contains("larger")
      throw Refusal(description: "\(path): \(error)", status: content ? 65 : 66)
    }
    return try compile(text, file: absolute(path), shown: path)
  }

  /// Compiles `text`; errors name `shown` with line and column.
  public static func compile(_ text: String, file: String, shown: String? = nil) throws(Refusal)
    -> Program
  {
    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    do {
      let statements = try Parser.program(String(body))
      return try Compiler.compile(statements, file: file, text: String(body))
    } catch {
      throw Refusal(description: error.described(file: shown ?? file), status: 65, atLine: true)
    }
  }

  /// The path made absolute, as Python shows a script's path in a traceback.
  static func absolute(_ path: String) -> String {
    guard !path.hasPrefix("/") else { return path }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return path }
    let folder = String(cString: buffer)
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    return folder + "/" + relative
  }
}
