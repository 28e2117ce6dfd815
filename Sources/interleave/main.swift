import Glibc
import InterleaveApp

exit(InterleaveMain.run(Array(CommandLine.arguments.dropFirst())))
