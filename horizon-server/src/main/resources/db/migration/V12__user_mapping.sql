-- Helpdesk User Mapping (horizon.mapping): which Horizon user a PSA resource is. One row per mapped helpdesk user;
-- a Horizon user maps to at most one helpdesk user of its account. Helpdesk users live in the mirror
-- (helpdesk_users) and may be tombstoned later; their mapping stays so that a revived user keeps it.
create table helpdesk_user_mappings (
    account_id                bigint                   not null references accounts (id),
    helpdesk_user_external_id bigint                   not null,
    horizon_user_id           bigint                   not null references users (id),
    mapped_at                 timestamp with time zone not null,
    mapped_by                 bigint references users (id), -- the admin who bound it
    primary key (account_id, helpdesk_user_external_id),
    constraint helpdesk_user_mappings_one_per_user unique (account_id, horizon_user_id)
);
