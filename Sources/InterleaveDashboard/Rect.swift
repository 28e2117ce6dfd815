/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether the cell (x, y) is inside.
  public func contains(x: Int, y: Int) -> Bool {
    x >= self.x && x < maxX && y >= self.y && y < maxY
  }

  /// The smallest rectangle holding both.
  public func union(_ other: Rect) -> Rect {
    let left = min(x, other.x)
    let top = min(y, other.y)
    return Rect(
      x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
  }

  /// The rectangle shrunk by `by` cells on every side.
  public func inset(_ by: Int) -> Rect {
    Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
  }

  /// The top `rows` rows and the rest.
  public func splitTop(_ rows: Int) -> (Rect, Rect) {
    let top = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: top),
      Rect(x: x, y: y + top, width: width, height: height - top)
    )
  }

  /// The bottom `rows` rows and the rest (rest first).
  public func splitBottom(_ rows: Int) -> (Rect, Rect) {
    let (rest, bottom) = splitTop(height - min(max(0, rows), height))
    return (rest, bottom)
  }

  /// The left `columns` columns and the rest.
  public func splitLeft(_ columns: Int) -> (Rect, Rect) {
    let left = min(max(0, columns), width)
    return (
      Rect(x: x, y: y, width: left, height: height),
      Rect(x: x + left, y: y, width: width - left, height: height)
    )
  }
}
