-- Sync run retention: how many mirror records a finished run inserted, updated or deleted, so that quiet polls (a run
-- every minute that changed nothing) can be removed after a short while in one statement. Null for runs finished
-- before this column existed; those count as not quiet and go with the general age limit.
alter table sync_runs add column records_changed bigint;
