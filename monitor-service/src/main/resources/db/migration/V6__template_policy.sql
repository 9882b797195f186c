-- Templates' own restart settings (monitor.restart.* in service.hrd, from ays.templates).
create table template_policy (
    template_key     varchar(200) primary key,
    content_hash     varchar(64)  not null,
    initial_delay_ms bigint,
    multiplier       double precision,
    max_delay_ms     bigint,
    reset_after_ms   bigint,
    max_restarts     integer,
    updated_at       timestamp with time zone not null
);
