-- The runs the coordinator announces on ays.service-events (accepted, then finished), for the
-- dashboard's runs view; forgotten with the processed-message ids (ays.messaging.processed-retention).
create table run_summary (
    run_id        uuid         primary key,
    instance_key  varchar(302) not null,
    action        varchar(20)  not null,
    node          varchar(63),
    steps         integer,
    accepted_at   timestamp with time zone,
    outcome       varchar(20),
    reason        text,
    failed_phase  varchar(30),
    finished_at   timestamp with time zone,
    duration_ms   bigint,
    received_at   timestamp with time zone not null
);

create index run_summary_newest on run_summary (received_at desc);
