-- Request ids in the audit trail (service-kit). request_id is always the id the service made for the
-- request; the id the client sent in X-Request-Id, which anyone can choose and reuse, is kept beside
-- it in client_request_id. Rows written before this migration have none, and their hashes are
-- computed exactly as before, so the chain still verifies from its first row.
alter table ${flyway:defaultSchema}.audit_log add column client_request_id text;

create function ${flyway:defaultSchema}.audit_hash(p_prev bytea, p_seq bigint, p_at timestamptz, p_table text,
        p_op text, p_row_id text, p_actor uuid, p_roles text, p_request_id text, p_client_request_id text,
        p_changes jsonb) returns bytea
    language sql immutable parallel safe
    as $$
        select case when p_client_request_id is null
            then ${flyway:defaultSchema}.audit_hash(p_prev, p_seq, p_at, p_table, p_op, p_row_id, p_actor, p_roles,
                p_request_id, p_changes)
            else sha256(convert_to(concat_ws('|', encode(p_prev, 'hex'), p_seq::text,
                to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), p_table, p_op,
                coalesce(p_row_id, ''), coalesce(p_actor::text, ''), coalesce(p_roles, ''),
                coalesce(p_request_id, ''), 'client:' || p_client_request_id, p_changes::text), 'UTF8'))
        end
    $$;

-- Trigger arguments: the primary-key column, then any columns whose values must never be recorded.
create or replace function ${flyway:defaultSchema}.audit_record() returns trigger
    language plpgsql security definer set search_path = ''
    as $$
declare
    pk        text := coalesce(tg_argv[0], 'id');
    secret    text;
    old_row   jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    new_row   jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    changes   jsonb := '{}'::jsonb;
    key       text;
    v_seq     bigint;
    v_prev    bytea;
    v_hash    bytea;
    v_at      timestamptz;
    v_actor   uuid := ${flyway:defaultSchema}.app_user_id();
    v_roles   text := nullif(current_setting('app.roles', true), '');
    v_request text := ${flyway:defaultSchema}.app_request_id();
    v_client  text := nullif(current_setting('app.client_request_id', true), '');
    v_row_id  text;
begin
    if tg_op = 'INSERT' then
        changes := new_row;
    elsif tg_op = 'DELETE' then
        changes := old_row;
    else
        for key in select jsonb_object_keys(new_row) loop
            if new_row -> key is distinct from old_row -> key then
                changes := changes || jsonb_build_object(key, jsonb_build_array(old_row -> key, new_row -> key));
            end if;
        end loop;
        if changes = '{}'::jsonb then
            return null;
        end if;
    end if;
    for i in 1 .. coalesce(tg_nargs - 1, 0) loop
        secret := tg_argv[i];
        if changes ? secret then
            changes := jsonb_set(changes, array[secret], '"[redacted]"'::jsonb);
        end if;
    end loop;
    v_row_id := coalesce(new_row, old_row) ->> pk;

    -- Locks the head until commit: audit rows are chained in the order their transactions take it.
    update ${flyway:defaultSchema}.audit_chain_head set last_seq = last_seq + 1
        returning last_seq, last_hash into v_seq, v_prev;
    v_at := clock_timestamp(); -- taken under the lock, so times never run backwards along the chain
    v_hash := ${flyway:defaultSchema}.audit_hash(v_prev, v_seq, v_at, tg_table_name, tg_op, v_row_id, v_actor,
        v_roles, v_request, v_client, changes);
    insert into ${flyway:defaultSchema}.audit_log (seq, at, table_name, op, row_id, actor, roles, request_id,
            client_request_id, changes, prev_hash, hash)
        values (v_seq, v_at, tg_table_name, tg_op, v_row_id, v_actor, v_roles, v_request, v_client, changes, v_prev, v_hash);
    update ${flyway:defaultSchema}.audit_chain_head set last_hash = v_hash;
    return null;
end
$$;

-- Recomputes the chain; admins only. Reports the first row whose hash or link does not match, or a
-- head that does not match the last row (rows cut off the end).
create or replace function ${flyway:defaultSchema}.audit_verify()
    returns table (valid boolean, rows_checked bigint, first_invalid_seq bigint)
    language plpgsql stable security definer set search_path = ''
    as $$
declare
    r          record;
    expected   bytea;
    prev       bytea;
    n          bigint := 0;
    head       record;
begin
    if not ${flyway:defaultSchema}.app_has_role('admin') then
        raise exception 'audit verification is for administrators' using errcode = '42501';
    end if;
    select h.last_seq, h.last_hash into head from ${flyway:defaultSchema}.audit_chain_head h;
    prev := sha256(''::bytea);
    for r in select * from ${flyway:defaultSchema}.audit_log order by seq loop
        n := n + 1;
        expected := ${flyway:defaultSchema}.audit_hash(prev, r.seq, r.at, r.table_name, r.op, r.row_id, r.actor,
            r.roles, r.request_id, r.client_request_id, r.changes);
        if r.seq <> n or r.prev_hash <> prev or r.hash <> expected then
            return query select false, n, r.seq;
            return;
        end if;
        prev := r.hash;
    end loop;
    if head.last_seq <> n or head.last_hash <> prev then
        return query select false, n, n + 1;
        return;
    end if;
    return query select true, n, null::bigint;
end
$$;

revoke all on function ${flyway:defaultSchema}.audit_record() from public;
revoke all on function ${flyway:defaultSchema}.audit_verify() from public;
grant execute on function ${flyway:defaultSchema}.audit_verify() to ${app_role};
