-- Whose data each audited row holds, and which of its columns are that teacher's (service-kit V0_7): a
-- memory's content and context reach the audit trail only encrypted under the teacher's key, which
-- their erasure shreds. (A sensitive memory's content is ciphertext under that key already.) The search
-- vector is derived from the content and is not recorded at all.
drop trigger user_memories_audit on user_memories;
create trigger user_memories_audit after insert or update or delete on user_memories
    for each row execute function audit_record('id', 'search', 'subject:user_id', 'personal:content',
        'personal:context');
drop trigger memory_interactions_audit on memory_interactions;
create trigger memory_interactions_audit after insert or delete on memory_interactions
    for each row execute function audit_record('id', 'subject:user_id', 'personal:context');

-- Entries written before this release hold those values in the clear: dropped (service-kit V0_7).
select audit_forget_legacy_personal('user_memories', 'content', 'context', 'search');
select audit_forget_legacy_personal('memory_interactions', 'context');

-- An erased teacher's key is shredded and leaves a tombstone (service-kit V0_7), so that no new key is
-- made for them: not for a memory written with a token that outlived the account, nor for the audit
-- values of their last changes, which are dropped instead of sealed.
create or replace function memory_forget_user(p_user uuid) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
begin
    perform ${flyway:defaultSchema}.app_require_service();
    delete from ${flyway:defaultSchema}.user_memories where user_id = p_user;
    get diagnostics n = row_count;
    perform ${flyway:defaultSchema}.subject_key_forget(p_user);
    return n;
end
$$;

-- Teachers erased before this release lost their key row outright: tombstones for them, so that none is
-- made again (the audit trail recorded each deletion).
insert into subject_keys (subject, erased_at)
    select distinct cast(row_id as uuid), now() from audit_log where table_name = 'subject_keys' and op = 'DELETE'
    on conflict (subject) do nothing;
