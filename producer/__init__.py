"""The producer CLI: discovers movies, crawls or enqueues them, and reports on runs."""
