-- The W3C traceparent of the span that caused a message: the relay sends it as a record header.
alter table outbox add column traceparent varchar(64);
