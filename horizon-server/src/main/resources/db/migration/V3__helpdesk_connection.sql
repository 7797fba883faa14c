-- The account's connection to its PSA (one per account) and what Horizon syncs from it.
-- Credentials are SecretBox envelopes: the columns never hold a credential in clear.
create table helpdesk_connections (
    account_id               bigint                   not null primary key references accounts (id),
    kind                     varchar(32)              not null,
    username_sealed          varchar(2000)            not null,
    secret_sealed            varchar(2000)            not null,
    integration_code_sealed  varchar(2000)            not null,
    zone_name                varchar(200)             not null,
    zone_api_url             varchar(500)             not null,
    zone_web_url             varchar(500)             not null,
    resource_id              bigint,
    resource_name            varchar(300),
    last_test_at             timestamp with time zone not null,
    last_test_ok             boolean                  not null,
    last_test_message        varchar(2000),            -- why the last test failed, in the admin's words; null after a success
    last_success_at          timestamp with time zone,
    budget_requests_used     integer,                  -- the last ThresholdInformation reading
    budget_threshold         integer,
    budget_timeframe_minutes integer,
    budget_read_at           timestamp with time zone,
    created_at               timestamp with time zone not null,
    updated_at               timestamp with time zone not null
);

create table helpdesk_sync_settings (
    account_id               bigint                   not null primary key references accounts (id),
    sync_tickets             boolean                  not null default true,
    sync_companies           boolean                  not null default true,
    sync_contacts            boolean                  not null default true,
    sync_helpdesk_users      boolean                  not null default true,
    sync_notes               boolean                  not null default true,
    sync_time_entries        boolean                  not null default true,
    ingest_window_days       integer                  not null default 30
        check (ingest_window_days between 1 and 3650),
    polling_interval_seconds integer                  not null default 300
        check (polling_interval_seconds >= 30),
    updated_at               timestamp with time zone not null,
    check (sync_tickets or sync_companies or sync_contacts or sync_helpdesk_users or sync_notes or sync_time_entries)
);
