-- Idempotent consumption: a message id is recorded in the same transaction as its effects,
-- so a redelivered message is recognised and skipped.
create table processed_message (
    consumer     varchar(100) not null,
    message_id   varchar(200) not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, message_id)
);
