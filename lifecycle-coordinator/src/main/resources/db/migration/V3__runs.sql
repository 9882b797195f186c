-- Template definitions as published on ays.templates, one row per content version.
create table template_definition (
    domain                 varchar(200)  not null,
    name                   varchar(200)  not null,
    content_hash           varchar(64)   not null,
    service_hrd            text          not null,
    instance_hrd           text,
    has_management_actions boolean       not null,
    repository             varchar(2000),
    source_commit          varchar(64),
    received_at            timestamp with time zone not null,
    primary key (domain, name, content_hash)
);

create index template_definition_latest on template_definition (domain, name, received_at desc);

-- Every instance AYS knows: where it lives, what it was installed from, and its state.
create table service_instance (
    instance_key  varchar(600) primary key,
    domain        varchar(200) not null,
    name          varchar(200) not null,
    instance      varchar(200) not null,
    node          varchar(200) not null,
    template_hash varchar(64),
    answers       text         not null,
    state         varchar(30)  not null,
    active_run_id uuid,
    updated_at    timestamp with time zone not null,
    version       bigint       not null
);

-- One run per accepted request; its steps are the phase plan.
create table run (
    id               uuid primary key,
    instance_key     varchar(600) not null,
    action           varchar(30)  not null,
    request_id       varchar(200) not null,
    correlation_id   varchar(200) not null,
    status           varchar(20)  not null,
    template_hash    varchar(64),
    node             varchar(200) not null,
    no_start         boolean      not null,
    answers          text         not null,
    resolved_config  text,
    reason           text,
    created_at       timestamp with time zone not null,
    finished_at      timestamp with time zone
);

create index run_by_instance on run (instance_key, created_at desc);
create index run_active on run (status) where status in ('QUEUED', 'RUNNING');

create table run_step (
    run_id        uuid         not null references run (id) on delete cascade,
    seq           integer      not null,
    node          varchar(200) not null,
    role          varchar(20)  not null,
    phase         varchar(30)  not null,
    run_condition varchar(20)  not null,
    expectation   varchar(20)  not null,
    status        varchar(20)  not null,
    attempt       integer      not null,
    command_id    varchar(100),
    up            boolean,
    exit_code     integer,
    output_tail   text,
    reason        text,
    started_at    timestamp with time zone,
    finished_at   timestamp with time zone,
    primary key (run_id, seq)
);
