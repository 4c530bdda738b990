-- content-service schema, part 1: the subject category tree. Runs as the schema owner; ${app_role}
-- is the role the service logs in as. The tree's integrity is the database's job: no cycles, a
-- maximum depth, path and depth kept by triggers, and concurrent moves serialised so that two moves
-- that are each fine alone cannot together make a cycle.

create table subject_categories (
    id           integer generated always as identity primary key,
    name         text not null check (length(name) between 1 and 100 and name = btrim(name)),
    description  text check (length(description) <= 2000),
    parent_id    integer references subject_categories (id) on delete restrict,
    -- Display metadata, validated against schemas/category-metadata.json by the service.
    metadata     jsonb not null default '{}'::jsonb
                 check (jsonb_typeof(metadata) = 'object' and octet_length(metadata::text) <= 4096),
    -- Maintained by the triggers below: the ids from the root down to this category, and its depth
    -- (0 for a root). Written by nothing else.
    path         integer[] not null,
    depth        integer not null check (depth between 0 and 4),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    check (parent_id is distinct from id),
    check (cardinality(path) = depth + 1 and path[cardinality(path)] = id)
);
create unique index subject_categories_name_key on subject_categories (lower(name));
create index subject_categories_parent_idx on subject_categories (parent_id);
create index subject_categories_path_idx on subject_categories using gin (path);

create function max_category_depth() returns integer language sql immutable parallel safe as $$ select 4 $$;

-- Places a category under its parent: refuses cycles and too deep trees, and sets path and depth.
create function place_category() returns trigger
    language plpgsql set search_path = ''
    as $$
declare
    parent_path  integer[];
    subtree      integer;
begin
    if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id then
        -- Only the cascade below (a nested trigger) may rewrite path and depth.
        if pg_trigger_depth() = 1 then
            new.path := old.path;
            new.depth := old.depth;
        end if;
        new.updated_at := now();
        return new;
    end if;
    -- One tree change at a time: a move checks the tree as the previous move committed it.
    perform pg_advisory_xact_lock(hashtext('${flyway:defaultSchema}.subject_categories'));
    if new.parent_id is null then
        parent_path := '{}';
    else
        select c.path into parent_path from ${flyway:defaultSchema}.subject_categories c where c.id = new.parent_id;
        if parent_path is null then
            raise exception 'parent category % does not exist', new.parent_id using errcode = '23503';
        end if;
        if new.id = any (parent_path) then
            raise exception 'a category cannot move under itself or one of its descendants' using errcode = 'FA409';
        end if;
    end if;
    new.path := parent_path || new.id;
    new.depth := cardinality(parent_path);
    if tg_op = 'UPDATE' then
        select coalesce(max(c.depth), old.depth) - old.depth into subtree
            from ${flyway:defaultSchema}.subject_categories c where c.path @> array[old.id];
    else
        subtree := 0;
    end if;
    if new.depth + subtree > ${flyway:defaultSchema}.max_category_depth() then
        raise exception 'the category tree may be at most % levels deep', ${flyway:defaultSchema}.max_category_depth() + 1
            using errcode = 'FA409';
    end if;
    if tg_op = 'INSERT' then
        new.created_at := now();
    else
        new.created_at := old.created_at;
    end if;
    new.updated_at := now();
    return new;
end
$$;
create trigger subject_categories_place before insert or update on subject_categories
    for each row execute function place_category();

-- After a move, the moved category's descendants follow it.
create function move_descendants() returns trigger
    language plpgsql set search_path = ''
    as $$
begin
    update ${flyway:defaultSchema}.subject_categories c
        set path = new.path || c.path[cardinality(old.path) + 1:],
            depth = new.depth + c.depth - old.depth
        where c.path @> array[old.id] and c.id <> old.id;
    return null;
end
$$;
create trigger subject_categories_move after update of parent_id on subject_categories
    for each row when (old.parent_id is distinct from new.parent_id) execute function move_descendants();

create trigger subject_categories_audit after insert or update or delete on subject_categories
    for each row execute function audit_record('id');

alter table subject_categories enable row level security;
alter table subject_categories force row level security;
-- Everyone signed in (and other services) reads the tree; admins change it.
create policy categories_read on subject_categories for select
    using ((select app_user_id()) is not null or (select app_has_role('admin')) or (select app_has_role('service')));
create policy categories_admin_insert on subject_categories for insert with check ((select app_has_role('admin')));
create policy categories_admin_update on subject_categories for update
    using ((select app_has_role('admin'))) with check ((select app_has_role('admin')));
create policy categories_admin_delete on subject_categories for delete using ((select app_has_role('admin')));

revoke all on subject_categories from public;
grant select, insert, update, delete on subject_categories to ${app_role};
revoke all on function max_category_depth() from public;
grant execute on function max_category_depth() to ${app_role};
