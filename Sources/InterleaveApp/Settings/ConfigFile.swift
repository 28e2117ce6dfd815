import ArgumentParser
import InterleaveContent

/// The user's config file, read once for the whole process.
enum ConfigFile {
  /// Where it is looked for.
  static let path = UserConfig.path(Environment.current)

  private static let loaded = Result { () throws(SourceError) -> UserConfig in
    try UserConfig.load(path)
  }

  /// Its settings (empty when there is no file).
  /// - Throws: a one-line error naming `file:line:column` when it is bad.
  static func current() throws -> UserConfig {
    do {
      return try loaded.get()
    } catch {
      throw ValidationError("config \(error)")
    }
  }

  /// Its settings once `current()` has been checked (empty if it is bad).
  static var settings: UserConfig { (try? loaded.get()) ?? UserConfig() }
}
