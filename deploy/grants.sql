-- Lived's database grants (docs/deployment.md). Run as the role that owns Lived's tables (the one
-- `manage.py migrate` connects as), after migrating, in Lived's database:
--
--   psql -v ON_ERROR_STOP=1 -v app_role=lived_app -d lived -f deploy/grants.sql
--
-- The web processes and workers connect as app_role, which owns nothing: it may read and write
-- records, but audit rows only ever gain new ones. UPDATE, DELETE and TRUNCATE on core_auditevent are
-- refused by PostgreSQL itself, whatever the code, the admin or a shell on a web server tries.
-- app_role must already exist (CREATE ROLE lived_app LOGIN PASSWORD '…').

-- Only the owner makes tables (PostgreSQL 15 and later already say so; earlier versions did not).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO :"app_role";
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
-- Tables and sequences the owner makes in later migrations get the same.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
-- The audit trail: appended to and read, never changed or removed.
REVOKE UPDATE, DELETE, TRUNCATE ON core_auditevent FROM :"app_role";
