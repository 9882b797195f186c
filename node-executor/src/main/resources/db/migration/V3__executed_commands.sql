-- Every command this executor took on, with its result once known. A redelivered command is
-- answered from here instead of being run again.
create table executed_command (
    command_id  varchar(100) primary key,
    instance_key varchar(600) not null,
    phase       varchar(30)  not null,
    started_at  timestamp with time zone not null,
    result      text
);
