-- Brute-force protection. Failures are counted per (email, client IP), with exponential back-off
-- after a few free tries, and per email across all IPs (a ceiling per hour, ASVS 2.2.1), so one
-- attacker cannot lock a teacher out from their own school's network. Keys are SHA-256 hashes: the
-- table never holds the emails people typed. State lives here, so it holds across replicas and restarts.
create table login_throttle (
    key_hash         bytea primary key check (length(key_hash) = 32),
    failures         integer not null check (failures >= 0),
    window_start     timestamptz not null,
    last_failure_at  timestamptz not null,
    locked_until     timestamptz
);
alter table login_throttle enable row level security;
alter table login_throttle force row level security;
-- Nobody but the owner (through the functions below) reads or writes it.
create policy login_throttle_owner on login_throttle for all to ${flyway:user} using (true) with check (true);

-- Seconds until a sign-in for this pair and email may be tried again; 0 when it may now.
create function login_throttle_wait(p_pair bytea, p_email bytea, p_now timestamptz) returns integer
    language sql stable security definer set search_path = ''
    as $$
        select coalesce(ceil(extract(epoch from max(locked_until) - p_now))::integer, 0)
        from ${flyway:defaultSchema}.login_throttle
        where key_hash in (p_pair, p_email) and locked_until > p_now
    $$;

-- Records a failed sign-in; answers the seconds the pair or email is now locked for (0: not locked).
create function login_throttle_fail(p_pair bytea, p_email bytea, p_now timestamptz, p_free_tries integer,
        p_first_lock interval, p_max_lock interval, p_reset_after interval, p_email_limit integer,
        p_email_window interval) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    pair_failures integer;
    email_failures integer;
    email_window timestamptz;
begin
    insert into ${flyway:defaultSchema}.login_throttle as t (key_hash, failures, window_start, last_failure_at)
        values (p_pair, 1, p_now, p_now)
        on conflict (key_hash) do update set
            failures = case when t.last_failure_at < p_now - p_reset_after then 1 else t.failures + 1 end,
            window_start = case when t.last_failure_at < p_now - p_reset_after then p_now else t.window_start end,
            last_failure_at = p_now
        returning failures into pair_failures;
    if pair_failures > p_free_tries then
        update ${flyway:defaultSchema}.login_throttle
            set locked_until = p_now + least(p_max_lock, p_first_lock * power(2, pair_failures - p_free_tries - 1))
            where key_hash = p_pair;
    end if;

    insert into ${flyway:defaultSchema}.login_throttle as t (key_hash, failures, window_start, last_failure_at)
        values (p_email, 1, p_now, p_now)
        on conflict (key_hash) do update set
            failures = case when t.window_start <= p_now - p_email_window then 1 else t.failures + 1 end,
            window_start = case when t.window_start <= p_now - p_email_window then p_now else t.window_start end,
            last_failure_at = p_now
        returning failures, window_start into email_failures, email_window;
    if email_failures >= p_email_limit then
        update ${flyway:defaultSchema}.login_throttle set locked_until = email_window + p_email_window
            where key_hash = p_email;
    end if;
    return ${flyway:defaultSchema}.login_throttle_wait(p_pair, p_email, p_now);
end
$$;

-- A successful sign-in clears its pair's streak; the per-email count runs out with its window.
create function login_throttle_succeed(p_pair bytea) returns void
    language sql security definer set search_path = ''
    as $$ delete from ${flyway:defaultSchema}.login_throttle where key_hash = p_pair $$;

-- Sign-in outcomes, for the audit trail (each row is chained by the audit trigger). Unknown emails
-- are kept only as a hash, like the throttle keys.
create table login_events (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    user_id     uuid,
    email_hash  bytea not null,
    client_ip   text not null check (length(client_ip) <= 64),
    outcome     text not null check (outcome in ('success', 'failure', 'throttled'))
);
create index login_events_user_idx on login_events (user_id, at);
create trigger login_events_audit after insert or update or delete on login_events
    for each row execute function audit_record('id');
alter table login_events enable row level security;
alter table login_events force row level security;
create policy login_events_owner on login_events for all to ${flyway:user} using (true) with check (true);
create policy login_events_admin_read on login_events for select using ((select app_has_role('admin')));

create function login_event(p_user uuid, p_email bytea, p_ip text, p_outcome text) returns void
    language sql security definer set search_path = ''
    as $$
        insert into ${flyway:defaultSchema}.login_events (user_id, email_hash, client_ip, outcome)
        values (p_user, p_email, left(p_ip, 64), p_outcome)
    $$;

revoke all on function login_throttle_wait(bytea, bytea, timestamptz), login_throttle_succeed(bytea),
    login_throttle_fail(bytea, bytea, timestamptz, integer, interval, interval, interval, integer, interval),
    login_event(uuid, bytea, text, text) from public;
grant execute on function login_throttle_wait(bytea, bytea, timestamptz), login_throttle_succeed(bytea),
    login_throttle_fail(bytea, bytea, timestamptz, integer, interval, interval, interval, integer, interval),
    login_event(uuid, bytea, text, text) to ${app_role};
grant select on login_events to ${app_role};
