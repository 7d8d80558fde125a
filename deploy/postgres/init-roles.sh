#!/usr/bin/env bash
# Runs once when the postgres volume is created (/docker-entrypoint-initdb.d). The workers and the
# producer connect as SCRAPER_DB_USER, who may read and write rows but not change or drop tables;
# only the migrate service, as the owner POSTGRES_USER, changes the schema.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE "$SCRAPER_DB_USER" LOGIN PASSWORD '$SCRAPER_DB_PASSWORD';
GRANT CONNECT ON DATABASE "$POSTGRES_DB" TO "$SCRAPER_DB_USER";
GRANT USAGE ON SCHEMA public TO "$SCRAPER_DB_USER";
ALTER DEFAULT PRIVILEGES FOR ROLE "$POSTGRES_USER" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "$SCRAPER_DB_USER";
ALTER DEFAULT PRIVILEGES FOR ROLE "$POSTGRES_USER" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO "$SCRAPER_DB_USER";
SQL
