-- For a schema's narrow SECURITY DEFINER functions that only the service's own jobs (feed consumers,
-- purges, flushes) may call: the first statement of each, so a teacher's or an admin's call fails
-- with insufficient_privilege before anything is touched.
create function ${flyway:defaultSchema}.app_require_service() returns void
    language plpgsql stable set search_path = ''
    as $$
begin
    if not ${flyway:defaultSchema}.app_has_role('service') then
        raise exception 'only the service''s own jobs may call this' using errcode = '42501';
    end if;
end
$$;

revoke all on function ${flyway:defaultSchema}.app_require_service() from public;
