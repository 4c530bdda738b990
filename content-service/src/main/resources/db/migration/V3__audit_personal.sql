-- Whose data each audited row holds, and which of its columns are that teacher's (service-kit V0_7): a
-- lesson's text reaches the audit trail only encrypted under its owner's key, which their erasure shreds.
-- The search vector is derived from that text and is not recorded at all.
drop trigger lessons_audit on lessons;
create trigger lessons_audit after insert or update or delete on lessons
    for each row execute function audit_record('id', 'search', 'subject:user_id', 'personal:title',
        'personal:content', 'personal:lesson_data');
drop trigger lesson_versions_audit on lesson_versions;
create trigger lesson_versions_audit after insert or delete on lesson_versions
    for each row execute function audit_record('lesson_id', 'subject:snapshot.user_id', 'personal:snapshot');

-- Entries written before this release hold those values in the clear: dropped (service-kit V0_7).
select audit_forget_legacy_personal('lessons', 'title', 'content', 'lesson_data', 'search');
select audit_forget_legacy_personal('lesson_versions', 'snapshot');
