-- Transactional outbox (service-kit): a service records an event in the same transaction as the
-- change it announces, and publishes the table as an ordered feed (GET /internal/events).
-- Positions are handed out under a row lock held until commit, so they are gap-free and in commit
-- order: a reader that has seen position N has seen every event before it, and an event committed
-- late can never appear behind a cursor that already moved past it.
create table ${flyway:defaultSchema}.outbox (
    position     bigint primary key,
    event_id     uuid not null unique default gen_random_uuid(),
    type         text not null check (type ~ '^[a-z]+(\.[a-z]+)+$'),
    subject      text not null check (length(subject) between 1 and 200),
    payload      jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
    occurred_at  timestamptz not null default now()
);

create table ${flyway:defaultSchema}.outbox_head (
    singleton      boolean primary key default true check (singleton),
    last_position  bigint not null
);
insert into ${flyway:defaultSchema}.outbox_head (last_position) values (0);

create function ${flyway:defaultSchema}.outbox_publish(p_type text, p_subject text, p_payload jsonb) returns uuid
    language plpgsql security definer set search_path = ''
    as $$
declare
    v_position bigint;
    v_event uuid;
begin
    update ${flyway:defaultSchema}.outbox_head set last_position = last_position + 1 returning last_position into v_position;
    insert into ${flyway:defaultSchema}.outbox (position, type, subject, payload)
        values (v_position, p_type, p_subject, coalesce(p_payload, '{}'::jsonb))
        returning event_id into v_event;
    return v_event;
end
$$;

-- Where a consumer has got to in each feed it reads; advanced in the same transaction as the
-- effects of the events it applied.
create table ${flyway:defaultSchema}.feed_cursors (
    feed        text primary key check (length(feed) between 1 and 100),
    position    bigint not null check (position >= 0),
    updated_at  timestamptz not null default now()
);

create trigger outbox_audit after insert or update or delete on ${flyway:defaultSchema}.outbox
    for each row execute function ${flyway:defaultSchema}.audit_record('event_id');

alter table ${flyway:defaultSchema}.outbox enable row level security;
alter table ${flyway:defaultSchema}.outbox force row level security;
alter table ${flyway:defaultSchema}.outbox_head enable row level security;
alter table ${flyway:defaultSchema}.outbox_head force row level security;
alter table ${flyway:defaultSchema}.feed_cursors enable row level security;
alter table ${flyway:defaultSchema}.feed_cursors force row level security;
create policy outbox_owner on ${flyway:defaultSchema}.outbox for all to ${flyway:user} using (true) with check (true);
create policy outbox_head_owner on ${flyway:defaultSchema}.outbox_head for all to ${flyway:user} using (true) with check (true);
-- Only other services (service tokens) and admins read the feed.
create policy outbox_read on ${flyway:defaultSchema}.outbox for select
    using ((select ${flyway:defaultSchema}.app_has_role('service')) or (select ${flyway:defaultSchema}.app_has_role('admin')));
-- Cursors belong to the service's own background work, which runs with the service role.
create policy feed_cursors_service on ${flyway:defaultSchema}.feed_cursors for all
    using ((select ${flyway:defaultSchema}.app_has_role('service')))
    with check ((select ${flyway:defaultSchema}.app_has_role('service')));

revoke all on ${flyway:defaultSchema}.outbox, ${flyway:defaultSchema}.outbox_head, ${flyway:defaultSchema}.feed_cursors from public;
grant select on ${flyway:defaultSchema}.outbox to ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.feed_cursors to ${app_role};
revoke all on function ${flyway:defaultSchema}.outbox_publish(text, text, jsonb) from public;
grant execute on function ${flyway:defaultSchema}.outbox_publish(text, text, jsonb) to ${app_role};
