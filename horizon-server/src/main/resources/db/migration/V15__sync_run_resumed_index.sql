-- Retention keeps the first run of a backfill that a remaining run resumed; finding those runs looks runs up by the
-- run they resumed, once per candidate, which without this index reads all of the account's runs each time.
create index sync_runs_resumed_idx on sync_runs (account_id, resumed_from_run_id);
