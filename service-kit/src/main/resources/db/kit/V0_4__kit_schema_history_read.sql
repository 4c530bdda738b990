-- The serving service holds only the runtime role and checks at start, with Flyway's validate, that
-- its schema is at the build's version (service-kit). That reads the schema history: the runtime role
-- may read it, never write it. Migrations run as the owner, in a step of their own.
grant select on ${flyway:defaultSchema}.${flyway:table} to ${app_role};
