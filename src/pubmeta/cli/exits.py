"""The exit codes of every command (a contract; README lists them)."""

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
