import InterleaveContent
import InterleaveProgram
import InterleaveText

/// A challenge made ready to play: its program compiled, its goal read
/// against that program, and every schedule explored for the proof.
struct ChallengeSetup {
  var challenge: Challenge
  var program: Program
  /// The program's path as shown (`04-overdraw.py`).
  var programPath: String
  var goal: ChallengeGoal
  var proof: ChallengeProof

  /// States explored at most: the shipped challenges take a few thousand.
  static let stateLimit = 2_000_000

  /// Why a challenge cannot be played: one line, and the exit status.
  struct Refusal: Error, CustomStringConvertible {
    var description: String
    var status: Int32
  }

  init(_ challenge: Challenge) throws(Refusal) {
    self.challenge = challenge
    let source: (text: String, path: String)
    do {
      source = try ChallengeCatalog.programText(challenge)
    } catch {
      throw Refusal(description: "\(error)", status: 66)
    }
    programPath = source.path
    do {
      program = try ProgramSource.compile(source.text, file: source.path)
    } catch {
      throw Refusal(description: error.description, status: error.status)
    }
    do {
      goal = try ChallengeGoal(challenge.goal, program: program)
    } catch {
      throw Refusal(
        description: "\(challenge.file):\(challenge.goalLine):1: error: \(error)", status: 65)
    }
    let model = ProgramModel(program)
    do {
      proof = try ChallengeProof.prove(model, goal: goal, limit: Self.stateLimit)
    } catch {
      throw Refusal(description: "\(challenge.file): the program is \(error)", status: 65)
    }
  }

  /// What plays the challenge with nobody at the keys (a recorded lesson):
  /// the solution, or, for a goal proved unreachable, the program run to
  /// its end, each time the lowest thread that can go.
  var demonstration: [Int] {
    guard !proof.isReachable else { return proof.witness }
    let model = ProgramModel(program)
    return ProgramExplorer(model).lowestFirst(from: model.initial()) ?? []
  }

  /// The goal in words, in `language`; `glued`: its condition kept on one
  /// line where it is wrapped (a caption), as a wrapped `balance <` then
  /// `0` reads as two things.
  func goalSaid(_ words: ChallengeWords, glued: Bool = false) -> String {
    switch goal.summary {
    case .criticalSection: return words.criticalSection
    case .deadlock: return words.deadlock
    case .error: return words.error
    case .final(let condition):
      return words.final(glued ? condition.replacing(" ", with: "\u{A0}") : condition)
    }
  }

  /// What stands when the goal is won: the goal as it now is, or, when it
  /// is decided but has not happened yet, that it is certain.
  func wonSaid(_ words: ChallengeWords, happened: Bool) -> String {
    let goal = goalSaid(words)
    return Self.sentence(happened ? words.reachedNow(goal) : words.decided(goal))
  }

  /// A sentence followed by another: a space after English, none after
  /// Chinese punctuation.
  static func sentence(_ text: String) -> String {
    guard let last = text.unicodeScalars.last, last.value < 0x3000 else { return text }
    return text + " "
  }

  /// The count of every schedule, said in full (`1,234` or `more than 2^64`).
  var totalSaid: String {
    proof.total.map { Format.grouped(Int(clamping: $0)) } ?? "more than 2^64"
  }
}
