# The image every service of docker-compose.yml runs: workers, producer, migrate, flower, mocksite.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Pinned dependencies first, so code changes do not reinstall them.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY pyproject.toml README.md alembic.ini ./
COPY alembic ./alembic
COPY boxoffice ./boxoffice
COPY producer ./producer
COPY worker ./worker
COPY mocksite ./mocksite
RUN pip install --no-cache-dir --no-deps -e . \
    && useradd --create-home --uid 10001 scraper

USER 10001

CMD ["producer", "--help"]
