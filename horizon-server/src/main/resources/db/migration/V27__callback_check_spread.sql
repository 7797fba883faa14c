-- When each account's webhooks were last compared with what its PSA reports (horizon.callback). The periodic check
-- reads only the accounts whose last check is older than its interval, a bounded batch at a time, so a tick's work
-- does not grow with the number of accounts and the checks spread over the interval.
alter table callback_registrations add column checked_at timestamp with time zone;
update callback_registrations set checked_at = attempted_at;
alter table callback_registrations alter column checked_at set not null;
create index callback_registrations_checked_idx on callback_registrations (checked_at);
