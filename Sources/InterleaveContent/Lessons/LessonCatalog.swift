import InterleaveText

/// The built-in lessons and lesson files named on the command line.
public enum LessonCatalog {
  /// Built-in lesson names (`01-threads`, ...), in order.
  public static let builtinNames = BuiltinLessons.sources.map(\.name)

  /// Every built-in lesson's name and title.
  public static func list(_ language: Language) -> [(name: String, title: String)] {
    BuiltinLessons.sources.compactMap { source in
      (try? LessonParser.parse(source.text, file: "lessons/\(source.name).toml")).map {
        (source.name, $0.title.text(language))
      }
    }
  }

  /// Whether `lesson` is one of the built-in lessons (its programs are
  /// then the built-in ones too).
  public static func isBuiltin(_ lesson: Lesson) -> Bool {
    builtinNames.contains { "lessons/\($0).toml" == lesson.file }
  }

  /// A built-in program's text by the path a built-in lesson names it by
  /// (`../programs/seed-race.py`).
  public static func builtinProgram(_ path: String) -> String? {
    let name = path.split(separator: "/").last.map { String($0.dropLast(3)) }
    return BuiltinPrograms.sources.first { $0.name == name }?.text
  }

  /// A built-in lesson by name (`02-race`, or just `2` or `race`), or a file by path.
  public static func load(_ nameOrPath: String) throws(SourceError) -> Lesson {
    if !nameOrPath.contains("/") && !nameOrPath.hasSuffix(".toml") {
      let match = BuiltinLessons.sources.first { source in
        source.name == nameOrPath || source.name.hasSuffix("-" + nameOrPath)
          || Int(source.name.prefix(2)) == Int(nameOrPath)
      }
      guard let match else {
        throw SourceError(
          file: nameOrPath,
          message:
            "no such lesson (built-in: \(builtinNames.joined(separator: ", ")); or give a .toml path)"
        )
      }
      return try LessonParser.parse(match.text, file: "lessons/\(match.name).toml")
    }
    return try LessonParser.parse(try SourceError.readText(nameOrPath), file: nameOrPath)
  }
}
