-- When the monitor itself received an instance's last report: silence is measured on the
-- monitor's clock, so a node whose clock is off is not taken for silent.
alter table instance_health add column last_received_at timestamp with time zone;

create index instance_health_by_node on instance_health (node);

-- The last heartbeat of every node (ays.nodes) and whether the monitor takes it for silent.
create table node_status (
    node_id           varchar(63) primary key,
    version           varchar(100),
    started_at        timestamp with time zone,
    interval_seconds  integer      not null,
    last_sent_at      timestamp with time zone not null,
    last_received_at  timestamp with time zone not null,
    silent            boolean      not null,
    silent_since      timestamp with time zone,
    updated_at        timestamp with time zone not null
);
