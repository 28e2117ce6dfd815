import InterleaveText

/// Where a scenario has no lock, the latest lost update as a teacher would
/// draw it on the board: who read what, who wrote what, whose write vanished.
enum StoryWidget {
  /// Shown instead of the primitives panel for lock-free scenarios that
  /// count lost updates.
  static func applies(to state: DashboardState) -> Bool {
    state.primitiveSpecs.isEmpty && state.scenario.traits.tracksLostUpdates
  }

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    canvas.box(area, title: strings.storyTitle)
    var writer = LineWriter(area: area.inset(1))
    guard let story = state.story else {
      writer.line(strings.noLockRace, Style(.dim), on: &canvas)
      writer.line(
        state.strip.sampled ? strings.storyUntraced : strings.storyWaiting, Style(.dim),
        on: &canvas)
      return
    }
    let writerName = state.transcript.name(story.writer)
    let victim = state.transcript.name(story.victim)
    writer.line(
      "1 " + strings.storyRead(writerName, story.read), Style(.read), hang: 2, on: &canvas)
    writer.line(
      "2 " + strings.storyWrite(victim, story.overwritten), Style(.write), hang: 2, on: &canvas)
    writer.line(
      "3 " + strings.storyOverwrite(writerName, story.written, read: story.read),
      Style(.lostUpdate, bold: true), hang: 2, on: &canvas)
    writer.line(
      "✗ " + strings.storyLost(victim, amount: story.amount), Style(.lostUpdate, bold: true),
      hang: 2, on: &canvas)
  }
}
