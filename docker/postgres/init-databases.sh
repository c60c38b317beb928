#!/usr/bin/env bash
# Runs once, when the postgres volume is empty (docker-entrypoint-initdb.d): one database and
# one owner role for opcwatch's store, and one for Airflow's metadata. Passwords come from the
# container environment (docker-compose.yml passes them by name from .env).
set -euo pipefail
: "${OPCWATCH_DB_PASSWORD:?OPCWATCH_DB_PASSWORD must be set}"
: "${AIRFLOW_DB_PASSWORD:?AIRFLOW_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v opcwatch_pw="$OPCWATCH_DB_PASSWORD" -v airflow_pw="$AIRFLOW_DB_PASSWORD" <<'SQL'
CREATE ROLE opcwatch LOGIN PASSWORD :'opcwatch_pw';
CREATE DATABASE opcwatch OWNER opcwatch ENCODING 'UTF8' TEMPLATE template0;
CREATE ROLE airflow LOGIN PASSWORD :'airflow_pw';
CREATE DATABASE airflow OWNER airflow ENCODING 'UTF8' TEMPLATE template0;
SQL
