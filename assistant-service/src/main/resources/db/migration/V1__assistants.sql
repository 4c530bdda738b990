-- assistant-service schema. Runs as the schema owner; ${app_role} is the role the service logs in as.
-- Administrators define profiles and capabilities; teachers read the active ones; every use of a
-- profile is counted per user and day. Row-level security is the boundary, whatever the service does.

create table assistant_profiles (
    id             integer generated always as identity primary key,
    name           text not null check (length(btrim(name)) between 1 and 100 and name = btrim(name)),
    description    text check (length(description) <= 2000),
    model_version  text not null check (model_version ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$'),
    -- Validated against schemas/assistant-configuration.json by the service; the database keeps the
    -- shape and size in bounds whatever writes it.
    configuration  jsonb not null default '{}'::jsonb
                   check (jsonb_typeof(configuration) = 'object' and octet_length(configuration::text) <= 32768),
    daily_quota    integer check (daily_quota between 1 and 1000000),
    active         boolean not null default true,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    created_by     uuid,
    updated_by     uuid
);
create unique index assistant_profiles_name_key on assistant_profiles (lower(name));
create index assistant_profiles_active_idx on assistant_profiles (active, lower(name));

create table assistant_capabilities (
    id                 integer generated always as identity primary key,
    profile_id         integer not null references assistant_profiles (id) on delete cascade,
    name               text not null check (name ~ '^[a-z][a-z0-9_]{0,63}$'),
    description        text check (length(description) <= 2000),
    -- Semantic Versioning 2.0.0, the regular expression semver.org recommends.
    version            text not null check (length(version) <= 64 and version ~
        '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+([0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*))?$'),
    parameters         jsonb not null default '{}'::jsonb
                       check (jsonb_typeof(parameters) = 'object' and octet_length(parameters::text) <= 16384),
    parameters_schema  jsonb check (jsonb_typeof(parameters_schema) = 'object'
                       and octet_length(parameters_schema::text) <= 16384),
    enabled            boolean not null default true,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
-- Also the index of the foreign key: profile_id leads.
create unique index assistant_capabilities_name_key on assistant_capabilities (profile_id, name);

-- One row per profile, user and UTC day; a use is one upsert, so concurrent uses never lose an increment.
create table assistant_usage (
    profile_id    integer not null references assistant_profiles (id) on delete cascade,
    user_id       uuid not null,
    day           date not null,
    uses          integer not null check (uses >= 1),
    last_used_at  timestamptz not null default now(),
    primary key (profile_id, day, user_id)
);
create index assistant_usage_user_idx on assistant_usage (user_id, day);

-- The database keeps timestamps and the acting user, so no code path can forget or forge them.
create function stamp_profile() returns trigger
    language plpgsql set search_path = ''
    as $$
begin
    if tg_op = 'INSERT' then
        new.created_at := now();
        new.created_by := ${flyway:defaultSchema}.app_user_id();
    else
        new.created_at := old.created_at;
        new.created_by := old.created_by;
    end if;
    new.updated_at := now();
    new.updated_by := ${flyway:defaultSchema}.app_user_id();
    return new;
end
$$;
create trigger assistant_profiles_stamp before insert or update on assistant_profiles
    for each row execute function stamp_profile();

create function stamp_capability() returns trigger
    language plpgsql set search_path = ''
    as $$
begin
    if tg_op = 'INSERT' then
        new.created_at := now();
    else
        new.created_at := old.created_at;
        if new.profile_id is distinct from old.profile_id then
            raise exception 'a capability cannot move to another profile' using errcode = '23514';
        end if;
    end if;
    new.updated_at := now();
    return new;
end
$$;
create trigger assistant_capabilities_stamp before insert or update on assistant_capabilities
    for each row execute function stamp_capability();

create trigger assistant_profiles_audit after insert or update or delete on assistant_profiles
    for each row execute function audit_record('id');
create trigger assistant_capabilities_audit after insert or update or delete on assistant_capabilities
    for each row execute function audit_record('id');
-- Who used which profile on which day is audited; the counter's increments are not (each would take
-- the audit chain's lock and serialise every use of every profile behind it).
create trigger assistant_usage_audit after insert or delete on assistant_usage
    for each row execute function audit_record('profile_id');

alter table assistant_profiles enable row level security;
alter table assistant_profiles force row level security;
alter table assistant_capabilities enable row level security;
alter table assistant_capabilities force row level security;
alter table assistant_usage enable row level security;
alter table assistant_usage force row level security;

-- Teachers read active profiles and the enabled capabilities of active profiles; admins read and
-- write everything; other services (service tokens) read every profile, to check references.
create policy profiles_read on assistant_profiles for select
    using (active and (select app_user_id()) is not null
        or (select app_has_role('admin')) or (select app_has_role('service')));
create policy profiles_admin_insert on assistant_profiles for insert with check ((select app_has_role('admin')));
create policy profiles_admin_update on assistant_profiles for update
    using ((select app_has_role('admin'))) with check ((select app_has_role('admin')));
create policy profiles_admin_delete on assistant_profiles for delete using ((select app_has_role('admin')));

create policy capabilities_read on assistant_capabilities for select
    using ((select app_has_role('admin')) or (select app_has_role('service'))
        or (enabled and (select app_user_id()) is not null
            and exists (select 1 from assistant_profiles p where p.id = profile_id and p.active)));
create policy capabilities_admin_insert on assistant_capabilities for insert with check ((select app_has_role('admin')));
create policy capabilities_admin_update on assistant_capabilities for update
    using ((select app_has_role('admin'))) with check ((select app_has_role('admin')));
create policy capabilities_admin_delete on assistant_capabilities for delete using ((select app_has_role('admin')));

-- A user counts only their own uses, and only of a profile they can see that is active.
create policy usage_read on assistant_usage for select
    using (user_id = (select app_user_id()) or (select app_has_role('admin')) or (select app_has_role('service')));
create policy usage_own_insert on assistant_usage for insert
    with check (user_id = (select app_user_id())
        and exists (select 1 from assistant_profiles p where p.id = profile_id and p.active));
create policy usage_own_update on assistant_usage for update
    using (user_id = (select app_user_id())) with check (user_id = (select app_user_id()));
-- Erasing a user's data is the feed consumer's work (service role); cascades from profile deletion
-- run as the owner and need no policy.
create policy usage_service_delete on assistant_usage for delete using ((select app_has_role('service')));

revoke all on assistant_profiles, assistant_capabilities, assistant_usage from public;
grant select, insert, update, delete on assistant_profiles, assistant_capabilities to ${app_role};
grant select, insert, update, delete on assistant_usage to ${app_role};
