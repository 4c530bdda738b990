-- Whose data each audited row holds, and which of its columns are that person's (service-kit V0_7):
-- those values reach the audit trail only encrypted under the person's own key, which their erasure
-- shreds. Secret columns stay out altogether, as before.
drop trigger users_audit on users;
create trigger users_audit after insert or update or delete on users
    for each row execute function audit_record('id', 'password_hash', 'subject:id', 'personal:email',
        'personal:name', 'personal:school', 'personal:department', 'personal:subjects', 'personal:grade_levels');
drop trigger user_preferences_audit on user_preferences;
create trigger user_preferences_audit after insert or update or delete on user_preferences
    for each row execute function audit_record('user_id', 'subject:user_id', 'personal:theme', 'personal:language',
        'personal:timezone', 'personal:notifications');
-- An unkeyed hash of a known email is as good as the email; an attempt for an unknown email has no
-- subject, and keeps neither.
drop trigger login_events_audit on login_events;
create trigger login_events_audit after insert or update or delete on login_events
    for each row execute function audit_record('id', 'subject:user_id', 'personal:email_hash', 'personal:client_ip');

-- Entries written before this release hold those values in the clear: dropped (service-kit V0_7).
select audit_forget_legacy_personal('users', 'email', 'name', 'school', 'department', 'subjects', 'grade_levels');
select audit_forget_legacy_personal('user_preferences', 'theme', 'language', 'timezone', 'notifications');
select audit_forget_legacy_personal('login_events', 'email_hash', 'client_ip');
