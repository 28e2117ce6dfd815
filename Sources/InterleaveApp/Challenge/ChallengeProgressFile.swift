import Glibc
import InterleaveContent
import InterleavePlatform

/// Where a learner's challenge progress lives and how it is read and
/// written: `$XDG_STATE_HOME/interleave/progress.toml`, else
/// `~/.local/state/interleave/progress.toml`. A file that cannot be read
/// is said once and ignored; a write replaces the file whole (a crash or
/// a full disk leaves the old one as it was).
struct ChallengeProgressFile {
  let path: String?

  init(environment: [String: String]) {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      path = state + "/interleave/progress.toml"
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      path = home + "/.local/state/interleave/progress.toml"
    } else {
      path = nil
    }
  }

  /// The progress kept; empty when there is none yet; nil for a bad file,
  /// which is reported (with its line) through `warn` and left alone.
  func read(warn: (String) -> Void) -> ChallengeProgress? {
    guard let path, access(path, F_OK) == 0 else { return ChallengeProgress() }
    do {
      let text = try TextFile.read(path)
      return try ChallengeProgress.parse(text, file: path)
    } catch let error as SourceError {
      warn("warning: \(error); the progress in it is ignored and left as it is")
    } catch {
      warn("warning: \(path): \(error); the progress in it is ignored and left as it is")
    }
    return nil
  }

  /// Records one try and writes the file; a failure is said through `warn`
  /// and leaves the old file whole.
  func record(
    _ name: String, won: Bool, steps: Int, preemptions: Int, helped: Bool = false,
    warn: (String) -> Void
  ) {
    guard let path else { return }
    // A bad file is the learner's to mend: it is never written over.
    guard var progress = read(warn: warn) else { return }
    progress.record(name, won: won, steps: steps, preemptions: preemptions, helped: helped)
    do {
      try TextFile.makeFolders(TextFile.folder(of: path))
      try TextFile.write(progress.text, to: path)
    } catch {
      warn("warning: \(path): \(error); this try was not saved")
    }
  }
}
