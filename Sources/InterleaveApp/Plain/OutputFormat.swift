/// How plain mode prints: transcript lines or JSON objects.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text
  case jsonl
}
