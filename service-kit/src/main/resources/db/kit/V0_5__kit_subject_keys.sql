-- Per-subject data keys (service-kit's SubjectKeys), for schemas that encrypt a person's data under a key
-- of their own: a service adds db/kit-keys to its Flyway locations. Each row holds one subject's 256-bit
-- data key, wrapped (AES-256-GCM) by a master key that lives only in the service's configuration; the
-- database never sees a usable key. Deleting the row crypto-shreds everything encrypted under it.
create table ${flyway:defaultSchema}.subject_keys (
    subject        uuid primary key,
    -- The master key that wrapped it, also inside "wrapped" (v1:<id>:...): kept apart for the re-wrap job.
    master_key_id  text not null check (master_key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    wrapped        text not null check (wrapped like 'v1:%' and length(wrapped) < 200),
    created_at     timestamptz not null default now(),
    rewrapped_at   timestamptz
);
create index subject_keys_master_idx on ${flyway:defaultSchema}.subject_keys (master_key_id);

-- Recorded in the audit trail without the wrapped key: a copy there would survive the shredding.
create trigger subject_keys_audit after insert or update or delete on ${flyway:defaultSchema}.subject_keys
    for each row execute function ${flyway:defaultSchema}.audit_record('subject', 'wrapped');

alter table ${flyway:defaultSchema}.subject_keys enable row level security;
alter table ${flyway:defaultSchema}.subject_keys force row level security;
-- A subject's own transactions read and create their key; nothing else reaches a row except through the
-- functions below, which run as the owner.
create policy subject_keys_own_read on ${flyway:defaultSchema}.subject_keys for select
    using (subject = (select ${flyway:defaultSchema}.app_user_id()));
create policy subject_keys_own_insert on ${flyway:defaultSchema}.subject_keys for insert
    with check (subject = (select ${flyway:defaultSchema}.app_user_id()));
create policy subject_keys_owner on ${flyway:defaultSchema}.subject_keys for all to ${flyway:user}
    using (true) with check (true);

-- Shreds one subject's key: the subject themself, or the service role applying an erasure.
create function ${flyway:defaultSchema}.subject_key_forget(p_subject uuid) returns boolean
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
begin
    if not (${flyway:defaultSchema}.app_has_role('service') or ${flyway:defaultSchema}.app_user_id() = p_subject) then
        raise exception 'only the subject or the service may forget a subject key' using errcode = '42501';
    end if;
    delete from ${flyway:defaultSchema}.subject_keys where subject = p_subject;
    get diagnostics n = row_count;
    return n > 0;
end
$$;

-- The re-wrap job (service role): keys still wrapped by another master key than the active one, a batch
-- at a time, skipping rows another replica holds.
create function ${flyway:defaultSchema}.subject_keys_to_rewrap(p_active text, p_limit integer)
    returns table (subject uuid, wrapped text)
    language plpgsql security definer set search_path = ''
    as $$
begin
    if not ${flyway:defaultSchema}.app_has_role('service') then
        raise exception 'only the service re-wraps subject keys' using errcode = '42501';
    end if;
    return query select k.subject, k.wrapped from ${flyway:defaultSchema}.subject_keys k
        where k.master_key_id <> p_active
        order by k.subject limit least(p_limit, 1000) for update skip locked;
end
$$;

-- Replaces a wrapping only if it is still the one that was read (compare and set).
create function ${flyway:defaultSchema}.subject_key_rewrapped(p_subject uuid, p_old text, p_key_id text,
        p_new text) returns boolean
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
begin
    if not ${flyway:defaultSchema}.app_has_role('service') then
        raise exception 'only the service re-wraps subject keys' using errcode = '42501';
    end if;
    update ${flyway:defaultSchema}.subject_keys set master_key_id = p_key_id, wrapped = p_new, rewrapped_at = now()
        where subject = p_subject and wrapped = p_old;
    get diagnostics n = row_count;
    return n > 0;
end
$$;

revoke all on ${flyway:defaultSchema}.subject_keys from public;
grant select, insert on ${flyway:defaultSchema}.subject_keys to ${app_role};
revoke all on function ${flyway:defaultSchema}.subject_key_forget(uuid) from public;
revoke all on function ${flyway:defaultSchema}.subject_keys_to_rewrap(text, integer) from public;
revoke all on function ${flyway:defaultSchema}.subject_key_rewrapped(uuid, text, text, text) from public;
grant execute on function ${flyway:defaultSchema}.subject_key_forget(uuid) to ${app_role};
grant execute on function ${flyway:defaultSchema}.subject_keys_to_rewrap(text, integer) to ${app_role};
grant execute on function ${flyway:defaultSchema}.subject_key_rewrapped(uuid, text, text, text) to ${app_role};
