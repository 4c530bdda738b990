-- Retention of what only serves for a while (docs/security.md, "Retention"). The service's purge job
-- calls these as the service role, a batch at a time, skipping rows another replica holds. Each
-- deletion of an audited row is itself recorded in the audit trail, which is kept.

-- Sign-in outcomes older than p_before.
create function purge_login_events(p_before timestamptz, p_limit integer) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
begin
    perform ${flyway:defaultSchema}.app_require_service();
    delete from ${flyway:defaultSchema}.login_events where id in (
        select id from ${flyway:defaultSchema}.login_events where at < p_before
        order by at limit least(p_limit, 10000) for update skip locked);
    get diagnostics n = row_count;
    return n;
end
$$;

-- Refresh tokens of families that ended (absolute expiry, or revocation) before p_before. A spent
-- token stays while its family lives: presenting it again is how a stolen token is detected.
create function purge_refresh_tokens(p_before timestamptz, p_limit integer) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
begin
    perform ${flyway:defaultSchema}.app_require_service();
    delete from ${flyway:defaultSchema}.refresh_tokens where id in (
        select id from ${flyway:defaultSchema}.refresh_tokens
        where family_expires_at < p_before or revoked_at < p_before
        limit least(p_limit, 10000) for update skip locked);
    get diagnostics n = row_count;
    return n;
end
$$;

-- Throttle counters nobody failed on since p_before and not locking anything at p_now, and known
-- sign-in sources whose last success is older than p_known_before (no longer "known" anyway).
create function purge_login_state(p_before timestamptz, p_known_before timestamptz, p_now timestamptz,
        p_limit integer) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
    m integer;
begin
    perform ${flyway:defaultSchema}.app_require_service();
    delete from ${flyway:defaultSchema}.login_throttle where key_hash in (
        select key_hash from ${flyway:defaultSchema}.login_throttle
        where last_failure_at < p_before and (locked_until is null or locked_until <= p_now)
        limit least(p_limit, 10000) for update skip locked);
    get diagnostics n = row_count;
    delete from ${flyway:defaultSchema}.login_known_sources where pair_hash in (
        select pair_hash from ${flyway:defaultSchema}.login_known_sources where last_success_at < p_known_before
        limit least(p_limit, 10000) for update skip locked);
    get diagnostics m = row_count;
    return n + m;
end
$$;

-- The purge runs as the owner (SECURITY DEFINER), which so far could only look refresh tokens up; it
-- takes the rows it deletes with FOR UPDATE, which row-level security checks against UPDATE policies.
create policy refresh_tokens_owner_purge on refresh_tokens for all to ${flyway:user} using (true) with check (true);

create index login_events_at_idx on login_events (at);
create index refresh_tokens_family_expiry_idx on refresh_tokens (family_expires_at);

revoke all on function purge_login_events(timestamptz, integer),
    purge_refresh_tokens(timestamptz, integer), purge_login_state(timestamptz, timestamptz, timestamptz, integer)
    from public;
grant execute on function purge_login_events(timestamptz, integer), purge_refresh_tokens(timestamptz, integer),
    purge_login_state(timestamptz, timestamptz, timestamptz, integer) to ${app_role};
