-- Erasing an account removes what the schema keeps about the person beyond the rows that cascade
-- from users (preferences, refresh tokens): their sign-in events. Callable for oneself or by an admin.
create function erase_login_events(p_user uuid) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    removed integer;
begin
    if p_user is distinct from ${flyway:defaultSchema}.app_user_id() and not ${flyway:defaultSchema}.app_has_role('admin') then
        raise exception 'only the user or an administrator may erase these records' using errcode = '42501';
    end if;
    delete from ${flyway:defaultSchema}.login_events where user_id = p_user;
    get diagnostics removed = row_count;
    return removed;
end
$$;
revoke all on function erase_login_events(uuid) from public;
grant execute on function erase_login_events(uuid) to ${app_role};
