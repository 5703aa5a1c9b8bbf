"""Use cases. Each takes the session explicitly, flushes but never commits: the request or
the CLI command that calls it owns the transaction."""
