import InterleaveDashboard

/// A recording as one animated SVG: the frames side by side on a film strip
/// that a CSS animation moves past the picture's window, one step per frame.
/// Rows are written once and reused (`<use>`), frames that show nothing new
/// are left out, and idle time is capped. Renderers without CSS animation
/// (and printers) show the poster frame.
public enum SVGAnimation {
  /// One frame and how long it stays.
  public struct Frame: Sendable {
    public var grid: PaintedGrid
    public var start: Double
  }

  /// The frames of `cast`: the screen sampled at most `fps` times a second,
  /// repeats left out, no pause longer than `idleLimit` seconds.
  public static func frames(_ cast: CastFile, fps: Double, idleLimit: Double) -> (
    frames: [Frame], end: Double, markers: [Double]
  ) {
    var markers: [Double] = []
    var terminal = TerminalEmulator(width: cast.width, height: cast.height)
    var frames: [Frame] = []
    var clock = 0.0
    var lastTime = 0.0
    var lastSample = -Double.infinity
    func keep(_ time: Double) {
      let grid = terminal.grid
      if let last = frames.last, last.grid == grid { return }
      frames.append(Frame(grid: grid, start: clock))
      lastSample = time
    }
    for event in cast.events {
      let time: Double
      switch event {
      case .output(let at, let bytes):
        time = at
        terminal.feed(bytes)
      case .resize(let at, let width, let height):
        time = at
        terminal.resize(width: width, height: height)
      case .marker(let at, _): time = at
      }
      clock += min(idleLimit, max(0, time - lastTime))
      lastTime = time
      if case .marker = event { markers.append(clock) }
      if time - lastSample >= 1 / fps { keep(time) }
    }
    keep(lastTime)
    return (frames, clock + 1, markers)
  }

  /// The picture. `poster` is the frame shown where nothing moves.
  public static func render(_ frames: [Frame], end: Double, poster: Int) -> String {
    guard let first = frames.first else { return "" }
    let width = first.grid.width
    let height = first.grid.height
    let frameWidth = width * SVGFrame.cellWidth
    var rowIDs: [String: Int] = [:]
    var definitions = ""
    var film = ""
    for (index, frame) in frames.enumerated() {
      film += "<g transform=\"translate(\(index * frameWidth),0)\">"
      for (row, cells) in frame.grid.rows.enumerated() {
        let body = SVGFrame.row(cells, at: 0)
        guard !body.isEmpty else { continue }
        let id: Int
        if let known = rowIDs[body] {
          id = known
        } else {
          id = rowIDs.count
          rowIDs[body] = id
          definitions += "<g id=\"r\(id)\">\n" + body + "</g>\n"
        }
        film += "<use href=\"#r\(id)\" y=\"\(row * SVGFrame.cellHeight)\"/>"
      }
      film += "</g>\n"
    }
    var keyframes = ""
    for (index, frame) in frames.enumerated() {
      let percent = Double(Int(frame.start / end * 100_000)) / 1000
      keyframes += "\(percent)%{transform:translateX(-\(index * frameWidth)px)}"
    }
    let shown = min(max(0, poster), frames.count - 1)
    return SVGFrame.header(width: width, height: height)
      + "<style>@keyframes play{\(keyframes)100%{transform:translateX(-\((frames.count - 1) * frameWidth)px)}}"
      + "#film{animation:play \(Double(Int(end * 1000)) / 1000)s steps(1,end) infinite}</style>\n"
      + "<defs>\n" + definitions + "</defs>\n"
      + "<g id=\"film\" transform=\"translate(-\(shown * frameWidth),0)\" \(SVGFrame.font)>\n"
      + film + "</g>\n</svg>\n"
  }

  /// The frame on screen `seconds` into the recording (as played, idle capped).
  public static func frame(at seconds: Double, in frames: [Frame]) -> Int {
    max(0, (frames.lastIndex { $0.start <= seconds }) ?? 0)
  }
}
