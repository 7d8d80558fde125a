"""The Celery worker app (issue: distributed mode). Run: celery -A worker worker -P gevent."""
