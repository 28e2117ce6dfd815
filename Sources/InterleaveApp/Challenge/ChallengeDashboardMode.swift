import ArgumentParser
import InterleaveContent
import InterleaveDashboard
import InterleaveProgram
import InterleaveText

/// A challenge played in the program dashboard on a real terminal.
enum ChallengeDashboardMode {
  static func run(_ setup: ChallengeSetup, look: LookOptions, environment: [String: String])
    throws
  {
    if let reason = InterleaveCommand.plainReason(environment) {
      InterleaveMain.notice(
        "error: \(reason): a challenge needs a terminal (or --schedule STEPS to play with none)")
      throw ExitCode(1)
    }
    let language = look.language(environment)
    let theme = try look.loadTheme() ?? ThemeCatalog.defaultTheme
    let progress = ChallengeProgressFile(environment: environment)
    var warnings: [String] = []
    let status = try ProgramDashboardMode.run(
      title: setup.challenge.title.text(language), recording: nil, theme: theme,
      environment: environment
    ) { screen, _ in
      let program = setup.program
      var dashboard = ProgramDashboard(
        file: String(setup.programPath.split(separator: "/").last ?? ""), screen: screen,
        words: ProgramWords.of(language)
      ) {
        ProgramStepper(program: program, cpuCount: RunCommand.cpuCount)
      }
      dashboard.challenge = ChallengeState(setup, language: language)
      dashboard.onChallengeResult = { name, won, steps, preemptions, helped in
        // Said after the screen is put away: a warning now would land on it.
        progress.record(
          name, won: won, steps: steps, preemptions: preemptions, helped: helped,
          warn: { warnings.append($0) })
      }
      return dashboard
    }
    for warning in warnings { InterleaveMain.notice(warning) }
    guard let status else { throw ExitCode(1) }
    if status != 0 { throw ExitCode(status) }
  }
}
