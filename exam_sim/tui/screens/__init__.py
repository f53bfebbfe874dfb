"""The TUI's screens. Each renders core objects; none holds business logic."""
