-- The mirror: Horizon's copy of each account's PSA records (horizon.mirror).
-- Every table is keyed by (account_id, external_id), the PSA's id. Rows are written only through
-- horizon.mirror.MirrorWriter, which compares content_hash and remote_updated_at before it writes.
-- Common columns:
--   raw_json           the PSA's JSON as received
--   content_hash       SHA-256 (hex) of the typed columns and raw_json; equal hash = unchanged re-fetch
--   remote_updated_at  the PSA's watermark value (lastActivityDate / lastModifiedDateTime); null if the PSA has none
--   mirrored_at        when Horizon last wrote the row (Horizon's clock)
--   deleted_at         tombstone: when the PSA deleted the record (the PSA's clock); null while the record lives
-- Picklist codes (status, priority, types) are strings, as PSAs publish them. Portable between H2 (PostgreSQL mode)
-- and PostgreSQL 15: standard types only, no partial indexes, no ON CONFLICT.

create table tickets (
    account_id           bigint                   not null references accounts (id),
    external_id          bigint                   not null,
    ticket_number        varchar(100),
    title                varchar,
    description          text,
    status               varchar(100),
    priority             varchar(100),
    queue_id             bigint,
    issue_type           varchar(100),
    sub_issue_type       varchar(100),
    source               varchar(100),
    ticket_type          varchar(100),
    company_id           bigint,
    contact_id           bigint,
    assignee_resource_id bigint,
    assignee_role_id     bigint,
    due_at               timestamp with time zone,
    created_at           timestamp with time zone,
    completed_at         timestamp with time zone,
    last_activity_at     timestamp with time zone,
    raw_json             text,
    content_hash         varchar(64)              not null,
    remote_updated_at    timestamp with time zone,
    mirrored_at          timestamp with time zone not null,
    deleted_at           timestamp with time zone,
    primary key (account_id, external_id)
);
create index tickets_status_idx on tickets (account_id, status);
create index tickets_queue_idx on tickets (account_id, queue_id);
create index tickets_assignee_idx on tickets (account_id, assignee_resource_id);
create index tickets_remote_updated_idx on tickets (account_id, remote_updated_at);
create index tickets_number_idx on tickets (account_id, ticket_number);

create table companies (
    account_id        bigint                   not null references accounts (id),
    external_id       bigint                   not null,
    name              varchar,
    company_type      varchar(100),
    phone             varchar(100),
    is_active         boolean                  not null,
    owner_resource_id bigint,
    last_activity_at  timestamp with time zone,
    raw_json          text,
    content_hash      varchar(64)              not null,
    remote_updated_at timestamp with time zone,
    mirrored_at       timestamp with time zone not null,
    deleted_at        timestamp with time zone,
    primary key (account_id, external_id)
);

create table contacts (
    account_id        bigint                   not null references accounts (id),
    external_id       bigint                   not null,
    company_id        bigint,
    first_name        varchar,
    last_name         varchar,
    email             varchar(320),
    phone             varchar(100),
    is_active         boolean                  not null,
    last_activity_at  timestamp with time zone,
    last_modified_at  timestamp with time zone,
    raw_json          text,
    content_hash      varchar(64)              not null,
    remote_updated_at timestamp with time zone,
    mirrored_at       timestamp with time zone not null,
    deleted_at        timestamp with time zone,
    primary key (account_id, external_id)
);
create index contacts_company_idx on contacts (account_id, company_id);

create table helpdesk_users (
    account_id        bigint                   not null references accounts (id),
    external_id       bigint                   not null,
    username          varchar,
    first_name        varchar,
    last_name         varchar,
    email             varchar(320),
    is_active         boolean                  not null,
    license_type      varchar(100),
    user_type         varchar(100),
    -- the resource's roles as a JSON array [{"roleId":…,"queueId":…,"active":…}], in the PSA's order
    roles             text                     not null,
    raw_json          text,
    content_hash      varchar(64)              not null,
    remote_updated_at timestamp with time zone,
    mirrored_at       timestamp with time zone not null,
    deleted_at        timestamp with time zone,
    primary key (account_id, external_id)
);

create table ticket_notes (
    account_id          bigint                   not null references accounts (id),
    external_id         bigint                   not null,
    ticket_id           bigint                   not null,
    title               varchar,
    description         text,
    note_type           varchar(100),
    publish             varchar(100),
    creator_resource_id bigint,
    created_at          timestamp with time zone,
    last_activity_at    timestamp with time zone,
    raw_json            text,
    content_hash        varchar(64)              not null,
    remote_updated_at   timestamp with time zone,
    mirrored_at         timestamp with time zone not null,
    deleted_at          timestamp with time zone,
    primary key (account_id, external_id)
);
create index ticket_notes_ticket_idx on ticket_notes (account_id, ticket_id);
create index ticket_notes_remote_updated_idx on ticket_notes (account_id, remote_updated_at);

create table time_entries (
    account_id        bigint                   not null references accounts (id),
    external_id       bigint                   not null,
    ticket_id         bigint,
    resource_id       bigint,
    role_id           bigint,
    date_worked       date,
    start_at          timestamp with time zone,
    end_at            timestamp with time zone,
    hours_worked      numeric(9, 4),
    summary_notes     text,
    internal_notes    text,
    billable          boolean                  not null,
    created_at        timestamp with time zone,
    last_modified_at  timestamp with time zone,
    raw_json          text,
    content_hash      varchar(64)              not null,
    remote_updated_at timestamp with time zone,
    mirrored_at       timestamp with time zone not null,
    deleted_at        timestamp with time zone,
    primary key (account_id, external_id)
);
create index time_entries_ticket_idx on time_entries (account_id, ticket_id);
create index time_entries_remote_updated_idx on time_entries (account_id, remote_updated_at);

-- Every value of every picklist Horizon mirrors, inactive ones included so that old records still map.
-- "code" is the picklist value (H2 reserves the word VALUE).
create table picklist_values (
    account_id   bigint                   not null references accounts (id),
    entity       varchar(100)             not null,
    field        varchar(100)             not null,
    code         varchar(100)             not null,
    label        varchar,
    is_active    boolean                  not null,
    is_default   boolean                  not null,
    sort_order   integer                  not null,
    parent_value varchar(100),
    refreshed_at timestamp with time zone not null,
    primary key (account_id, entity, field, code)
);
