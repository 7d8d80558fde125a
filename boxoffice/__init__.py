"""Core of the movie scraper: settings, page parsing, fetching and storage.

Both the producer CLI and the Celery worker import this package; they never import each other.
"""

__version__ = "0.1.0"
