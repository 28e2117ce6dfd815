import InterleaveContent
import InterleaveText
import Testing

@testable import InterleaveDashboard

/// Every built-in lesson's captions, as a student reads them at 80x24.
@Suite("Captions that fit")
struct CaptionFitTests {
  @Test(
    "at 80x24 every caption of every built-in lesson fits its three lines, whole, in en and zh",
    arguments: LessonCatalog.builtinNames)
  func fits(name: String) throws {
    let lesson = try LessonCatalog.load(name)
    for language in Language.allCases {
      for (index, step) in lesson.steps.enumerated() {
        guard let caption = step.caption?.text(language) else { continue }
        // (The caption bar holds 3 lines at 80x24.)
        let lines = CaptionWidget.lines(caption, width: 80, limit: 100)
        #expect(
          lines.count <= 3,
          "\(name) \(language) step \(index + 1) needs more than 3 lines: \(lines)")
      }
    }
  }
}
