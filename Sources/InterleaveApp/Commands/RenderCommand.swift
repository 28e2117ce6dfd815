import ArgumentParser
import InterleaveExport
import InterleavePlatform
import InterleaveTerminal

/// `interleave render FILE.cast --svg OUT.svg`: a recording as an animated
/// SVG, made by the program itself.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Turn a recording (.cast) into an animated SVG for a web page or slides.",
    discussion: """
      The screen is replayed by a built-in terminal, sampled at most --fps times a \
      second; frames that show nothing new are left out and pauses are cut to \
      --idle-limit. Where animation does not run, the poster frame shows: by \
      default the screen a second after the first marker (the first lesson step).
      """)

  @Argument(help: "An asciicast v2 recording (from --record).")
  var cast: String

  @Option(name: .long, help: ArgumentHelp("Where to write the animated SVG.", valueName: "file"))
  var svg: String

  @Option(name: .long, help: "Frames per second at most, 1...30.")
  var fps: Double = 4

  @Option(name: .long, help: "The longest pause kept, in seconds.")
  var idleLimit: Double = 2

  @Option(
    name: .long,
    help: "The poster frame: the screen this many seconds in (as played, pauses cut).")
  var poster: Double?

  init() {}

  func validate() throws {
    guard (1...30).contains(fps) else {
      throw ValidationError("--fps must be 1...30 (got \(fps))")
    }
    guard idleLimit > 0, idleLimit <= 60 else {
      throw ValidationError("--idle-limit must be more than 0 and at most 60 s (got \(idleLimit))")
    }
    if let poster, !poster.isFinite || poster < 0 {
      throw ValidationError("--poster must be a number of seconds, 0 or more (got \(poster))")
    }
    try RecordingOptions.checkPath(svg, flag: "--svg")
    try RecordingOptions.checkDistinct(outputs: [("--svg", svg)], inputs: [("the cast", cast)])
  }

  func run() throws {
    let file: CastFile
    do {
      file = try CastFile.read(cast)
    } catch {
      throw ValidationError("\(cast): \(error)")
    }
    let (frames, end, markers) = SVGAnimation.frames(file, fps: fps, idleLimit: idleLimit)
    guard !frames.isEmpty else { throw ValidationError("\(cast): nothing was recorded") }
    let posterTime = poster ?? markers.first.map { $0 + 1 } ?? end
    let text = SVGAnimation.render(
      frames, end: end, poster: SVGAnimation.frame(at: posterTime, in: frames))
    do {
      try TextFile.write(text, to: svg)
    } catch {
      InterleaveMain.notice("error: --svg \(svg): \(error)")
      throw ExitCode(error.exitStatus)
    }
    InterleaveMain.notice(
      "\(svg): \(frames.count) frames, \(TextFile.size(text.utf8.count)), "
        + "\(Double(Int(end * 10)) / 10) s")
  }
}
