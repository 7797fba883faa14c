-- How far back the mirrored tickets reach, so that widening the ingest window reads only the stretch not yet covered.

-- One row per account once its first backfill has finished: tickets whose PSA watermark (lastActivityDate) is at or
-- after covered_from were read (by the backfill or a later widening) and are followed by polls from then on. It only
-- moves back: narrowing the window deletes nothing and leaves it where it is.
create table sync_ticket_window (
    account_id   bigint                   not null primary key references accounts (id),
    covered_from timestamp with time zone not null,
    window_days  integer                  not null, -- the ingest window setting (days) that reached covered_from
    updated_at   timestamp with time zone not null
);

-- A BACKFILL run that widens the window reads tickets changed in [window_start, window_end): window_end is where the
-- covered stretch began. Null for the first backfill, which reads everything since window_start.
alter table sync_runs add column window_end timestamp with time zone;
-- What a run covers, in words for the Sync Run logs page, e.g. "ingest window widened from 30 to 90 days".
alter table sync_runs add column scope varchar(300);
