/// The built-in challenges and challenge files named on the command line.
public enum ChallengeCatalog {
  /// Built-in challenge names (`01-counter`, ...), in order.
  public static let builtinNames = BuiltinChallenges.sources.map(\.name)

  /// Every built-in challenge, in order.
  public static func all() throws(SourceError) -> [Challenge] {
    var challenges: [Challenge] = []
    for source in BuiltinChallenges.sources {
      challenges.append(
        try ChallengeParser.parse(
          source.text, file: "challenges/\(source.name).toml", name: source.name))
    }
    return challenges
  }

  /// A built-in challenge by name (`04-overdraw`, `overdraw` or `4`), or a
  /// file by path.
  public static func load(_ nameOrPath: String) throws(SourceError) -> Challenge {
    if !nameOrPath.contains("/") && !nameOrPath.hasSuffix(".toml") {
      let match = BuiltinChallenges.sources.first { source in
        source.name == nameOrPath || source.name.dropFirst(3) == nameOrPath
          || Int(source.name.prefix(2)) == Int(nameOrPath)
      }
      guard let match else {
        throw SourceError(
          file: nameOrPath,
          message: "no such challenge ('interleave challenge' lists them; or give a .toml path)")
      }
      return try ChallengeParser.parse(
        match.text, file: "challenges/\(match.name).toml", name: match.name)
    }
    let name = String(nameOrPath.split(separator: "/").last ?? "").replacing(".toml", with: "")
    return try ChallengeParser.parse(
      try SourceError.readText(nameOrPath), file: nameOrPath, name: name)
  }

  /// Whether `challenge` is built in (its program is then built in too).
  public static func isBuiltin(_ challenge: Challenge) -> Bool {
    builtinNames.contains { "challenges/\($0).toml" == challenge.file }
  }

  /// The program's text and the path it is shown by: built in, or read
  /// from beside the challenge's file.
  public static func programText(_ challenge: Challenge) throws(SourceError) -> (
    text: String, path: String
  ) {
    if isBuiltin(challenge) {
      let name = String(challenge.program.dropLast(3))
      guard let source = BuiltinChallengePrograms.sources.first(where: { $0.name == name }) else {
        throw SourceError(file: challenge.file, message: "no built-in program \(challenge.program)")
      }
      return (source.text, challenge.program)
    }
    let folder = challenge.file.split(separator: "/", omittingEmptySubsequences: false)
      .dropLast().joined(separator: "/")
    let path =
      challenge.program.hasPrefix("/") || folder.isEmpty
      ? challenge.program : folder + "/" + challenge.program
    return (try SourceError.readText(path), path)
  }
}
