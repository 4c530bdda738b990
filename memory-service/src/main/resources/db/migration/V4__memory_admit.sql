-- memory-service schema, part 4: what a new memory's transaction asks before its insert, in one round
-- trip instead of five (bench/results/2026-12-01-2000-writes.md: each statement cost the service about
-- 0.4 ms of CPU). Runs as the caller (security invoker), so row-level security decides what it sees,
-- exactly as the separate statements did.
--
-- Serialises the teacher's writes under the profile (so that the duplicate check and the cap hold under
-- concurrency), clears an expired memory with the same content (the unique constraint still holds it),
-- and answers: new_id, the id the new memory takes, or null when duplicate_of names a live memory with
-- the same content or held (the profile's live memories) has reached p_cap.
create function memory_admit(p_profile integer, p_content_key bytea, p_cap integer)
    returns table (new_id bigint, duplicate_of bigint, held bigint)
    language plpgsql set search_path = ''
    as $$
declare
    v_owner uuid := ${flyway:defaultSchema}.app_user_id();
begin
    if v_owner is null then
        raise exception 'memory_admit needs a teacher''s context' using errcode = '42501';
    end if;
    perform pg_advisory_xact_lock(hashtextextended('memory:' || v_owner || ':' || p_profile, 0));
    perform ${flyway:defaultSchema}.memory_clear_expired_duplicate(p_profile, p_content_key);
    select m.id into duplicate_of from ${flyway:defaultSchema}.user_memories m
        where m.user_id = v_owner and m.assistant_profile_id = p_profile and m.content_key = p_content_key;
    if duplicate_of is not null then
        return next;
        return;
    end if;
    select count(*) into held from ${flyway:defaultSchema}.user_memories m
        where m.user_id = v_owner and m.assistant_profile_id = p_profile;
    if held < p_cap then
        new_id := nextval(pg_get_serial_sequence('${flyway:defaultSchema}.user_memories', 'id'));
    end if;
    return next;
end
$$;

revoke all on function memory_admit(integer, bytea, integer) from public;
grant execute on function memory_admit(integer, bytea, integer) to ${app_role};
