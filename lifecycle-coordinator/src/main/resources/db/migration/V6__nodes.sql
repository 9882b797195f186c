-- The nodes the coordinator has heard from (heartbeats on ays.nodes), to hold commands for a node
-- that is unknown or silent instead of sending them into the void.
create table node_heartbeat (
    node_id           varchar(200) primary key,
    version           varchar(100) not null,
    interval_seconds  integer      not null,
    sent_at           timestamp with time zone not null,
    received_at       timestamp with time zone not null
);

-- When a step began waiting for its node (null when it is not waiting).
alter table run_step add column node_wait_since timestamp with time zone;
