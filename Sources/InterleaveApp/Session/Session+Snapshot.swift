import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleaveExport
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// `s` and a lesson's step pictures: the screen as an SVG file.
extension Session {
  /// Writes the screen as it stands as an SVG picture: for `s`, the first
  /// free `interleave-SCENARIO-N.svg` here; for a lesson, `BASE-NAME.svg`.
  /// - Returns: for `s`, the notice to show (saved, or why not).
  func saveSnapshot(_ name: String?) -> String? {
    guard let canvas = lastCanvas else { return nil }
    let path: String
    if let name {
      path = "\(model.settings.snapshotBase ?? "interleave")-\(name).svg"
    } else {
      let stem = "interleave-\(model.settings.configuration.scenario.id)-"
      path = (1...).lazy.map { "\(stem)\($0).svg" }.first { access($0, F_OK) != 0 }!
    }
    let strings = model.strings
    do {
      try TextFile.write(SVGFrame.render(canvas, theme: model.settings.theme), to: path)
      return name == nil ? strings.snapshotSaved(path) : nil
    } catch {
      guard name == nil else {
        snapshotFailure = "\(path): \(error)"
        return nil
      }
      return strings.snapshotFailed(path, "\(error)")
    }
  }
}
