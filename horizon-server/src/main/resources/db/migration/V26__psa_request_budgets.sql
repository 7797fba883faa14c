-- Horizon's own requests to each PSA tenant (horizon.helpdesk.RequestBudgets), so that the budget a rate gate keeps
-- (Autotask: a share of the database's hourly threshold; ConnectWise: a per-minute allowance) holds across every node
-- and across restarts. A tenant is named by a SHA-256 of its identity, never by a credential.

-- One row per tenant, locked while a node leases a block of requests, so leases of several nodes never overlap.
create table psa_request_tenants (
    psa        varchar(20)              not null, -- 'autotask', 'connectwise'
    tenant_key varchar(64)              not null, -- SHA-256, hex, of the gate's tenant identity
    leased_at  timestamp with time zone,          -- the last lease
    primary key (psa, tenant_key)
);

-- Requests leased per time slot (a minute for Autotask, five seconds for ConnectWise). A node sends a leased request
-- only within its slot, and hands back what it did not send when it leases again. Slots older than the window go.
create table psa_request_slots (
    psa        varchar(20)              not null,
    tenant_key varchar(64)              not null,
    slot_start timestamp with time zone not null,
    requests   integer                  not null,
    primary key (psa, tenant_key, slot_start)
);
