import InterleavePlatform

/// Reads back the chapter markers of a cast this program wrote.
public enum CastMarkers {
  /// When each lesson step's marker (`k/N: ...`) was written, in step order,
  /// and the time of the cast's last event.
  public static func stepStarts(_ path: String) throws(SystemError) -> (
    starts: [Double], end: Double
  ) {
    let text = try TextFile.read(path, limit: CastFile.sizeLimit)
    var starts: [Double] = []
    var end = 0.0
    for line in text.split(separator: "\n").dropFirst() {
      // `[12.345678, "m", "3/5: ..."]`
      guard line.first == "[", let comma = line.firstIndex(of: ",") else { continue }
      guard let time = Double(line[line.index(after: line.startIndex)..<comma]) else { continue }
      end = max(end, time)
      let rest = line[comma...]
      guard rest.hasPrefix(", \"m\", \"") else { continue }
      let label = rest.dropFirst(", \"m\", \"".count)
      let number = label.prefix { $0.isASCII && $0.isNumber }
      guard let step = Int(number), label.dropFirst(number.count).first == "/" else { continue }
      if step == starts.count + 1 { starts.append(time) }
    }
    return (starts, end)
  }
}
