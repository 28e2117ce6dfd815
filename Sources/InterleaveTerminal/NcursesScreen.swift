import CNcurses
import Glibc
import InterleaveDashboard
import InterleavePlatform
import InterleaveText

/// The only code that talks to ncurses: it owns the screen on one thread,
/// copies changed canvas rows to it, reads keys, and restores the terminal
/// on every way out.
public final class NcursesScreen: Screen {
  /// Why the screen could not start.
  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private var previous: Canvas?
  private var palette: Palette
  private var stderrCapture = StderrCapture()
  private var stopped = false
  /// The FILEs ncurses uses on a pseudo-terminal (closed on stop).
  private var files: [UnsafeMutablePointer<FILE>] = []
  /// Where ncurses writes (for the bracketed-paste switch).
  private let outputDescriptor: Int32
  private var pasteFilter = PasteFilter()
  /// Keys the paste filter let through, not yet returned.
  private var released: [Key] = []
  /// Whether the terminal was last told to bracket pastes.
  private var bracketing = false
  public let depth: ColorDepth

  /// Starts ncurses on the process's terminal, or on `device` (a pty slave
  /// descriptor from `Recorder`) with `TERM` or xterm-256color.
  /// - Parameter mouse: report clicks and the wheel as keys (the terminal
  ///   then selects text only with shift held).
  public init(
    theme: Theme, environment: [String: String], device: Int32? = nil, mouse: Bool = false
  ) throws(StartError) {
    TextWidth.prepareLocale()
    // Before the terminal changes: a quit signal from here on is a flag the
    // frame loop reads, never a death that leaves the tty in cbreak mode.
    TerminalSignals.install()
    let outputDescriptor = device.map { dup($0) } ?? STDOUT_FILENO
    let inputDescriptor = device.map { dup($0) } ?? STDIN_FILENO
    let term =
      device == nil
      ? nil
      : (environment["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color")
    let output = fdopen(outputDescriptor, "w")
    let input = fdopen(inputDescriptor, "r")
    var started: OpaquePointer?
    if let output, let input {
      started = term.map { newterm($0, output, input) } ?? newterm(nil, output, input)
    }
    guard let output, let input, let screen = started else {
      TerminalSignals.uninstall()
      // The pty's copies are ours to close; stdin and stdout stay open for
      // the plain mode that runs instead.
      if device != nil {
        if let output { fclose(output) } else { close(outputDescriptor) }
        if let input { fclose(input) } else { close(inputDescriptor) }
      }
      throw StartError(description: "cannot open the terminal (TERM=\(environment["TERM"] ?? ""))")
    }
    if device != nil { files = [output, input] }
    self.outputDescriptor = outputDescriptor
    self.screen = screen
    set_term(screen)
    window = il_stdscr()!
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    set_escdelay(25)
    curs_set(0)
    if mouse { il_mouse_on() }
    // The modes to come back to after a stop (`resumeAfterStop`).
    def_prog_mode()
    var hasColors = has_colors()
    if hasColors {
      hasColors = start_color() == OK
      use_default_colors()
    }
    depth = ColorDepth.detect(
      colors: hasColors ? Int(il_colors()) : 0, hasColors: hasColors,
      noColor: environment["NO_COLOR"] != nil)
    palette = Palette(theme: theme, depth: depth)
    // ncurses 6.4 flushes after every cursor move of an update (one write(2)
    // per changed run of cells, ~125 per frame here) until the screen has
    // been suspended and resumed once; then a frame is one write. So suspend
    // and resume now, before anything is drawn.
    endwin()
    doupdate()
    bracketPastes(true)
    stderrCapture.begin()
  }

  /// Tells the terminal to mark pastes (or to stop), so that pasted text is
  /// never taken for keys; a fatal signal turns it off too.
  private func bracketPastes(_ on: Bool) {
    guard on != bracketing else { return }
    bracketing = on
    let bytes = on ? PasteFilter.enable : PasteFilter.disable
    _ = bytes.withUnsafeBytes { write(outputDescriptor, $0.baseAddress, $0.count) }
    pastesBracketed.store(on, ordering: .relaxed)
  }

  deinit { stop() }

  /// Width and height in cells now.
  public var size: (width: Int, height: Int) { (Int(il_cols()), Int(il_lines())) }

  /// The signal that asked to quit (SIGINT, SIGTERM, SIGHUP), if any.
  public var quitSignal: Int32? {
    let value = pendingQuitSignal.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }

  public func use(_ theme: Theme) {
    palette = Palette(theme: theme, depth: depth)
    previous = nil
  }

  /// Copies the rows that changed since the last frame, then updates the screen.
  public func draw(_ canvas: Canvas) {
    if previous?.width != canvas.width || previous?.height != canvas.height {
      werase(window)
      previous = nil
    }
    var changed = false
    var text: [wchar_t] = []
    text.reserveCapacity(canvas.width)
    for y in 0..<canvas.height {
      if let previous, canvas.row(y, equals: previous) { continue }
      changed = true
      canvas.forEachRun(inRow: y) { x, style, scalars in
        text.removeAll(keepingCapacity: true)
        for scalar in scalars { text.append(wchar_t(bitPattern: scalar)) }
        let (attributes, pair) = palette.resolve(style)
        _ = il_put(window, Int32(y), Int32(x), text, Int32(text.count), attributes, pair)
      }
    }
    guard changed else { return }
    previous = canvas
    wnoutrefresh(window)
    doupdate()
    // Back after `leave` (the first frame after a stop takes the terminal again).
    bracketPastes(true)
  }

  /// Tells ncurses the screen is now `width` x `height` (for a pty whose size
  /// the program set itself).
  public func resize(width: Int, height: Int) {
    resizeterm(Int32(height), Int32(width))
    invalidate()
  }

  /// Forgets what is on screen, so the next frame redraws everything.
  public func invalidate() {
    previous = nil
    clearok(window, true)
  }

  /// Waits up to `milliseconds` for a key. Pasted text is no key press:
  /// it is dropped (see `PasteFilter`), a unit at a time, at most
  /// `unitsPerRead` in one call so a long paste cannot hold up a frame.
  public func readKey(timeout milliseconds: Int32) -> Key? {
    if !released.isEmpty { return released.removeFirst() }
    var wait = milliseconds
    for _ in 0..<Self.unitsPerRead {
      wtimeout(window, wait)
      // Once a unit is in hand, what follows it is already waiting or is not
      // part of the same marker or paste.
      wait = 0
      var code: Int32 = 0
      let status = il_get_key(window, &code)
      let now = MonotonicClock.now()
      if status == il_err() {
        release(pasteFilter.flush(now: now).map(Self.key(character:)))
        return released.isEmpty ? nil : released.removeFirst()
      }
      if status == il_key_code_yes() {
        // A resize is never part of a paste; any other function key
        // inside one is pasted text that ncurses decoded.
        guard code == il_key_resize() || !pasteFilter.pasting else { continue }
        release(pasteFilter.flush(now: now).map(Self.key(character:)) + [functionKey(code)])
      } else {
        release(pasteFilter.feed(UInt32(bitPattern: code), now: now).map(Self.key(character:)))
      }
      if !released.isEmpty { return released.removeFirst() }
    }
    return nil
  }

  /// Units of input one `readKey` takes at most.
  static let unitsPerRead = 65_536

  private func release(_ keys: [Key?]) {
    released += keys.compactMap { $0 }
  }

  /// A character read from the terminal as a key.
  static func key(character code: UInt32) -> Key? {
    if code == 27 { return .escape }
    return Unicode.Scalar(code).map { .character(Character($0)) }
  }

  /// A function key by its ncurses code.
  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case il_key_resize(): return .resize
    case il_key_btab(): return .backTab
    case il_key_ppage(): return .pageUp
    case il_key_npage(): return .pageDown
    case il_key_up(): return .up
    case il_key_down(): return .down
    case il_key_enter(): return .character("\r")
    case il_key_mouse():
      var x: Int32 = 0
      var y: Int32 = 0
      var kind: Int32 = 0
      guard il_get_mouse(&x, &y, &kind) == 1 else { return nil }
      switch kind {
      case 1: return .mouse(Mouse(.click, x: Int(x), y: Int(y)))
      case 4: return .mouse(Mouse(.wheelUp, x: Int(x), y: Int(y)))
      case 5: return .mouse(Mouse(.wheelDown, x: Int(x), y: Int(y)))
      default: return nil
      }
    default: return .other(code)
    }
  }

  /// After the process was stopped and continued (`kill -STOP`, `-CONT`):
  /// the terminal may have other modes and show anything, so both are set
  /// again, everything painted by the next frame.
  public func resumeAfterStop() {
    reset_prog_mode()
    // The shell may have turned bracketed paste off meanwhile.
    bracketing = false
    bracketPastes(true)
    invalidate()
  }

  /// Gives the terminal back for a while (a stop); the next frame takes it
  /// again, painting everything.
  public func leave() {
    endwin()
    bracketPastes(false)
    invalidate()
  }

  /// Restores the terminal (idempotent) and shows what went to stderr meanwhile.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    curs_set(1)
    endwin()
    bracketPastes(false)
    delscreen(screen)
    for file in files { fclose(file) }
    TerminalSignals.uninstall()
    stderrCapture.end()
  }
}
