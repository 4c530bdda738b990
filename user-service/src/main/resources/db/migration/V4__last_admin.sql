-- There is always at least one active administrator: no update or delete may remove the last one.
-- The advisory lock serialises such changes, so two admins demoting each other at once cannot
-- both succeed. Error class FA409 is answered as 409 with this message (service-kit DatabaseErrors).
create function keep_an_admin() returns trigger
    language plpgsql security definer set search_path = ''
    as $$
begin
    if not (old.active and 'admin' = any (old.roles)) then
        return null;
    end if;
    perform pg_advisory_xact_lock(hashtext('faraday.users.last-admin'));
    if not exists (select 1 from ${flyway:defaultSchema}.users where active and 'admin' = any (roles)) then
        raise exception 'the last active administrator cannot be removed, deactivated or demoted'
            using errcode = 'FA409';
    end if;
    return null;
end
$$;
create trigger users_keep_an_admin after update of active, roles or delete on users
    for each row execute function keep_an_admin();
