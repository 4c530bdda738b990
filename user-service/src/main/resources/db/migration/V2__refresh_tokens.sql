-- Refresh tokens (RFC 9700): 256-bit random values stored only as SHA-256 hashes. Each login starts
-- a family; each refresh spends one token and adds its successor to the family. Presenting a spent
-- token again means it was stolen: the whole family is revoked.
create table refresh_tokens (
    id                 uuid primary key default gen_random_uuid(),
    family_id          uuid not null,
    user_id            uuid not null references users (id) on delete cascade,
    token_hash         bytea not null unique check (length(token_hash) = 32),
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    family_expires_at  timestamptz not null,
    spent_at           timestamptz,
    revoked_at         timestamptz,
    check (expires_at <= family_expires_at)
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id) where revoked_at is null;

create trigger refresh_tokens_audit after insert or update or delete on refresh_tokens
    for each row execute function audit_record('id', 'token_hash');

alter table refresh_tokens enable row level security;
alter table refresh_tokens force row level security;
create policy refresh_tokens_own_or_admin on refresh_tokens for all
    using (user_id = (select app_user_id()) or (select app_has_role('admin')))
    with check (user_id = (select app_user_id()) or (select app_has_role('admin')));
create policy refresh_tokens_owner_lookup on refresh_tokens for select to ${flyway:user} using (true);

-- A refresh request carries no access token: this answers one token hash's owner and state,
-- nothing else, so the refresh can then run as that user.
create function refresh_lookup(p_hash bytea)
    returns table (id uuid, family_id uuid, user_id uuid, expires_at timestamptz, family_expires_at timestamptz,
                   spent boolean, revoked boolean, active boolean, roles text)
    language sql stable security definer set search_path = ''
    as $$
        select t.id, t.family_id, t.user_id, t.expires_at, t.family_expires_at, t.spent_at is not null,
               t.revoked_at is not null, u.active, array_to_string(u.roles, ',')
        from ${flyway:defaultSchema}.refresh_tokens t
        join ${flyway:defaultSchema}.users u on u.id = t.user_id
        where t.token_hash = p_hash
    $$;
revoke all on function refresh_lookup(bytea) from public;
grant execute on function refresh_lookup(bytea) to ${app_role};

grant select, insert, update, delete on refresh_tokens to ${app_role};
