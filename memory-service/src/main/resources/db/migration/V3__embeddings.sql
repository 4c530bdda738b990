-- memory-service schema, part 3: what each memory means, as a vector of the configured embedding model
-- (memory_embeddings), and the queue of memories still to embed (memory_embedding_queue). Both are
-- derived from user_memories and go with it; neither is audited (the memory's own changes are).

create table memory_embeddings (
    memory_id      bigint primary key references user_memories (id) on delete cascade,
    user_id        uuid not null,
    -- The model that computed it (faraday.memory.embedding.model): another model's vectors do not compare.
    model          text not null check (length(model) between 1 and 200),
    -- user_memories.content_key of the content it was computed from.
    content_key    bytea not null check (octet_length(content_key) = 32),
    -- One signed byte per dimension, the vector scaled to its largest component (docs/memories.md,
    -- "Recall"); for a sensitive memory sealed under the teacher's data key instead, because an
    -- embedding can be inverted back to much of its text.
    vector         bytea check (vector is null or octet_length(vector) between 1 and 8192),
    sealed_vector  text check (sealed_vector is null or (sealed_vector like 'v1:dk:%' and length(sealed_vector) <= 16384)),
    embedded_at    timestamptz not null default now(),
    constraint memory_embeddings_one_form check (num_nonnulls(vector, sealed_vector) = 1)
);
create index memory_embeddings_user_idx on memory_embeddings (user_id);

-- Written by the database on every new memory and every change of a memory's content, so that no path
-- can skip it; emptied by the service's embedding job, which retries with a growing delay.
create table memory_embedding_queue (
    memory_id   bigint primary key references user_memories (id) on delete cascade,
    user_id     uuid not null,
    -- When the content to embed was written: the job removes the entry only if nothing newer came since.
    queued_at   timestamptz not null default clock_timestamp(),
    attempts    integer not null default 0,
    not_before  timestamptz not null default now(),
    last_error  text check (last_error is null or length(last_error) <= 500)
);
create index memory_embedding_queue_due_idx on memory_embedding_queue (not_before);

create function queue_memory_embedding() returns trigger
    language plpgsql security definer set search_path = ''
    as $$
begin
    if tg_op = 'UPDATE' and new.content_key = old.content_key and new.content = old.content then
        return null;
    end if;
    insert into ${flyway:defaultSchema}.memory_embedding_queue (memory_id, user_id) values (new.id, new.user_id)
    on conflict (memory_id) do update set queued_at = clock_timestamp(), attempts = 0, not_before = now(),
        last_error = null;
    return null;
end
$$;
create trigger user_memories_embedding after insert or update on user_memories
    for each row execute function queue_memory_embedding();

-- Memories written before this release: embedded by the job like new ones.
insert into memory_embedding_queue (memory_id, user_id) select id, user_id from user_memories;

alter table memory_embeddings enable row level security;
alter table memory_embeddings force row level security;
alter table memory_embedding_queue enable row level security;
alter table memory_embedding_queue force row level security;

-- A teacher's transaction reads and writes only their own memories' vectors (the job writes them acting
-- for the teacher); the queue is the service's, reached only through the functions below.
create policy memory_embeddings_own on memory_embeddings for all
    using (user_id = (select app_user_id())) with check (user_id = (select app_user_id())
        and exists (select 1 from ${flyway:defaultSchema}.user_memories m
            where m.id = memory_id and m.user_id = (select app_user_id())));
create policy memory_embeddings_owner on memory_embeddings for all to ${flyway:user} using (true) with check (true);
create policy memory_embedding_queue_owner on memory_embedding_queue for all to ${flyway:user}
    using (true) with check (true);

-- The job takes up to p_limit due entries, which no other replica then takes for p_lease; answers them.
create function memory_embedding_claim(p_limit integer, p_lease interval)
    returns table (memory_id bigint, user_id uuid, queued_at timestamptz)
    language plpgsql security definer set search_path = ''
    as $$
begin
    if not ${flyway:defaultSchema}.app_has_role('service') then
        raise exception 'only the service role takes embedding work' using errcode = '42501';
    end if;
    return query
    update ${flyway:defaultSchema}.memory_embedding_queue q
       set not_before = now() + p_lease, attempts = q.attempts + 1
     where q.memory_id in (select d.memory_id from ${flyway:defaultSchema}.memory_embedding_queue d
                            where d.not_before <= now() order by d.not_before limit p_limit
                            for update skip locked)
    returning q.memory_id, q.user_id, q.queued_at;
end
$$;

-- Done: the entry goes, unless the content changed again since it was taken (then it stays due).
create function memory_embedding_done(p_memory bigint, p_queued_at timestamptz) returns boolean
    language sql security definer set search_path = ''
    as $$
        with gone as (delete from ${flyway:defaultSchema}.memory_embedding_queue
                       where memory_id = p_memory and queued_at = p_queued_at returning 1)
        select exists (select 1 from gone)
    $$;

-- Failed: tried again after 2^attempts seconds, at most an hour.
create function memory_embedding_failed(p_memory bigint, p_error text) returns void
    language sql security definer set search_path = ''
    as $$
        update ${flyway:defaultSchema}.memory_embedding_queue
           set not_before = now() + least(interval '1 hour', interval '1 second' * power(2, least(attempts, 12))),
               last_error = left(p_error, 500)
         where memory_id = p_memory
    $$;

-- After a change of model: every memory whose vector is another model's is queued again.
create function memory_embedding_requeue(p_model text) returns integer
    language plpgsql security definer set search_path = ''
    as $$
declare
    n integer;
begin
    if not ${flyway:defaultSchema}.app_has_role('service') then
        raise exception 'only the service role queues embedding work' using errcode = '42501';
    end if;
    insert into ${flyway:defaultSchema}.memory_embedding_queue (memory_id, user_id)
    select e.memory_id, e.user_id from ${flyway:defaultSchema}.memory_embeddings e where e.model <> p_model
    on conflict (memory_id) do nothing;
    get diagnostics n = row_count;
    return n;
end
$$;

grant select, insert, update, delete on memory_embeddings to ${app_role};
revoke all on function queue_memory_embedding(), memory_embedding_claim(integer, interval),
    memory_embedding_done(bigint, timestamptz), memory_embedding_failed(bigint, text),
    memory_embedding_requeue(text) from public;
grant execute on function memory_embedding_claim(integer, interval), memory_embedding_done(bigint, timestamptz),
    memory_embedding_failed(bigint, text), memory_embedding_requeue(text) to ${app_role};
