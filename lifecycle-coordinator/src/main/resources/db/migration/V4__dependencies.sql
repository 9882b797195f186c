-- What each installed instance depends on (its dependencies.N, resolved at install): stops and
-- uninstalls walk these in reverse, and keep a dependency another instance still uses.
create table instance_dependency (
    instance_key varchar(600) not null,
    depends_on   varchar(600) not null,
    primary key (instance_key, depends_on)
);

create index instance_dependency_users on instance_dependency (depends_on);

-- The runs of one request form a graph: a run waits for its prerequisites to succeed.
alter table run add column root_run_id uuid;
alter table run add column required_by varchar(600);
alter table run add column request_position integer not null default 0;

create table run_prerequisite (
    run_id              uuid not null references run (id) on delete cascade,
    prerequisite_run_id uuid not null references run (id) on delete cascade,
    primary key (run_id, prerequisite_run_id)
);

create index run_prerequisite_waiters on run_prerequisite (prerequisite_run_id);
