-- Sign-in throttling, second version (docs/security.md, "Sign-in throttling"):
-- * an attempt is counted before its password is checked (reserved), and settled after: a burst of
--   parallel guesses queues on the throttle rows instead of all passing one shared check;
-- * the back-off is capped before it is multiplied, so no number of failures overflows an interval;
-- * a third key, the client address, limits failures per address across all emails;
-- * an address this account signed in from recently is "known": there the per-email and
--   per-address ceilings do not apply, only the per-(email, address) back-off, so nobody can lock
--   a teacher out from her own school by failing for her elsewhere.
-- The V3 functions stay for instances still running the previous release; login_throttle_fail gets
-- the same cap. Drop them in the release after this one.

-- Seconds a key is locked after its n-th failure: none within the free tries, then first_lock,
-- doubling, never more than max_lock. The exponent is bounded before power() runs, so a counter
-- of 44 or 10,000 failures gives max_lock instead of "interval out of range".
create function login_lock_seconds(p_failures integer, p_free_tries integer, p_first_lock interval,
        p_max_lock interval) returns double precision
    language sql immutable parallel safe set search_path = ''
    as $$
        select case when p_failures <= p_free_tries then 0::double precision
            else least(extract(epoch from p_max_lock)::double precision,
                       extract(epoch from p_first_lock)::double precision
                           * power(2::double precision, least(p_failures - p_free_tries - 1, 64)))
        end
    $$;

create or replace function login_throttle_fail(p_pair bytea, p_email bytea, p_now timestamptz, p_free_tries integer,
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
            failures = case when t.last_failure_at < p_now - p_reset_after then 1 else least(t.failures, 1000000000) + 1 end,
            window_start = case when t.last_failure_at < p_now - p_reset_after then p_now else t.window_start end,
            last_failure_at = p_now
        returning failures into pair_failures;
    if pair_failures > p_free_tries then
        update ${flyway:defaultSchema}.login_throttle
            set locked_until = p_now + make_interval(secs => ${flyway:defaultSchema}.login_lock_seconds(pair_failures,
                p_free_tries, p_first_lock, p_max_lock))
            where key_hash = p_pair;
    end if;
    insert into ${flyway:defaultSchema}.login_throttle as t (key_hash, failures, window_start, last_failure_at)
        values (p_email, 1, p_now, p_now)
        on conflict (key_hash) do update set
            failures = case when t.window_start <= p_now - p_email_window then 1 else least(t.failures, 1000000000) + 1 end,
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

-- (email, address) pairs with a successful sign-in, by the pair's throttle key. Goes with the account.
create table login_known_sources (
    pair_hash        bytea primary key check (length(pair_hash) = 32),
    user_id          uuid not null references users (id) on delete cascade,
    last_success_at  timestamptz not null
);
create index login_known_sources_user_idx on login_known_sources (user_id);
alter table login_known_sources enable row level security;
alter table login_known_sources force row level security;
create policy login_known_sources_owner on login_known_sources for all to ${flyway:user} using (true) with check (true);

-- Counts one failure of a key that has a ceiling per window (an email, an address); locks the key
-- until the window ends once the ceiling is reached.
create function login_count_in_window(p_key bytea, p_now timestamptz, p_limit integer, p_window interval) returns void
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
    started timestamptz;
begin
    update ${flyway:defaultSchema}.login_throttle set
            failures = case when window_start <= p_now - p_window then 1 else least(failures, 1000000000) + 1 end,
            window_start = case when window_start <= p_now - p_window then p_now else window_start end,
            last_failure_at = p_now
        where key_hash = p_key
        returning failures, window_start into n, started;
    if n >= p_limit then
        update ${flyway:defaultSchema}.login_throttle set locked_until = started + p_window where key_hash = p_key;
    end if;
end
$$;

-- Reserves one attempt: answers the seconds to wait (nothing is counted then), or 0 after counting
-- the attempt as a failure of each key. p_email and p_source may be null (a check of the current
-- password has only its own key). The rows are locked in one order for every caller before they
-- are read, so concurrent attempts on a key are counted one after another.
create function login_attempt_reserve(p_pair bytea, p_email bytea, p_source bytea, p_now timestamptz,
        p_free_tries integer, p_first_lock interval, p_max_lock interval, p_reset_after interval,
        p_email_limit integer, p_email_window interval, p_source_limit integer, p_source_window interval,
        p_known_for interval) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    known boolean;
    k bytea;
    until timestamptz;
    n integer;
begin
    known := exists (select 1 from ${flyway:defaultSchema}.login_known_sources
                     where pair_hash = p_pair and last_success_at > p_now - p_known_for);
    for k in select x from unnest(array[p_pair, p_email, p_source]) as x where x is not null order by x loop
        insert into ${flyway:defaultSchema}.login_throttle as t (key_hash, failures, window_start, last_failure_at)
            values (k, 0, p_now, p_now)
            on conflict (key_hash) do update set failures = t.failures;
    end loop;
    select max(locked_until) into until from ${flyway:defaultSchema}.login_throttle
        where locked_until > p_now and (key_hash = p_pair or (not known and key_hash in (p_email, p_source)));
    if until is not null then
        return ceil(extract(epoch from until - p_now))::integer;
    end if;

    update ${flyway:defaultSchema}.login_throttle set
            failures = case when last_failure_at < p_now - p_reset_after then 1 else least(failures, 1000000000) + 1 end,
            window_start = case when last_failure_at < p_now - p_reset_after then p_now else window_start end,
            last_failure_at = p_now
        where key_hash = p_pair
        returning failures into n;
    if n > p_free_tries then
        update ${flyway:defaultSchema}.login_throttle
            set locked_until = p_now + make_interval(secs => ${flyway:defaultSchema}.login_lock_seconds(n, p_free_tries,
                p_first_lock, p_max_lock))
            where key_hash = p_pair;
    end if;
    if p_email is not null then
        perform ${flyway:defaultSchema}.login_count_in_window(p_email, p_now, p_email_limit, p_email_window);
    end if;
    if p_source is not null then
        perform ${flyway:defaultSchema}.login_count_in_window(p_source, p_now, p_source_limit, p_source_window);
    end if;
    return 0;
end
$$;

-- Settles a reserved attempt whose password was right: the pair's streak is over, the ceilings get
-- back the failure the reservation counted, and the pair becomes known for p_user (when given).
create function login_attempt_succeeded(p_pair bytea, p_email bytea, p_source bytea, p_user uuid, p_now timestamptz,
        p_email_limit integer, p_source_limit integer) returns void
    language plpgsql security definer set search_path = ''
    as $$
begin
    -- The same lock order as login_attempt_reserve, so a concurrent reservation cannot deadlock with this.
    perform 1 from ${flyway:defaultSchema}.login_throttle where key_hash in (p_pair, p_email, p_source)
        order by key_hash for update;
    delete from ${flyway:defaultSchema}.login_throttle where key_hash = p_pair;
    update ${flyway:defaultSchema}.login_throttle set
            failures = greatest(failures - 1, 0),
            locked_until = case when failures - 1 >= (case when key_hash = p_email then p_email_limit else p_source_limit end)
                                then locked_until end
        where key_hash in (p_email, p_source);
    if p_user is not null then
        insert into ${flyway:defaultSchema}.login_known_sources as s (pair_hash, user_id, last_success_at)
            values (p_pair, p_user, p_now)
            on conflict (pair_hash) do update set user_id = excluded.user_id, last_success_at = excluded.last_success_at;
    end if;
end
$$;

revoke all on function login_lock_seconds(integer, integer, interval, interval),
    login_count_in_window(bytea, timestamptz, integer, interval),
    login_attempt_reserve(bytea, bytea, bytea, timestamptz, integer, interval, interval, interval, integer, interval,
        integer, interval, interval),
    login_attempt_succeeded(bytea, bytea, bytea, uuid, timestamptz, integer, integer) from public;
grant execute on function
    login_attempt_reserve(bytea, bytea, bytea, timestamptz, integer, interval, interval, interval, integer, interval,
        integer, interval, interval),
    login_attempt_succeeded(bytea, bytea, bytea, uuid, timestamptz, integer, integer) to ${app_role};

-- When the person behind a session last proved who they are (the auth_time of its access tokens),
-- kept across refreshes. Families from before this column read as unknown: no recent sign-in.
alter table refresh_tokens add column authenticated_at timestamptz;

drop function refresh_lookup(bytea);
create function refresh_lookup(p_hash bytea)
    returns table (id uuid, family_id uuid, user_id uuid, expires_at timestamptz, family_expires_at timestamptz,
                   spent boolean, revoked boolean, active boolean, roles text, authenticated_at timestamptz)
    language sql stable security definer set search_path = ''
    as $$
        select t.id, t.family_id, t.user_id, t.expires_at, t.family_expires_at, t.spent_at is not null,
               t.revoked_at is not null, u.active, array_to_string(u.roles, ','), t.authenticated_at
        from ${flyway:defaultSchema}.refresh_tokens t
        join ${flyway:defaultSchema}.users u on u.id = t.user_id
        where t.token_hash = p_hash
    $$;
revoke all on function refresh_lookup(bytea) from public;
grant execute on function refresh_lookup(bytea) to ${app_role};
