-- Faraday database bootstrap: the plain-SQL equivalent of service-kit's DatabaseBootstrap.bootstrap
-- (app.faraday.kit.db.DatabaseBootstrap), for a DBA preparing a real PostgreSQL (13 or later) before
-- the services first start. It creates what the services' Flyway migrations cannot create for
-- themselves: the database, one schema per service ("users" for user-service, "assistant" for
-- assistant-service, "content" for content-service, "memory" for memory-service), each schema's two login roles, the pgcrypto
-- extension, and (as a superuser only) the LEAKPROOF mark that lets lesson searches use their index.
-- Everything inside a schema (tables, policies, triggers, grants) comes from its service's
-- migrations, which the service runs at start as the schema's owner role.
--
-- Run it as a superuser (or, on a managed service, its administrator role; see deploy/README.md),
-- connected to any existing database, WITHOUT --single-transaction / -1: CREATE DATABASE cannot run
-- inside a transaction block, so psql must run each statement on its own (autocommit, the default).
--
--   psql "host=db.example.org port=5432 user=postgres dbname=postgres sslmode=require" \
--        -v ON_ERROR_STOP=1 \
--        -v db_name=faraday \
--        -v users_owner_password="$FARADAY_USERS_DB_OWNER_PASSWORD" \
--        -v users_app_password="$FARADAY_USERS_DB_PASSWORD" \
--        -v assistant_owner_password="$FARADAY_ASSISTANT_DB_OWNER_PASSWORD" \
--        -v assistant_app_password="$FARADAY_ASSISTANT_DB_PASSWORD" \
--        -v content_owner_password="$FARADAY_CONTENT_DB_OWNER_PASSWORD" \
--        -v content_app_password="$FARADAY_CONTENT_DB_PASSWORD" \
--        -v memory_owner_password="$FARADAY_MEMORY_DB_OWNER_PASSWORD" \
--        -v memory_app_password="$FARADAY_MEMORY_DB_PASSWORD" \
--        -f deploy/db/bootstrap.sql
--
-- db_name is optional (default faraday); the eight passwords are required and must not be empty (as in
-- DatabaseBootstrap). They are set again on every run, so a re-run also rotates them. Safe to repeat:
-- every step checks or tolerates what exists.
-- Note: ALTER ROLE ... PASSWORD reaches the server as text; if the server logs DDL statements
-- (log_statement = 'ddl' or 'all'), the password lands in its log. Turn that off for the run, or set
-- the passwords afterwards with psql's \password, which sends only a hash.

\set ON_ERROR_STOP on

\if :{?db_name}
\else
  \set db_name faraday
\endif
\if :{?users_owner_password}
\else
  do $$ begin raise exception 'set the password of faraday_users_owner: psql -v users_owner_password=...'; end $$;
\endif
\if :{?users_app_password}
\else
  do $$ begin raise exception 'set the password of faraday_users_app: psql -v users_app_password=...'; end $$;
\endif
\if :{?assistant_owner_password}
\else
  do $$ begin raise exception 'set the password of faraday_assistant_owner: psql -v assistant_owner_password=...'; end $$;
\endif
\if :{?assistant_app_password}
\else
  do $$ begin raise exception 'set the password of faraday_assistant_app: psql -v assistant_app_password=...'; end $$;
\endif
\if :{?content_owner_password}
\else
  do $$ begin raise exception 'set the password of faraday_content_owner: psql -v content_owner_password=...'; end $$;
\endif
\if :{?content_app_password}
\else
  do $$ begin raise exception 'set the password of faraday_content_app: psql -v content_app_password=...'; end $$;
\endif
\if :{?memory_owner_password}
\else
  do $$ begin raise exception 'set the password of faraday_memory_owner: psql -v memory_owner_password=...'; end $$;
\endif
\if :{?memory_app_password}
\else
  do $$ begin raise exception 'set the password of faraday_memory_app: psql -v memory_app_password=...'; end $$;
\endif
-- An empty string is no password to PostgreSQL: it clears the role's password (with a notice), and the
-- service could never log in. DatabaseBootstrap refuses it too.
select :'users_owner_password' = '' or :'users_app_password' = ''
    or :'assistant_owner_password' = '' or :'assistant_app_password' = ''
    or :'content_owner_password' = '' or :'content_app_password' = ''
    or :'memory_owner_password' = '' or :'memory_app_password' = '' as faraday_empty_password \gset
\if :faraday_empty_password
  do $$ begin raise exception 'a role password must not be empty'; end $$;
\endif

-- 1. The database: created when missing. \gexec runs the generated statement on its own, outside any
--    transaction block, as CREATE DATABASE requires.
select format('create database %I', :'db_name')
 where not exists (select from pg_database where datname = :'db_name') \gexec

-- Nobody connects or creates temporary tables unless granted below (PUBLIC has both by default).
revoke connect, temporary on database :"db_name" from public;

-- 2. The roles of schema "users": the owner runs the migrations; the app role is what the service logs
--    in as at runtime. Neither is a superuser, neither can create databases or roles, neither inherits
--    privileges of roles it is granted, neither bypasses row-level security, neither replicates.
do $$
begin
    if not exists (select from pg_roles where rolname = 'faraday_users_owner') then
        create role faraday_users_owner;
    end if;
    if not exists (select from pg_roles where rolname = 'faraday_users_app') then
        create role faraday_users_app;
    end if;
end
$$;
alter role faraday_users_owner login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'users_owner_password';
alter role faraday_users_app login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'users_app_password';

grant connect on database :"db_name" to faraday_users_owner, faraday_users_app;

-- The roles of schema "assistant" (assistant-service), made the same way.
do $$
begin
    if not exists (select from pg_roles where rolname = 'faraday_assistant_owner') then
        create role faraday_assistant_owner;
    end if;
    if not exists (select from pg_roles where rolname = 'faraday_assistant_app') then
        create role faraday_assistant_app;
    end if;
end
$$;
alter role faraday_assistant_owner login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'assistant_owner_password';
alter role faraday_assistant_app login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'assistant_app_password';

grant connect on database :"db_name" to faraday_assistant_owner, faraday_assistant_app;

-- The roles of schema "content" (content-service), made the same way.
do $$
begin
    if not exists (select from pg_roles where rolname = 'faraday_content_owner') then
        create role faraday_content_owner;
    end if;
    if not exists (select from pg_roles where rolname = 'faraday_content_app') then
        create role faraday_content_app;
    end if;
end
$$;
alter role faraday_content_owner login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'content_owner_password';
alter role faraday_content_app login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'content_app_password';

grant connect on database :"db_name" to faraday_content_owner, faraday_content_app;

-- The roles of schema "memory" (memory-service), made the same way.
do $$
begin
    if not exists (select from pg_roles where rolname = 'faraday_memory_owner') then
        create role faraday_memory_owner;
    end if;
    if not exists (select from pg_roles where rolname = 'faraday_memory_app') then
        create role faraday_memory_app;
    end if;
end
$$;
alter role faraday_memory_owner login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'memory_owner_password';
alter role faraday_memory_app login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication
    password :'memory_app_password';

grant connect on database :"db_name" to faraday_memory_owner, faraday_memory_app;

-- 3. Inside the database.
\connect :"db_name"

-- No role creates objects in "public" (already the default from PostgreSQL 15 on).
revoke create on schema public from public;

-- bcrypt hashes are stored in the format pgcrypto's crypt() verifies, so the database can check them.
create extension if not exists pgcrypto;

-- Under row-level security the planner uses an index for a query's condition only when its function is
-- LEAKPROOF. The full-text match operator (@@) is not marked so, and lesson searches would read the whole
-- table. ts_match_vq tells nothing about its arguments beyond the boolean it returns. Only a superuser
-- may mark it; without one (some managed services) the step is skipped with a warning, and searches
-- still work, as table scans. The mark belongs to this database's catalog: pg_dump does not carry it,
-- so run this file again after restoring into a new server or after pg_upgrade.
select rolsuper as faraday_is_superuser from pg_roles where rolname = current_user \gset
\if :faraday_is_superuser
  alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
\else
  \echo 'WARNING: not a superuser: ts_match_vq is not marked leakproof, so lesson searches cannot use their index under row-level security (see deploy/README.md)'
\endif

-- Each service's schema, owned by its owner role (also when it existed with another owner); its app
-- role may look into it, and gets its table grants from the migrations.
create schema if not exists users authorization faraday_users_owner;
alter schema users owner to faraday_users_owner;
revoke all on schema users from public;
grant usage on schema users to faraday_users_app;

create schema if not exists assistant authorization faraday_assistant_owner;
alter schema assistant owner to faraday_assistant_owner;
revoke all on schema assistant from public;
grant usage on schema assistant to faraday_assistant_app;

create schema if not exists content authorization faraday_content_owner;
alter schema content owner to faraday_content_owner;
revoke all on schema content from public;
grant usage on schema content to faraday_content_app;

create schema if not exists memory authorization faraday_memory_owner;
alter schema memory owner to faraday_memory_owner;
revoke all on schema memory from public;
grant usage on schema memory to faraday_memory_app;
