-- A connection that stopped on a permanent failure (horizon.helpdesk.configuration): the PSA refused the credentials,
-- the integration code or a right, or the stored credentials no longer open. While the row exists nothing is scheduled
-- for the account; it goes when the credentials change or a connection test succeeds.
create table connection_failures (
    account_id  bigint                   not null primary key references accounts (id),
    failed_at   timestamp with time zone not null,
    kind        varchar(40)              not null, -- HelpdeskException.Kind
    title       varchar(200)             not null, -- e.g. "Secret wrong"
    message     varchar(4000)            not null, -- what the PSA said, in the admin's words
    advice      varchar(4000)            not null, -- what to do
    found_by    varchar(40)              not null  -- 'sync', 'test'
);

-- When each account's sync next has work (horizon.sync). The dispatcher reads only the rows that are due, so its cost
-- does not grow with the number of accounts. No row: nothing to schedule (no connection, or a stopped one).
create table sync_due (
    account_id  bigint                   not null primary key references accounts (id),
    due_at      timestamp with time zone not null,
    failures    integer                  not null, -- dispatches in a row that ended in a failure worth retrying
    last_error  varchar(2000),                     -- the last of those failures, null after a success
    updated_at  timestamp with time zone not null
);
create index sync_due_at_idx on sync_due (due_at);
insert into sync_due (account_id, due_at, failures, updated_at)
select account_id, current_timestamp, 0, current_timestamp from helpdesk_connections;
