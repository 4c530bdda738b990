-- user-service schema. Runs as the schema owner; ${app_role} is the role the service logs in as.
-- Row-level security is the boundary: a teacher's transaction sees and changes only their own rows,
-- an admin's sees all, and a transaction without a context sees nothing.

create table users (
    id             uuid primary key default gen_random_uuid(),
    email          text not null check (length(email) between 3 and 254 and email ~ '^[^@\s]+@[^@\s]+$'),
    password_hash  text not null check (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    name           text not null check (length(btrim(name)) between 1 and 200),
    active         boolean not null default true,
    roles          text[] not null default array['teacher']
                   check (cardinality(roles) >= 1 and roles <@ array['teacher', 'admin']),
    school         text check (length(school) <= 200),
    department     text check (length(department) <= 200),
    subjects       text[] not null default '{}'
                   check (cardinality(subjects) <= 20 and array_position(subjects, null) is null),
    grade_levels   text[] not null default '{}'
                   check (grade_levels <@ array['K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    last_login_at  timestamptz
);
-- Case-insensitive uniqueness; also the index behind login look-ups.
create unique index users_email_key on users (lower(email));
create index users_active_idx on users (active);

create table user_preferences (
    user_id        uuid primary key references users (id) on delete cascade,
    theme          text not null default 'system' check (theme in ('light', 'dark', 'system')),
    language       text not null default 'en-US'
                   check (length(language) <= 35 and language ~ '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$'),
    timezone       text not null default 'UTC' check (length(timezone) between 1 and 64),
    notifications  jsonb not null default '{}'::jsonb check (jsonb_typeof(notifications) = 'object'),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

-- Only an admin may grant roles or change whether an account is active, whatever the service code
-- does: a teacher's own row is writable by policy, but not those columns.
create function guard_privileged_columns() returns trigger
    language plpgsql set search_path = ''
    as $$
begin
    if ${flyway:defaultSchema}.app_has_role('admin') then
        return new;
    end if;
    if tg_op = 'INSERT' and (new.roles <> array['teacher'] or not new.active) then
        raise exception 'only an administrator may create accounts with other roles or inactive'
            using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' and (new.roles is distinct from old.roles or new.active is distinct from old.active
            or new.id is distinct from old.id) then
        raise exception 'only an administrator may change roles or the active flag' using errcode = '42501';
    end if;
    return new;
end
$$;
create trigger users_guard before insert or update on users
    for each row execute function guard_privileged_columns();

-- updated_at says when the record last changed, not when its owner last signed in.
create function touch_updated_at() returns trigger
    language plpgsql set search_path = ''
    as $$
begin
    if to_jsonb(new) - 'last_login_at' - 'updated_at' is distinct from to_jsonb(old) - 'last_login_at' - 'updated_at' then
        new.updated_at := now();
    end if;
    return new;
end
$$;
create trigger users_touch before update on users for each row execute function touch_updated_at();
create trigger user_preferences_touch before update on user_preferences
    for each row execute function touch_updated_at();

create trigger users_audit after insert or update or delete on users
    for each row execute function audit_record('id', 'password_hash');
create trigger user_preferences_audit after insert or update or delete on user_preferences
    for each row execute function audit_record('user_id');

alter table users enable row level security;
alter table users force row level security;
alter table user_preferences enable row level security;
alter table user_preferences force row level security;

create policy users_own_or_admin on users for all
    using (id = (select app_user_id()) or (select app_has_role('admin')))
    with check (id = (select app_user_id()) or (select app_has_role('admin')));
create policy user_preferences_own_or_admin on user_preferences for all
    using (user_id = (select app_user_id()) or (select app_has_role('admin')))
    with check (user_id = (select app_user_id()) or (select app_has_role('admin')));
-- The owner reads users only through login_lookup() below.
create policy users_owner_lookup on users for select to ${flyway:user} using (true);

-- Sign-in happens before there is a user context: this narrow function answers one email's
-- credentials and nothing else, instead of a policy that opens the table.
create function login_lookup(p_email text)
    returns table (id uuid, password_hash text, active boolean, roles text)
    language sql stable security definer set search_path = ''
    as $$
        select u.id, u.password_hash, u.active, array_to_string(u.roles, ',')
        from ${flyway:defaultSchema}.users u
        where lower(u.email) = lower(p_email)
    $$;
revoke all on function login_lookup(text) from public;
grant execute on function login_lookup(text) to ${app_role};

grant select, insert, update, delete on users, user_preferences to ${app_role};
