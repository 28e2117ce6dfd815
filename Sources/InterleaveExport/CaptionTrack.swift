import InterleaveContent
import InterleavePlatform
import InterleaveText

/// A lesson's captions as subtitles (WebVTT), timed by the chapter markers
/// of the cast the lesson was recorded into, so a video made from the cast
/// can carry them in either language.
public enum CaptionTrack {
  /// One subtitle: a step's caption from its marker to the next one's.
  public struct Cue: Equatable, Sendable {
    public var start: Double
    public var end: Double
    public var text: String

    public init(start: Double, end: Double, text: String) {
      self.start = start
      self.end = end
      self.text = text
    }
  }

  /// The cues of `lesson` in `language`. `stepStarts[k]` is when step k+1's
  /// marker was written; `end`, when the lesson ended. A step without a
  /// caption keeps the one before, as the player does.
  public static func cues(
    _ lesson: Lesson, language: Language, stepStarts: [Double], end: Double
  ) -> [Cue] {
    var cues: [Cue] = []
    var caption: String?
    for (index, start) in stepStarts.enumerated() where index < lesson.steps.count {
      caption = lesson.steps[index].caption?.text(language) ?? caption
      let stop = index + 1 < stepStarts.count ? stepStarts[index + 1] : end
      guard let caption, stop > start else { continue }
      if let last = cues.last, last.text == caption, last.end == start {
        cues[cues.count - 1].end = stop
      } else {
        cues.append(Cue(start: start, end: stop, text: caption))
      }
    }
    return cues
  }

  /// The cues as a WebVTT file.
  public static func webVTT(_ cues: [Cue]) -> String {
    var text = "WEBVTT\n"
    for (index, cue) in cues.enumerated() {
      text += "\n\(index + 1)\n\(timestamp(cue.start)) --> \(timestamp(cue.end))\n"
      text += escaped(cue.text) + "\n"
    }
    return text
  }

  /// `hh:mm:ss.ttt`, as WebVTT wants it.
  static func timestamp(_ seconds: Double) -> String {
    let millis = Int((max(0, seconds) * 1000).rounded())
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let ms = millis % 1000
    let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
    return
      "\(two(millis / 3_600_000)):\(two(millis / 60_000 % 60)):\(two(millis / 1000 % 60)).\(msText)"
  }

  /// Cue text: one line, no controls, and the three characters WebVTT
  /// reserves written as entities (so no `-->` or tag can end a cue early).
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in Sanitizer.line(text) {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }
}
