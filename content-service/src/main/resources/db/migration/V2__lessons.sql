-- content-service schema, part 2: lessons, their versions, their status workflow and their search.

create table lessons (
    id                    integer generated always as identity primary key,
    -- The owner: the user id from the token (user-service's users.id; a plain column across services).
    user_id               uuid not null,
    subject_category_id   integer not null references subject_categories (id) on delete restrict,
    -- An assistant-service profile id; cleared when assistant-service publishes the profile's deletion.
    assistant_profile_id  integer,
    title                 text not null check (length(title) between 1 and 200 and title = btrim(title)),
    content               text not null default '' check (length(content) <= 100000),
    grade_level           text not null check (grade_level in ('K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12')),
    week                  integer not null check (week between 1 and 53),
    school_year           text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'
                          and substr(school_year, 6, 4)::integer = substr(school_year, 1, 4)::integer + 1),
    content_area          text not null check (length(content_area) between 1 and 100),
    -- Validated against schemas/lesson-data.json by the service.
    lesson_data           jsonb not null default '{}'::jsonb
                          check (jsonb_typeof(lesson_data) = 'object' and octet_length(lesson_data::text) <= 65536),
    status                text not null default 'draft' check (status in ('draft', 'review', 'published', 'archived')),
    -- Optimistic concurrency (ETag / If-Match): raised by one on every change, by the trigger below.
    version               integer not null default 1 check (version >= 1),
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    updated_by            uuid,
    search                tsvector generated always as (
                              setweight(to_tsvector('english', title), 'A')
                              || setweight(to_tsvector('english', content), 'B')
                              || setweight(jsonb_to_tsvector('english', lesson_data, '["string"]'), 'C')) stored
);
create index lessons_search_idx on lessons using gin (search);
-- Listing: own lessons and published ones, newest first.
create index lessons_user_updated_idx on lessons (user_id, updated_at desc, id desc);
create index lessons_published_updated_idx on lessons (updated_at desc, id desc) where status = 'published';
create index lessons_updated_idx on lessons (updated_at desc, id desc);
-- Every filter the API offers.
create index lessons_category_idx on lessons (subject_category_id);
create index lessons_grade_week_idx on lessons (grade_level, week);
create index lessons_week_idx on lessons (week);
create index lessons_status_idx on lessons (status);
-- Counting what a teacher may see (own or published) reads this narrow index only, not the table.
create index lessons_visibility_idx on lessons (status, user_id);
create index lessons_profile_idx on lessons (assistant_profile_id) where assistant_profile_id is not null;

-- Every earlier state of a lesson, written in the same transaction as the change that replaced it.
create table lesson_versions (
    lesson_id       integer not null references lessons (id) on delete cascade,
    version         integer not null,
    snapshot        jsonb not null,
    changed_fields  text[] not null,
    changed_by      uuid,
    changed_at      timestamptz not null default now(),
    primary key (lesson_id, version)
);

create function lesson_status_move_allowed(from_status text, to_status text) returns boolean
    language sql immutable parallel safe
    as $$
        select (from_status, to_status) in (('draft', 'review'), ('review', 'published'), ('published', 'archived'),
                                            ('review', 'draft'), ('archived', 'draft'))
    $$;

-- The owner is the creator; version, timestamps and author of the change are the database's; a
-- status moves only along the workflow; the state a change replaces is kept as a version.
create function stamp_lesson() returns trigger
    language plpgsql set search_path = ''
    as $$
declare
    changed text[];
begin
    if tg_op = 'INSERT' then
        new.version := 1;
        new.created_at := now();
        new.updated_at := now();
        new.updated_by := ${flyway:defaultSchema}.app_user_id();
        return new;
    end if;
    new.id := old.id;
    new.user_id := old.user_id;
    new.created_at := old.created_at;
    if new.status is distinct from old.status
            and not ${flyway:defaultSchema}.lesson_status_move_allowed(old.status, new.status) then
        raise exception 'a lesson cannot move from % to %', old.status, new.status using errcode = 'FA409';
    end if;
    select coalesce(array_agg(n.key order by n.key), '{}') into changed
        from jsonb_each(to_jsonb(new)) n
        where n.key not in ('version', 'updated_at', 'updated_by', 'search')
          and n.value is distinct from to_jsonb(old) -> n.key;
    if cardinality(changed) = 0 then
        new.version := old.version;
        new.updated_at := old.updated_at;
        new.updated_by := old.updated_by;
        return new;
    end if;
    insert into ${flyway:defaultSchema}.lesson_versions (lesson_id, version, snapshot, changed_fields, changed_by)
        values (old.id, old.version, to_jsonb(old) - 'search', changed, ${flyway:defaultSchema}.app_user_id());
    new.version := old.version + 1;
    new.updated_at := now();
    new.updated_by := ${flyway:defaultSchema}.app_user_id();
    return new;
end
$$;
create trigger lessons_stamp before insert or update on lessons for each row execute function stamp_lesson();

create trigger lessons_audit after insert or update or delete on lessons
    for each row execute function audit_record('id');
create trigger lesson_versions_audit after insert or delete on lesson_versions
    for each row execute function audit_record('lesson_id');

alter table lessons enable row level security;
alter table lessons force row level security;
alter table lesson_versions enable row level security;
alter table lesson_versions force row level security;

-- A teacher sees their own lessons and everyone's published ones, and writes only their own; admins
-- see and delete all; the service's feed consumers (service role) apply other services' deletions.
create policy lessons_read on lessons for select
    using (user_id = (select app_user_id()) or (status = 'published' and (select app_user_id()) is not null)
        or (select app_has_role('admin')) or (select app_has_role('service')));
create policy lessons_own_insert on lessons for insert with check (user_id = (select app_user_id()));
create policy lessons_own_update on lessons for update
    using (user_id = (select app_user_id()) or (select app_has_role('service')))
    with check (user_id = (select app_user_id()) or (select app_has_role('service')));
create policy lessons_delete on lessons for delete
    using (user_id = (select app_user_id()) or (select app_has_role('admin')) or (select app_has_role('service')));

-- History is the owner's (and admins'): earlier states include drafts nobody else may read.
create policy lesson_versions_read on lesson_versions for select
    using ((select app_has_role('admin')) or exists (select 1 from ${flyway:defaultSchema}.lessons l
        where l.id = lesson_id and l.user_id = (select app_user_id())));
create policy lesson_versions_write on lesson_versions for insert
    with check ((select app_has_role('service')) or exists (select 1 from ${flyway:defaultSchema}.lessons l
        where l.id = lesson_id and l.user_id = (select app_user_id())));

revoke all on lessons, lesson_versions from public;
grant select, insert, update, delete on lessons to ${app_role};
grant select, insert on lesson_versions to ${app_role};
