"""SQL storage through SQLAlchemy: runs, movies, per-attempt task metrics, failures."""
